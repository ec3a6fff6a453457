package ai.sentiric.media.engine.jitter;

/**
 * RFC 3550 receiver statistics of one source: packets received and lost against the extended
 * highest sequence number (A.3), and the interarrival jitter estimate (A.8), in timestamp units
 * and milliseconds. Not thread-safe: updated by the session's receive loop only.
 */
public final class ReceiverStatistics {

    private final int clockRate;
    private long received;
    private long baseSequence = -1;
    private long highestExtended = -1;
    private long previousTransit;
    private boolean hasTransit;
    private double jitter;

    public ReceiverStatistics(int clockRate) {
        this.clockRate = clockRate;
    }

    /**
     * @param sequence the packet's sequence number
     * @param rtpTimestamp the packet's RTP timestamp
     * @param arrivalNanos when it arrived, on any monotonic clock
     */
    public void received(int sequence, long rtpTimestamp, long arrivalNanos) {
        received++;
        long extended = highestExtended < 0 ? sequence
                : highestExtended + (short) (sequence - (int) (highestExtended & 0xFFFF));
        if (baseSequence < 0) {
            baseSequence = extended;
        }
        highestExtended = Math.max(highestExtended, extended);
        long arrival = arrivalNanos * clockRate / 1_000_000_000L;
        long transit = arrival - rtpTimestamp;
        if (hasTransit) {
            long difference = Math.abs(transit - previousTransit);
            jitter += (difference - jitter) / 16.0;
        }
        previousTransit = transit;
        hasTransit = true;
    }

    public long received() {
        return received;
    }

    public long expected() {
        return baseSequence < 0 ? 0 : highestExtended - baseSequence + 1;
    }

    /** Expected minus received; negative when duplicates outnumber losses, as RFC 3550 allows. */
    public long lost() {
        return expected() - received;
    }

    public double jitterMillis() {
        return jitter * 1000.0 / clockRate;
    }
}
