package ai.sentiric.dialplan;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;

/** Every meter of dialplan-service. */
@Component
public class DialplanMetrics {

    private final MeterRegistry registry;
    private final Timer resolveTimer;
    private final Counter loading;
    /** One counter per outcome, looked up without building a meter id on the hot path. */
    private final ConcurrentMap<String, Counter> outcomes = new ConcurrentHashMap<>();

    public DialplanMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.resolveTimer = Timer.builder("sentiric.dialplan.resolve.duration")
                .description("Time to resolve a dialplan, cache hits included")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        this.loading = Counter.builder("sentiric.dialplan.resolutions.loading")
                .description("Resolutions that may have waited for the database or user-service (not everything was cached)")
                .register(registry);
    }

    /** A resolution finished, by its kind (ACTIVE, GUEST, ..., or the error status). */
    public void resolved(String outcome, Duration took) {
        resolveTimer.record(took);
        outcomes.computeIfAbsent(outcome, key -> Counter.builder("sentiric.dialplan.resolutions")
                .description("Dialplan resolutions by outcome").tag("outcome", key).register(registry)).increment();
    }

    /** A resolution that could wait for the database or user-service: something it needed was not cached. */
    public void resolutionLoading() {
        loading.increment();
    }

    /** A caller look-up in user-service failed, so the call got its failsafe plan. */
    public void userLookupFailed() {
        Counter.builder("sentiric.dialplan.user.lookup.failures")
                .description("Caller look-ups in user-service that failed").register(registry).increment();
    }
}
