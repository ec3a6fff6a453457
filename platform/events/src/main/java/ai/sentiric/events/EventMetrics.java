package ai.sentiric.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Every meter of the bus library, tagged by event type and outcome. */
public class EventMetrics {

    private final MeterRegistry registry;

    public EventMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void published(String eventType) {
        counter("sentiric.events.published", "Events published and confirmed by the broker", eventType, "confirmed").increment();
    }

    void publishFailed(String eventType) {
        counter("sentiric.events.published", "Events published and confirmed by the broker", eventType, "refused").increment();
    }

    public void consumed(String eventType, String outcome) {
        counter("sentiric.events.consumed", "Events consumed, by outcome (handled, retried, dead_lettered, requeued)",
                eventType, outcome).increment();
    }

    private Counter counter(String name, String description, String eventType, String outcome) {
        return Counter.builder(name).description(description)
                .tag("event_type", eventType).tag("outcome", outcome)
                .register(registry);
    }
}
