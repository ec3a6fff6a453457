package ai.sentiric.media.engine.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

@EnabledOnOs(OS.LINUX)
class RealtimeSchedulingTests {

    /** CAP_SYS_NICE: what lets a process give its threads real-time priority. */
    private static final int CAP_SYS_NICE = 23;

    @Test
    void aThreadGetsSchedFifoExactlyWhenTheProcessMayGiveIt() throws Exception {
        AtomicBoolean raised = new AtomicBoolean();
        AtomicInteger policy = new AtomicInteger(-1);
        AtomicInteger priority = new AtomicInteger(-1);
        Thread thread = Thread.ofPlatform().start(() -> {
            raised.set(RealtimeScheduling.raiseCurrentThread(10));
            String[] stat = stat();
            priority.set(Integer.parseInt(stat[40 - 3]));
            policy.set(Integer.parseInt(stat[41 - 3]));
        });
        thread.join();

        assertThat(raised.get()).isEqualTo(mayRaise());
        // What the kernel says about the thread, not what the call returned: SCHED_FIFO (1) at 10, or untouched.
        assertThat(policy.get()).isEqualTo(raised.get() ? 1 : 0);
        assertThat(priority.get()).isEqualTo(raised.get() ? 10 : 0);
    }

    @Test
    void prioritiesOutsideOneToNinetyNineAreRefused() {
        assertThat(RealtimeScheduling.raiseCurrentThread(0)).isFalse();
        assertThat(RealtimeScheduling.raiseCurrentThread(100)).isFalse();
    }

    /** The calling thread's /proc stat fields from the third (state) on, so field n is at n - 3. */
    private static String[] stat() {
        try {
            String stat = Files.readString(Path.of("/proc/thread-self/stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean mayRaise() throws Exception {
        String effective = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(line -> line.startsWith("CapEff:"))
                .map(line -> line.substring("CapEff:".length()).trim()).findFirst().orElse("0");
        return new BigInteger(effective, 16).testBit(CAP_SYS_NICE);
    }
}
