package ai.sentiric.sip.stack.jain;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.stack.SIPStackTimerTask;
import gov.nist.javax.sip.stack.timers.SipTimer;
import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.TimerTask;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JAIN-SIP's transaction and dialog timers on a hashed wheel (Netty's) that advances every
 * {@link #TICK_MILLIS} ms and runs whatever fell due in that tick, instead of the stack's default
 * {@code java.util.Timer}, which wakes its thread for every task at that task's own moment. A call
 * leaves several timers behind (its transactions' timers, its dialog's linger), each
 * a wake-up of the default timer's thread on a core the calls need; the wheel wakes a hundred times
 * a second whatever the load (at 500 calls/s, half a context switch a call fewer in
 * sip-signaling, docs/performance/sip-call-rate.md), and a cancelled timer leaves its slot at once
 * instead of waiting in a heap until it comes due. SIP's timers count in half seconds (T1); firing
 * up to one tick late changes nothing.
 *
 * <p>The stack creates it by name ({@code gov.nist.javax.sip.TIMER_CLASS_NAME}), so it needs its
 * public no-argument constructor.
 */
public final class WheelSipTimer implements SipTimer {

    private static final Logger log = LoggerFactory.getLogger(WheelSipTimer.class);
    static final long TICK_MILLIS = 10;
    /** 512 slots of 10 ms: one turn of the wheel is about 5 s, so a 32 s timer goes round it six times. */
    private static final int SLOTS = 512;

    /**
     * What the stack's task holds as its timer handle: the current timeout (a periodic task gets a
     * new one after each run) and whether it was cancelled, which stops the next run.
     */
    private static final class Scheduled {
        private final boolean periodic;
        private volatile @Nullable Timeout timeout;
        private volatile boolean cancelled;

        Scheduled(boolean periodic) {
            this.periodic = periodic;
        }

        /**
         * True when the cancel stopped a run to come, as {@code java.util.TimerTask#cancel} answers:
         * a one-off task's pending timeout, or any later run of a periodic task, even one cancelled
         * while it runs (its next timeout does not exist yet).
         */
        boolean cancel() {
            boolean first = !cancelled;
            cancelled = true;
            Timeout current = timeout;
            boolean pending = current != null && current.cancel();
            return periodic ? first : pending;
        }
    }

    private volatile @Nullable HashedWheelTimer wheel;

    @Override
    public void start(SipStackImpl stack, Properties configuration) {
        HashedWheelTimer started = new HashedWheelTimer(Thread.ofPlatform().name("sip-timer").daemon().factory(),
                TICK_MILLIS, TimeUnit.MILLISECONDS, SLOTS);
        started.start();
        wheel = started;
    }

    @Override
    public void stop() {
        HashedWheelTimer stopped = wheel;
        wheel = null;
        if (stopped != null) {
            stopped.stop();
        }
    }

    @Override
    public boolean isStarted() {
        return wheel != null;
    }

    @Override
    public boolean schedule(SIPStackTimerTask task, long delayMillis) {
        Scheduled scheduled = new Scheduled(false);
        task.setSipTimerTask(scheduled);
        scheduled.timeout = running().newTimeout(ignored -> {
            if (!scheduled.cancelled) {
                run(task);
            }
        }, delayMillis, TimeUnit.MILLISECONDS);
        return true;
    }

    @Override
    public boolean scheduleWithFixedDelay(SIPStackTimerTask task, long delayMillis, long periodMillis) {
        Scheduled scheduled = new Scheduled(true);
        task.setSipTimerTask(scheduled);
        HashedWheelTimer timer = running();
        TimerTask repeat = new TimerTask() {
            @Override
            public void run(Timeout timeout) {
                if (scheduled.cancelled) {
                    return;
                }
                WheelSipTimer.run(task);
                HashedWheelTimer current = wheel;
                if (!scheduled.cancelled && current != null) {
                    scheduled.timeout = current.newTimeout(this, periodMillis, TimeUnit.MILLISECONDS);
                }
            }
        };
        scheduled.timeout = timer.newTimeout(repeat, delayMillis, TimeUnit.MILLISECONDS);
        return true;
    }

    /** As the stack's own timers do: the task cleans up first and forgets its handle; false if it had none. */
    @Override
    public boolean cancel(SIPStackTimerTask task) {
        if (!(task.getSipTimerTask() instanceof Scheduled scheduled)) {
            return false;
        }
        task.cleanUpBeforeCancel();
        task.setSipTimerTask(null);
        return scheduled.cancel();
    }

    private HashedWheelTimer running() {
        HashedWheelTimer current = wheel;
        if (current == null) {
            throw new IllegalStateException("the SIP stack's timer is stopped: no new timers");
        }
        return current;
    }

    /** A failing task must not stop the timers of every other call. */
    private static void run(SIPStackTimerTask task) {
        try {
            task.runTask();
        } catch (RuntimeException e) {
            log.warn("SIP stack timer task {} failed", task.getClass().getName(), e);
        }
    }
}
