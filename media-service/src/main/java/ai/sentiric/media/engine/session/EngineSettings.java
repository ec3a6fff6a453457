package ai.sentiric.media.engine.session;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The engine's tunables (the Spring service documents their defaults).
 *
 * @param bindAddress where RTP sockets listen
 * @param portMin first port of the RTP range
 * @param portMax last port of the RTP range
 * @param quarantine how long a released port rests before reuse
 * @param inactivityTimeout how long a session may receive nothing before it is ended as dead
 * @param maxDuration the longest a session may last
 * @param relatchAfter how long the latched source must be silent before another may take over
 * @param jitterDepth packets the jitter buffer holds before declaring the next one lost
 * @param recordings where recordings are written
 * @param clockRealtimePriority the RTP clocks' real-time ({@code SCHED_FIFO}) priority, 1-99; 0
 *        leaves them normally scheduled (they get it only where the process may: CAP_SYS_NICE)
 */
public record EngineSettings(InetAddress bindAddress, int portMin, int portMax, Duration quarantine,
                             Duration inactivityTimeout, Duration maxDuration, Duration relatchAfter,
                             int jitterDepth, Path recordings, int clockRealtimePriority) {
}
