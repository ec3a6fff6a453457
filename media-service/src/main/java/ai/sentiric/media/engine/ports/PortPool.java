package ai.sentiric.media.engine.ports;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The even RTP ports of a range (the odd one above each is left for RTCP). A released port rests
 * in quarantine before it is handed out again, so that late packets of the old call never reach
 * a new one. Thread-safe: every method is synchronized.
 */
public final class PortPool {

    private record Resting(int port, Instant until) {
    }

    private final Deque<Integer> free = new ArrayDeque<>();
    private final Deque<Resting> quarantine = new ArrayDeque<>();
    private final Set<Integer> inUse = new HashSet<>();
    private final Duration quarantineTime;
    private final Clock clock;
    private final int capacity;

    /** Ports {@code min} to {@code max} inclusive; an odd {@code min} starts at the next even port. */
    public PortPool(int min, int max, Duration quarantineTime, Clock clock) {
        if (min < 1024 || max > 65534 || min > max) {
            throw new IllegalArgumentException("RTP port range " + min + "-" + max + " is not within 1024-65534");
        }
        for (int port = min + (min & 1); port <= max; port += 2) {
            free.addLast(port);
        }
        this.capacity = free.size();
        this.quarantineTime = quarantineTime;
        this.clock = clock;
    }

    /** A free port, or empty when every port is in use or resting. */
    public synchronized OptionalInt allocate() {
        wakeRested();
        Integer port = free.pollFirst();
        if (port == null) {
            return OptionalInt.empty();
        }
        inUse.add(port);
        return OptionalInt.of(port);
    }

    /**
     * Returns a port; it can be allocated again after the quarantine. False for a port that is
     * not allocated (a second release must not put it in the pool twice).
     */
    public synchronized boolean release(int port) {
        if (!inUse.remove(port)) {
            return false;
        }
        quarantine.addLast(new Resting(port, clock.instant().plus(quarantineTime)));
        return true;
    }

    public synchronized int available() {
        wakeRested();
        return free.size();
    }

    public int capacity() {
        return capacity;
    }

    private void wakeRested() {
        Instant now = clock.instant();
        while (!quarantine.isEmpty() && !quarantine.peekFirst().until().isAfter(now)) {
            free.addLast(quarantine.pollFirst().port());
        }
    }
}
