package ai.sentiric.sip.stack.jain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import gov.nist.javax.sip.stack.SIPStackTimerTask;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.core.ThrowingRunnable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WheelSipTimerTests {

    private final WheelSipTimer timer = new WheelSipTimer();

    /** A stack task that counts its runs and its clean-ups before a cancel. */
    private static class Counting extends SIPStackTimerTask {
        final AtomicInteger runs = new AtomicInteger();
        final AtomicInteger cleanUps = new AtomicInteger();
        final CountDownLatch ran;

        Counting(int expectedRuns) {
            ran = new CountDownLatch(expectedRuns);
        }

        @Override
        public void runTask() {
            runs.incrementAndGet();
            ran.countDown();
        }

        @Override
        public void cleanUpBeforeCancel() {
            cleanUps.incrementAndGet();
        }

        @Override
        public Object getThreadHash() {
            return null;
        }
    }

    @BeforeEach
    void start() {
        timer.start(null, new Properties());
    }

    @AfterEach
    void stop() {
        timer.stop();
    }

    @Test
    void runsATaskOnceAfterItsDelay() throws InterruptedException {
        Counting task = new Counting(1);
        long scheduled = System.nanoTime();
        assertThat(timer.schedule(task, 50)).isTrue();

        assertThat(task.ran.await(2, TimeUnit.SECONDS)).isTrue();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - scheduled)).isGreaterThanOrEqualTo(50);
        holdsFor(Duration.ofMillis(100), () -> assertThat(task.runs).hasValue(1));
    }

    @Test
    void aCancelledTaskCleansUpAndNeverRuns() {
        Counting task = new Counting(1);
        timer.schedule(task, 100);

        assertThat(timer.cancel(task)).isTrue();
        assertThat(task.cleanUps).hasValue(1);
        assertThat(task.getSipTimerTask()).isNull();
        // Cancelled again, or never scheduled: nothing to cancel.
        assertThat(timer.cancel(task)).isFalse();
        assertThat(timer.cancel(new Counting(1))).isFalse();
        holdsFor(Duration.ofMillis(250), () -> assertThat(task.runs).hasValue(0));
    }

    @Test
    void repeatsAPeriodicTaskUntilItIsCancelled() throws InterruptedException {
        Counting task = new Counting(3);
        timer.scheduleWithFixedDelay(task, 20, 20);

        assertThat(task.ran.await(2, TimeUnit.SECONDS)).isTrue();
        assertThat(timer.cancel(task)).isTrue();
        int runs = task.runs.get();
        holdsFor(Duration.ofMillis(150), () -> assertThat(task.runs.get()).isLessThanOrEqualTo(runs + 1));
    }

    @Test
    void aPeriodicTaskCancelledWhileItRunsRunsNoMore() throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Counting task = new Counting(1) {
            @Override
            public void runTask() {
                super.runTask();
                running.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        timer.scheduleWithFixedDelay(task, 10, 10);
        assertThat(running.await(2, TimeUnit.SECONDS)).isTrue();

        // Its timeout has fired and the next is not made yet; the cancel still stops every later run.
        assertThat(timer.cancel(task)).isTrue();
        release.countDown();
        holdsFor(Duration.ofMillis(150), () -> assertThat(task.runs).hasValue(1));
    }

    @Test
    void aFailingTaskDoesNotStopTheOthers() throws InterruptedException {
        SIPStackTimerTask failing = new Counting(1) {
            @Override
            public void runTask() {
                throw new IllegalStateException("a task that fails");
            }
        };
        Counting after = new Counting(1);
        timer.schedule(failing, 10);
        timer.schedule(after, 60);

        assertThat(after.ran.await(2, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void takesNoTaskOnceStopped() {
        timer.stop();

        assertThat(timer.isStarted()).isFalse();
        assertThatThrownBy(() -> timer.schedule(new Counting(1), 10)).isInstanceOf(IllegalStateException.class);
    }

    /** The assertion holds all along the given time (nothing runs that should not). */
    private static void holdsFor(Duration time, ThrowingRunnable assertion) {
        await().during(time).atMost(time.plusSeconds(1)).untilAsserted(assertion);
    }
}
