package ai.sentiric.user;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** Every meter of user-service. */
@Component
public class UserMetrics {

    private final MeterRegistry registry;

    public UserMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A FindUserByContact answered, found or not. */
    public void contactLookup(boolean found) {
        Counter.builder("sentiric.user.contact.lookups").description("Look-ups of a user by contact")
                .tag("result", found ? "found" : "not_found").register(registry).increment();
    }

    /** An operator login or API key check, by outcome. */
    public void authentication(String kind, boolean success) {
        Counter.builder("sentiric.user.authentications").description("Operator logins and API key checks")
                .tag("kind", kind).tag("result", success ? "success" : "failure").register(registry).increment();
    }
}
