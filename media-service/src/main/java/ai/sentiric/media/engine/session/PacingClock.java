package ai.sentiric.media.engine.session;

import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * The outbound clock: one thread that keeps every session on its own 20 ms grid. Sessions wait
 * in a queue ordered by their next due time; each is ticked when due and put back due one frame
 * later. The due time is counted from the session's start, never from when the last tick
 * happened to run, so late ticks do not accumulate into drift, and a session that fell far behind
 * (a long GC pause) skips to the grid instead of sending a burst.
 *
 * <p>Every session's frames fall on {@link #SLOT_NANOS} slots, so that the sessions of a slot
 * share one wake-up: each wake-up of a real-time thread costs more than the ticks it does (on a
 * virtual machine, a timer interrupt and a context switch), and sessions spread over the frame
 * would otherwise wake the clock once each. The clock sleeps until the next slot that has a
 * session; a new session wakes it only when its first frame is due before that (an idle clock,
 * asleep for a second), so that a busy clock is not woken once more for every call it takes.
 */
final class PacingClock implements Runnable {

    /** Behind by more than this, a session jumps to the grid rather than catch up in a burst. */
    private static final long MAX_LAG_NANOS = 5 * Session.FRAME_NANOS;
    /**
     * The grid frames fall on. A new session's first frame comes up to a slot later than it would
     * otherwise; 20 ms frames stay on it. With 2 ms, a clock wakes at most 500 times a second
     * however many sessions it carries.
     */
    static final long SLOT_NANOS = 2_000_000L;
    /** Sessions due this soon are ticked with the ones due now (a wake-up may come a little late). */
    private static final long EARLY_NANOS = 200_000L;
    /** The longest an idle clock sleeps; a new session wakes it at once. */
    private static final long IDLE_PARK_NANOS = 1_000_000_000L;

    /** By due time, then port: the sessions of a slot go out in the same order every frame, so none jitters within it. */
    private final PriorityQueue<Session> due = new PriorityQueue<>(
            Comparator.<Session>comparingLong(session -> session.nextDueNanos).thenComparingInt(session -> session.port));
    private final Queue<Session> added = new ConcurrentLinkedQueue<>();
    private final EngineListener listener;
    private final BiConsumer<Session, EndReason> expire;
    private final int realtimePriority;
    /** Whether the clock's thread got real-time scheduling, once it started. */
    private final CompletableFuture<Boolean> realtime = new CompletableFuture<>();
    private volatile boolean running = true;
    private volatile @Nullable Thread thread;
    /** When the clock, parked or about to park, wakes by itself. */
    private volatile long wakesAt = System.nanoTime();
    /** How many added sessions had to wake the clock. */
    private final AtomicLong wakeUps = new AtomicLong();

    PacingClock(EngineListener listener, BiConsumer<Session, EndReason> expire, int realtimePriority) {
        this.listener = listener;
        this.expire = expire;
        this.realtimePriority = realtimePriority;
    }

    /** Completes when the clock's thread started: true when it runs at real-time priority. */
    CompletableFuture<Boolean> scheduling() {
        return realtime;
    }

    void add(Session session) {
        session.nextDueNanos = onSlot(session.nextDueNanos);
        added.add(session);
        // The clock sets wakesAt before it looks at the added sessions one last time and parks:
        // either it sees this session, or this reads the time it parks until.
        if (session.nextDueNanos - EARLY_NANOS - wakesAt < 0) {
            wakeUps.incrementAndGet();
            LockSupport.unpark(thread);
        }
    }

    /** How many added sessions had to wake the clock. */
    long wakeUps() {
        return wakeUps.get();
    }

    void stop() {
        running = false;
        LockSupport.unpark(thread);
    }

    /** The first slot at or after the given time. */
    static long onSlot(long nanos) {
        return Math.ceilDiv(nanos, SLOT_NANOS) * SLOT_NANOS;
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        realtime.complete(realtimePriority > 0 && RealtimeScheduling.raiseCurrentThread(realtimePriority));
        while (running) {
            for (Session session; (session = added.poll()) != null; ) {
                due.add(session);
            }
            Session next = due.peek();
            long now = System.nanoTime();
            if (next == null || next.nextDueNanos - EARLY_NANOS > now) {
                long sleep = next == null ? IDLE_PARK_NANOS : next.nextDueNanos - EARLY_NANOS - now;
                wakesAt = now + sleep;
                if (added.isEmpty()) {
                    LockSupport.parkNanos(sleep);
                }
                continue;
            }
            due.poll();
            if (next.ended()) {
                continue;
            }
            try {
                listener.paced(Math.max(0, now - next.nextDueNanos));
                EndReason end = next.tick(now);
                if (end != null) {
                    expire.accept(next, end);
                    continue;
                }
            } catch (RuntimeException e) {
                // A failing session must not stop the clock of every other call.
            }
            next.nextDueNanos += Session.FRAME_NANOS;
            if (now - next.nextDueNanos > MAX_LAG_NANOS) {
                long skipped = (now - next.nextDueNanos) / Session.FRAME_NANOS;
                next.nextDueNanos += skipped * Session.FRAME_NANOS;
                next.skipped(skipped);
            }
            due.add(next);
        }
    }
}
