package ai.sentiric.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Every meter of the bus library, tagged by event type and outcome. */
public class EventMetrics {

    private final MeterRegistry registry;
    private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();

    public EventMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Events not yet confirmed by the broker: a count that grows while the broker is out of reach. */
    void watch(EventPublisher publisher) {
        Gauge.builder("sentiric.events.unconfirmed", publisher, EventPublisher::unconfirmed)
                .description("Events published and not yet confirmed: in flight, or waiting for the broker to come back")
                .register(registry);
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

    /** Counters are cached: building a meter id per event costs more than the increment. */
    private Counter counter(String name, String description, String eventType, String outcome) {
        return counters.computeIfAbsent(name + '|' + eventType + '|' + outcome, key -> Counter.builder(name)
                .description(description).tag("event_type", eventType).tag("outcome", outcome).register(registry));
    }
}
