package ai.sentiric.media.engine.session;

import org.jspecify.annotations.Nullable;

/**
 * A session's quality figures when it ended, for {@code media.quality}.
 *
 * @param latched the caller's address RTP was latched onto, null when nothing ever arrived
 * @param dropped datagrams counted and dropped: not RTP, wrong payload type, from strangers, oversized
 */
public record SessionReport(String callId, String tenantId, int port, EndReason reason, long packetsReceived,
                            long packetsLost, double jitterMillis, @Nullable String latched, double mos,
                            long packetsSent, long dropped) {
}
