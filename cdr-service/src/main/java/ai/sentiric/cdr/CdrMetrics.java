package ai.sentiric.cdr;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** Every meter of cdr-service (the bus library counts consumed and dead-lettered events). */
@Component
public class CdrMetrics {

    private final Counter stored;
    private final Counter duplicates;
    private final DistributionSummary batchSize;

    public CdrMetrics(MeterRegistry registry) {
        this.stored = Counter.builder("sentiric.cdr.events.stored").description("Events stored for the first time").register(registry);
        this.duplicates = Counter.builder("sentiric.cdr.events.duplicates")
                .description("Redelivered events recognised by their id and not counted again").register(registry);
        this.batchSize = DistributionSummary.builder("sentiric.cdr.batch.size").description("Events committed per transaction")
                .register(registry);
    }

    public void committed(int batch, int newEvents) {
        batchSize.record(batch);
        stored.increment(newEvents);
        duplicates.increment(batch - newEvents);
    }
}
