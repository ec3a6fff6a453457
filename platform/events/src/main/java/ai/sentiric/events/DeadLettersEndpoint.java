package ai.sentiric.events;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@code GET /actuator/deadletters} shows the dead-letter queue (depth and the first messages with
 * their reasons); {@code POST /actuator/deadletters} with {@code {"limit": n}} replays them.
 */
@Endpoint(id = "deadletters")
public class DeadLettersEndpoint {

    private final DeadLetters deadLetters;

    public DeadLettersEndpoint(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @ReadOperation
    public Map<String, Object> deadLetters() {
        return Map.of("queue", deadLetters.queue(), "count", deadLetters.count(), "messages", deadLetters.peek(20));
    }

    @WriteOperation
    public Map<String, Object> replay(@Nullable Integer limit) {
        return Map.of("replayed", deadLetters.replay(limit == null ? Integer.MAX_VALUE : limit));
    }
}
