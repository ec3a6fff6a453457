package ai.sentiric.sip;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * sip-signaling-service's tunables; application.yml documents each default.
 *
 * @param bindAddress where SIP listens
 * @param port the SIP port (UDP and TCP)
 * @param advertisedAddress what Contact headers carry: the public address, never the bind address
 * @param transports "udp", "tcp"
 * @param realm the digest realm of REGISTER and of INVITEs from outside every trunk
 * @param ringTime how long a call rings (180) before it is answered
 * @param maxCalls calls carried at once; above it, INVITEs get 503 with Retry-After
 * @param maxSetups calls being set up at once (trunk check, dialplan and media round trips) that
 *        are not yet an overload; once at least this many have been set up for
 *        {@code overloadAfter}, INVITEs get 503 with Retry-After at once until fewer are, so that an
 *        overload sheds calls instead of slowing every call down
 * @param setupBurst calls being set up at once in a burst (a collector's pause, a moment without a
 *        core): beyond it, INVITEs get 503 at once, overload or not
 * @param overloadAfter how long at least {@code maxSetups} calls may be being set up before it is
 *        an overload rather than a burst
 * @param maxCallDuration the longest call; then the platform hangs up
 * @param drainTimeout on shutdown, how long live calls may continue while new ones get 503
 * @param retryAfter the Retry-After of every 503
 * @param nonceTtl how long a digest nonce is accepted
 * @param nonceSecret the key nonces are signed with; every instance behind one address needs the same
 * @param rpcDeadline the deadline of each call to user-, dialplan- and media-service
 * @param trunkCacheTtl how long a source address's trunk match is remembered
 * @param maxMessageSize the largest SIP message accepted on TCP
 * @param stackThreads threads UDP datagrams are handed to, to be parsed and dispatched; 0: the
 *        receive thread does it itself, a thread wake-up less per datagram (nothing it calls waits)
 * @param udpReceiveBuffer the UDP socket's receive buffer: datagrams that arrive while it is full
 *        are dropped by the kernel, and a dropped INVITE costs its caller a retransmission (0.5 s,
 *        then 1 s, 2 s); the kernel caps it at {@code net.core.rmem_max}
 * @param linger how long the stack still holds a dialog once it has ended, and a transaction once
 *        it has ended, in whole seconds; an INVITE's transaction ends with its 200, any other with its
 *        final response, and their retransmissions are absorbed or answered again for 32 s after it
 *        however short the linger is (the stack's {@code AcceptedInvites} and {@code AnsweredRequests})
 * @param registration REGISTER's expiry bounds
 */
@ConfigurationProperties("sentiric.sip")
public record SipProperties(String bindAddress, int port, String advertisedAddress, List<String> transports,
                            String realm, Duration ringTime, int maxCalls, int maxSetups, int setupBurst,
                            Duration overloadAfter, Duration maxCallDuration,
                            Duration drainTimeout, Duration retryAfter, Duration nonceTtl, String nonceSecret,
                            Duration rpcDeadline, Duration trunkCacheTtl, int maxMessageSize, int stackThreads,
                            DataSize udpReceiveBuffer, Duration linger, Registration registration) {

    /**
     * @param minExpires shorter registrations get 423 Interval Too Brief
     * @param maxExpires longer registrations are shortened to this
     * @param defaultExpires when the REGISTER names no expiry
     */
    public record Registration(Duration minExpires, Duration maxExpires, Duration defaultExpires) {
    }
}
