package ai.sentiric.media;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * media-service's tunables; application.yml documents each default.
 *
 * @param bindAddress where RTP sockets listen
 * @param advertisedAddress the address callers are told to send RTP to (SDP), never the bind address
 * @param portMin first port of the RTP range (even ports carry RTP, the odd one above is RTCP's)
 * @param portMax last port of the RTP range
 * @param quarantine how long a released port rests before another call gets it
 * @param inactivityTimeout a session that receives nothing this long is ended as dead
 * @param maxDuration the longest call the engine carries
 * @param relatchAfter how long the latched source must be silent before a new address may take over
 * @param jitterDepth packets held to reorder before one is declared lost
 * @param assetsRoot the directory {@code PlayAudio} may read files from
 * @param recordings the directory recordings are written to
 * @param clockRealtimePriority SCHED_FIFO priority (1-99) of the RTP clock threads; 0 turns it off
 */
@ConfigurationProperties("sentiric.media")
public record MediaProperties(String bindAddress, String advertisedAddress, int portMin, int portMax,
                              Duration quarantine, Duration inactivityTimeout, Duration maxDuration,
                              Duration relatchAfter, int jitterDepth, Path assetsRoot, Path recordings,
                              int clockRealtimePriority) {
}
