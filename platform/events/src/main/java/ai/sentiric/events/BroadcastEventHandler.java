package ai.sentiric.events;

import ai.sentiric.proto.event.v1.EventEnvelope;
import java.util.List;

/**
 * A consumer that every instance of a service runs for itself, on a queue of its own that is
 * deleted with it: for cache invalidation and other per-instance reactions. Failures are logged
 * and counted, never retried.
 */
public interface BroadcastEventHandler {

    void handle(EventEnvelope event);

    List<String> bindings();
}
