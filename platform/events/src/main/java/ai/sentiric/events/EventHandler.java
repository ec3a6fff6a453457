package ai.sentiric.events;

import ai.sentiric.proto.event.v1.EventEnvelope;
import java.util.List;

/**
 * A service's consumer of the bus. Declaring one such bean gives the service the durable queue
 * {@code sentiric.<service>.events}, bound to {@link #bindings()}.
 *
 * <p>{@link #handle} must commit its work before it returns: the message is acknowledged only
 * then. An exception makes the message be tried again a bounded number of times and then
 * dead-lettered; a {@link PoisonEventException} dead-letters it at once. Redelivery can happen
 * (after a crash, or a lost acknowledgement), so handling must be idempotent by
 * {@code eventId}.
 */
public interface EventHandler {

    void handle(EventEnvelope event) throws Exception;

    /** The routing-key patterns to bind, every event by default. */
    default List<String> bindings() {
        return List.of("#");
    }
}
