package ai.sentiric.media.engine.dtmf;

import java.util.Optional;

/**
 * Turns RFC 4733 telephone-event packets into DTMF digits, each reported once, as soon as its
 * first packet arrives (barge-in wants the key press now, not at its end).
 *
 * <p>All packets of one key press carry the RTP timestamp of its start; that timestamp, not the
 * marker bit, says which event a packet belongs to. So a lost or never-set marker still yields
 * the digit, and the end packet that senders repeat three times (section 2.5.1.4) is not a
 * second press. Pressing the same key twice gives two timestamps and two digits.
 *
 * <p>Not thread-safe: one detector per session, fed by the session's receive loop.
 */
public final class TelephoneEventDetector {

    /** A key press: the digit and the RTP timestamp its event started at. */
    public record Digit(char digit, long rtpTimestamp) {
    }

    private static final char[] EVENTS = "0123456789*#ABCD".toCharArray();
    /** Events whose packets arrive late are recognised among this many recent ones. */
    private static final int REMEMBERED = 8;

    private final long[] recent = new long[REMEMBERED];
    private int recentCount;
    private int next;

    /** The digit a packet starts, or empty for a packet of an event already reported, a non-DTMF event or a malformed payload. */
    public Optional<Digit> accept(long rtpTimestamp, byte[] payload, int offset, int length) {
        if (length < 4) {
            return Optional.empty();
        }
        int event = payload[offset] & 0xFF;
        if (event >= EVENTS.length || seen(rtpTimestamp)) {
            return Optional.empty();
        }
        remember(rtpTimestamp);
        return Optional.of(new Digit(EVENTS[event], rtpTimestamp));
    }

    private boolean seen(long timestamp) {
        for (int i = 0; i < recentCount; i++) {
            if (recent[i] == timestamp) {
                return true;
            }
        }
        return false;
    }

    private void remember(long timestamp) {
        recent[next] = timestamp;
        next = (next + 1) % REMEMBERED;
        recentCount = Math.min(recentCount + 1, REMEMBERED);
    }
}
