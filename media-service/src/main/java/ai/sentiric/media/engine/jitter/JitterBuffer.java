package ai.sentiric.media.engine.jitter;

import ai.sentiric.media.engine.rtp.RtpPacket;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Puts the caller's packets back in sequence order. It holds up to {@code depth} packets; when
 * the next expected packet has not come by the time the buffer is full, it is declared lost and
 * the buffer moves on, so one lost packet costs one frame of silence, never a stall. Duplicates
 * and packets older than what was already played are dropped and counted.
 *
 * <p>Not thread-safe: one buffer per session, fed and drained by the session's loop.
 */
public final class JitterBuffer {

    /** What {@link #poll} hands out: the next packet in order, or the note that it was lost. */
    public sealed interface Slot {
        record Packet(RtpPacket packet) implements Slot { }
        record Lost(int sequence) implements Slot { }
    }

    private final int depth;
    /** Buffered packets by their extended (wrap-free) sequence number. */
    private final TreeMap<Long, RtpPacket> packets = new TreeMap<>();
    private long next = -1;
    private long highest = -1;
    private long duplicates;
    private long late;
    private long lost;

    public JitterBuffer(int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be at least 1");
        }
        this.depth = depth;
    }

    public void offer(RtpPacket packet) {
        long extended = extend(packet.sequence());
        if (next >= 0 && extended < next) {
            late++;
            return;
        }
        if (packets.putIfAbsent(extended, packet) != null) {
            duplicates++;
            return;
        }
        if (next < 0) {
            next = extended;
        }
        highest = Math.max(highest, extended);
    }

    /** The next slot to play, or empty while the buffer waits for more packets. */
    public Optional<Slot> poll() {
        if (next < 0 || packets.isEmpty()) {
            return Optional.empty();
        }
        RtpPacket head = packets.get(next);
        if (head != null) {
            packets.remove(next++);
            return Optional.of(new Slot.Packet(head));
        }
        if (packets.size() >= depth) {
            lost++;
            return Optional.of(new Slot.Lost((int) (next++ & 0xFFFF)));
        }
        return Optional.empty();
    }

    /** Packets waiting in the buffer. */
    public int buffered() {
        return packets.size();
    }

    public long duplicates() {
        return duplicates;
    }

    public long late() {
        return late;
    }

    public long lost() {
        return lost;
    }

    /** The 16-bit sequence number made monotonic, by its distance to the highest seen. */
    private long extend(int sequence) {
        if (highest < 0) {
            return sequence + 65536L;
        }
        return highest + RtpPacket.sequenceDelta((int) (highest & 0xFFFF), sequence);
    }
}
