package ai.sentiric.media;

import ai.sentiric.media.engine.session.DropReason;
import ai.sentiric.media.engine.session.MediaEngine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Every meter of media-service. */
@Component
public class MediaMetrics {

    private final Map<DropReason, Counter> drops = new EnumMap<>(DropReason.class);
    private final DistributionSummary pacing;
    private final Counter sessionsEnded;
    private final Counter framesDropped;
    private final Counter refusedBusBehind;
    private final MeterRegistry registry;

    public MediaMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (DropReason reason : DropReason.values()) {
            drops.put(reason, Counter.builder("sentiric.media.datagrams.dropped")
                    .description("Inbound datagrams counted and dropped, by reason")
                    .tag("reason", reason.name().toLowerCase()).register(registry));
        }
        pacing = DistributionSummary.builder("sentiric.media.pacing.deviation")
                .description("How late outbound RTP left against its session's 20 ms grid")
                .baseUnit("microseconds").publishPercentiles(0.5, 0.99).register(registry);
        sessionsEnded = Counter.builder("sentiric.media.sessions.ended")
                .description("Media sessions ended, for any reason").register(registry);
        framesDropped = Counter.builder("sentiric.media.stream.frames.dropped")
                .description("Audio frames not delivered to a StreamAudio subscriber that was not ready")
                .register(registry);
        refusedBusBehind = Counter.builder("sentiric.media.sessions.refused")
                .description("Sessions refused because half the event backlog waited for the broker")
                .tag("reason", "events-behind").register(registry);
    }

    /** Registers the gauges that read the engine itself. */
    public void watch(MediaEngine engine) {
        Gauge.builder("sentiric.media.sessions.active", engine, MediaEngine::activeSessions)
                .description("Media sessions alive").register(registry);
        Gauge.builder("sentiric.media.ports.available", engine, MediaEngine::portsAvailable)
                .description("RTP ports free to allocate (not in use, not resting)").register(registry);
        Gauge.builder("sentiric.media.clocks.realtime", engine, MediaEngine::realtimeClocks)
                .description("RTP clocks (one per core) running at real-time priority").register(registry);
    }

    public void dropped(DropReason reason) {
        drops.get(reason).increment();
    }

    public void paced(long deviationNanos) {
        pacing.record(deviationNanos / 1000.0);
    }

    public void sessionEnded() {
        sessionsEnded.increment();
    }

    public void refusedBusBehind() {
        refusedBusBehind.increment();
    }

    public void streamFrameDropped() {
        framesDropped.increment();
    }
}
