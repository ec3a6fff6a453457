package ai.sentiric.sip;

import ai.sentiric.sip.stack.UdpSocketStats;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Every meter of sip-signaling-service. */
@Component
public class SipMetrics {

    private final MeterRegistry registry;
    private final Timer setup;
    private final ConcurrentMap<String, Counter> shed = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> rejected = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> ended = new ConcurrentHashMap<>();
    private @Nullable UdpSocketStats udpSocket;

    public SipMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.setup = Timer.builder("sentiric.sip.call.setup")
                .description("From an INVITE's arrival to its 200 OK (ring time included)")
                .publishPercentiles(0.5, 0.99).register(registry);
        // Every reason from the start: a scrape shows 0 rather than no series before the first refusal.
        for (String reason : new String[] {"overload", "burst", "broker"}) {
            shedCounter(reason);
        }
    }

    public void watchActiveCalls(Supplier<Number> active) {
        Gauge.builder("sentiric.sip.calls.active", active).description("Calls being set up or in progress").register(registry);
    }

    public void watchCallTimers(Supplier<Number> waiting) {
        Gauge.builder("sentiric.sip.call.timers", waiting)
                .description("Ring-time and maximum-duration timers waiting; one per live call at most").register(registry);
    }

    public void watchSetups(Supplier<Number> settingUp) {
        Gauge.builder("sentiric.sip.calls.setting-up", settingUp)
                .description("Calls between their INVITE and the end of their set-up; bounded by admission control").register(registry);
    }

    /**
     * The SIP UDP socket as the kernel sees it: datagrams dropped on a full receive buffer (lost
     * before the stack saw them: an INVITE costs its caller a retransmission, an ACK the call's
     * answer) and the bytes waiting to be read.
     */
    public void watchUdpSocket(UdpSocketStats socket) {
        // Meters hold what they read weakly, and nothing else holds the socket's stats.
        this.udpSocket = socket;
        FunctionCounter.builder("sentiric.sip.udp.dropped", socket, s -> s.recent().dropped())
                .description("SIP datagrams the kernel dropped because the UDP receive buffer was full").register(registry);
        Gauge.builder("sentiric.sip.udp.queued", socket, s -> s.recent().queuedBytes()).baseUnit("bytes")
                .description("Bytes of SIP datagrams waiting in the UDP receive buffer").register(registry);
    }

    /** An INVITE refused by admission control, by why: overload (of set-ups), burst (setup-burst of them), broker (behind). */
    public void shed(String reason) {
        shedCounter(reason).increment();
    }

    private Counter shedCounter(String reason) {
        return shed.computeIfAbsent(reason, key -> Counter.builder("sentiric.sip.calls.shed")
                .description("INVITEs refused with 503 by admission control, by reason: an overload of set-ups, setup-burst of them, or the broker behind")
                .tag("reason", key).register(registry));
    }

    public void answered(Duration took) {
        setup.record(took);
    }

    /** An INVITE refused before it became a call, by status code. */
    public void rejected(int status) {
        rejected.computeIfAbsent(String.valueOf(status), code -> Counter.builder("sentiric.sip.calls.rejected")
                .description("INVITEs refused, by SIP status").tag("status", code).register(registry)).increment();
    }

    /** A call ended, by reason (caller-hangup, cancelled, media-timeout, ...). */
    public void ended(String reason) {
        ended.computeIfAbsent(reason, key -> Counter.builder("sentiric.sip.calls.ended")
                .description("Calls ended, by reason").tag("reason", key).register(registry)).increment();
    }
}
