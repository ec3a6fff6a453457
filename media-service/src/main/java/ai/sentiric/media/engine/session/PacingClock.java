package ai.sentiric.media.engine.session;

import java.util.PriorityQueue;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;

/**
 * The outbound clock: one thread that keeps every session on its own 20 ms grid. Sessions wait
 * in a queue ordered by their next due time; each is ticked when due and put back due one frame
 * later. The due time is counted from the session's start, never from when the last tick
 * happened to run, so late ticks do not accumulate into drift, and a session that fell far behind
 * (a long GC pause) skips to the grid instead of sending a burst.
 */
final class PacingClock implements Runnable {

    /** Behind by more than this, a session jumps to the grid rather than catch up in a burst. */
    private static final long MAX_LAG_NANOS = 5 * Session.FRAME_NANOS;
    /**
     * Sessions due this soon are ticked with the one due now. Many sessions spread over the frame
     * would otherwise wake the clock every few microseconds (a real-time thread's sleeps are not
     * coalesced by the kernel's timer slack), and each wake-up costs more than a tick.
     */
    private static final long EARLY_NANOS = 200_000L;
    /** The longest the clock sleeps, so that new sessions are picked up promptly. */
    private static final long MAX_PARK_NANOS = 1_000_000L;

    private final PriorityQueue<Session> due = new PriorityQueue<>((a, b) -> Long.compare(a.nextDueNanos, b.nextDueNanos));
    private final Queue<Session> added = new ConcurrentLinkedQueue<>();
    private final EngineListener listener;
    private final BiConsumer<Session, EndReason> expire;
    private final int realtimePriority;
    /** Whether the clock's thread got real-time scheduling, once it started. */
    private final CompletableFuture<Boolean> realtime = new CompletableFuture<>();
    private volatile boolean running = true;

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
        added.add(session);
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        realtime.complete(realtimePriority > 0 && RealtimeScheduling.raiseCurrentThread(realtimePriority));
        while (running) {
            for (Session session; (session = added.poll()) != null; ) {
                due.add(session);
            }
            Session next = due.peek();
            long now = System.nanoTime();
            if (next == null || next.nextDueNanos - EARLY_NANOS > now) {
                LockSupport.parkNanos(next == null ? MAX_PARK_NANOS : Math.min(MAX_PARK_NANOS, next.nextDueNanos - EARLY_NANOS - now));
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
