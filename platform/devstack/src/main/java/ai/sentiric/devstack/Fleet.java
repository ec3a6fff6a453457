package ai.sentiric.devstack;

import java.util.List;
import java.util.Map;

/**
 * The services the local stack starts, in start order (a service after those it calls). Adding a
 * service to the platform means adding its line here, and its address to {@link #addresses}.
 */
public final class Fleet {

    /*
     * Heaps are fixed in size, so a collection never grows or shrinks one while calls wait (see
     * ServiceProcess). sip-signaling's is the largest: it remembers every answered request for 32 s
     * to absorb retransmissions, and each call in progress holds its dialog and transactions. Its young
     * generation is fixed at 256 MB: left to the 5 ms pause goal, G1 kept it near 47 MB and collected
     * twice a second, copying every call of the last seconds each time (README, SIP call rate). What
     * survives one young collection there is a call in progress or a record kept 32 s: it is promoted
     * at the next (tenuring threshold 1) rather than copied again at every collection until G1's
     * adaptive threshold (4-6) promotes it anyway; with the BYE's transaction gone at its 200, the
     * pauses are half as long at 500 calls/s (docs/performance/sip-call-rate.md).
     * cdr-service's is fixed at 128 MB: G1 kept it near 18 MB, three collections a second at 500
     * calls/s; with 128 MB one every 2.6 s and a fifth of the pause time (docs/performance).
     */
    public static final List<ServiceSpec> SERVICES = List.of(
            new ServiceSpec("user-service", 12010, 12011, "sentiric_user", "SENTIRIC_USER", "384m"),
            new ServiceSpec("dialplan-service", 12020, 12021, "sentiric_dialplan", "SENTIRIC_DIALPLAN", "384m"),
            new ServiceSpec("cdr-service", 12050, 0, "sentiric_cdr", "SENTIRIC_CDR", "384m", List.of("-Xmn128m")),
            new ServiceSpec("media-service", 13030, 13031, null, "SENTIRIC_MEDIA", "512m"),
            new ServiceSpec("sip-signaling-service", 13020, 13021, null, "SENTIRIC_SIP", "1g",
                    List.of("-Xmn256m", "-XX:MaxTenuringThreshold=1")));

    /** The SIP port (UDP and TCP), shifted like every other port. */
    public static final int SIP_PORT = 5060;

    private Fleet() {
    }

    /** The gRPC addresses every service is given, so each finds the others. */
    public static Map<String, String> addresses(int offset) {
        return Map.of(
                "SENTIRIC_USER_GRPC_ADDRESS", "static://127.0.0.1:" + (12011 + offset),
                "SENTIRIC_DIALPLAN_GRPC_ADDRESS", "static://127.0.0.1:" + (12021 + offset),
                "SENTIRIC_MEDIA_GRPC_ADDRESS", "static://127.0.0.1:" + (13031 + offset),
                "SENTIRIC_SIP_PORT", String.valueOf(SIP_PORT + offset));
    }
}
