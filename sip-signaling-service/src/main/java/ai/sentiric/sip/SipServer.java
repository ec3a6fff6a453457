package ai.sentiric.sip;

import ai.sentiric.sip.call.CallService;
import ai.sentiric.sip.stack.SipEvents;
import ai.sentiric.sip.stack.SipStackPort;
import ai.sentiric.sip.stack.UdpSocketStats;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Starts SIP once the rest of the service is ready, and on shutdown drains before anything else
 * stops: new INVITEs get 503 while live calls continue (up to the drain timeout), then the stack
 * closes.
 */
@Component
class SipServer implements SmartLifecycle {

    private final SipStackPort stack;
    private final SipEvents events;
    private final CallService calls;
    private final SipProperties properties;
    private final SipMetrics metrics;
    private volatile boolean running;

    SipServer(SipStackPort stack, SipEvents events, CallService calls, SipProperties properties, SipMetrics metrics) {
        this.stack = stack;
        this.events = events;
        this.calls = calls;
        this.properties = properties;
        this.metrics = metrics;
    }

    @Override
    public void start() {
        stack.start(events);
        if (properties.transports().stream().anyMatch("udp"::equalsIgnoreCase)) {
            metrics.watchUdpSocket(UdpSocketStats.of(properties.port()));
        }
        running = true;
    }

    @Override
    public void stop() {
        calls.drain(properties.drainTimeout());
        stack.stop();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops first (high phase), while the bus and the gRPC clients the drain needs still work. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
