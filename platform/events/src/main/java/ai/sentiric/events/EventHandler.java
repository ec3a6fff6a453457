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

    /**
     * Handles several events as one unit of work (one transaction), when the service enables
     * batches ({@code sentiric.events.batch-size} above 1). If it throws, each event of the batch
     * is handled alone with {@link #handle}, with its own retries and dead-lettering, so one bad
     * event never holds back the others.
     */
    default void handleBatch(List<EventEnvelope> events) throws Exception {
        for (EventEnvelope event : events) {
            handle(event);
        }
    }

    /**
     * {@link #handleBatch} with the bodies the events arrived in, for a consumer that stores them
     * as received; by default the bodies are dropped.
     */
    default void handleReceived(List<ReceivedEvent> events) throws Exception {
        handleBatch(events.stream().map(ReceivedEvent::event).toList());
    }

    /** The routing-key patterns to bind, every event by default. */
    default List<String> bindings() {
        return List.of("#");
    }
}
