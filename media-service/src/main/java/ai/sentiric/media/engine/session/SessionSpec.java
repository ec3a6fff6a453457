package ai.sentiric.media.engine.session;

import java.net.InetSocketAddress;
import org.jspecify.annotations.Nullable;

/**
 * What a call asks of its media session.
 *
 * @param remote where the caller's SDP says to send RTP; replaced by the latched source once the
 *        caller's first packet arrives (null: send nothing until then)
 * @param alaw PCMA rather than PCMU
 * @param telephoneEventPayloadType the negotiated RFC 4733 payload type (0: none)
 * @param echo play the caller's own audio back (the dialplan's echo test)
 */
public record SessionSpec(String callId, String tenantId, @Nullable InetSocketAddress remote, boolean alaw,
                          int telephoneEventPayloadType, boolean echo) {
}
