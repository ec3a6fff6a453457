package ai.sentiric.media.engine.session;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Real-time scheduling (Linux {@code SCHED_FIFO}) for the calling thread, through the C library's
 * {@code sched_setscheduler}: what FreeSWITCH's {@code -rp} and Asterisk's {@code -p} give their
 * timing threads. A thread at real-time priority runs the moment it wakes, ahead of every normally
 * scheduled thread of every process, so a busy machine delays it by microseconds, not by a
 * scheduler time slice. It needs CAP_SYS_NICE (root, or the container's capability); without it the
 * thread simply stays as it was.
 */
final class RealtimeScheduling {

    private static final int SCHED_FIFO = 1;
    private static final @Nullable MethodHandle SCHED_SETSCHEDULER = lookup();

    private RealtimeScheduling() {
    }

    /** Puts the calling thread at {@code SCHED_FIFO} {@code priority} (1-99); false where that is not allowed. */
    static boolean raiseCurrentThread(int priority) {
        if (SCHED_SETSCHEDULER == null || priority < 1 || priority > 99) {
            return false;
        }
        try (Arena arena = Arena.ofConfined()) {
            // struct sched_param { int sched_priority; }; pid 0 is the calling thread.
            MemorySegment param = arena.allocate(ValueLayout.JAVA_INT);
            param.set(ValueLayout.JAVA_INT, 0, priority);
            return (int) SCHED_SETSCHEDULER.invokeExact(0, SCHED_FIFO, param) == 0;
        } catch (Throwable e) {
            return false;
        }
    }

    private static @Nullable MethodHandle lookup() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
            return null;
        }
        try {
            Linker linker = Linker.nativeLinker();
            return linker.defaultLookup().find("sched_setscheduler")
                    .map(function -> linker.downcallHandle(function,
                            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS)))
                    .orElse(null);
        } catch (RuntimeException | LinkageError e) {
            // Native access refused (--illegal-native-access=deny) or no C library: normal scheduling.
            return null;
        }
    }
}
