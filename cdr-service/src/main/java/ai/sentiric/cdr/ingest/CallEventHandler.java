package ai.sentiric.cdr.ingest;

import ai.sentiric.cdr.CdrMetrics;
import ai.sentiric.events.EventHandler;
import ai.sentiric.events.EventTypes;
import ai.sentiric.events.ReceivedEvent;
import ai.sentiric.proto.event.v1.EventEnvelope;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * cdr-service's consumer: every call event is validated, then written with its batch in one
 * transaction; the bus acknowledges the batch only after that commit. A batch that fails is
 * retried event by event, so a single bad event is dead-lettered alone.
 */
@Component
class CallEventHandler implements EventHandler {

    private final EventMapper mapper;
    private final CallProjection projection;
    private final CdrMetrics metrics;

    CallEventHandler(EventMapper mapper, CallProjection projection, CdrMetrics metrics) {
        this.mapper = mapper;
        this.projection = projection;
        this.metrics = metrics;
    }

    @Override
    public void handle(EventEnvelope event) {
        handleBatch(List.of(event));
    }

    @Override
    public void handleBatch(List<EventEnvelope> events) {
        write(events.stream().map(event -> mapper.map(event, null)).toList());
    }

    /** The fast path: batches, with each event stored in the very JSON it arrived in. */
    @Override
    public void handleReceived(List<ReceivedEvent> events) {
        write(events.stream().map(received -> mapper.map(received.event(), received.body())).toList());
    }

    private void write(List<IngestedEvent> ingested) {
        metrics.committed(ingested.size(), projection.apply(ingested));
    }

    @Override
    public List<String> bindings() {
        return List.of("call.#", EventTypes.USER_IDENTIFIED_FOR_CALL, EventTypes.DIALOG_TURN_COMPLETED,
                EventTypes.COST_USAGE_REPORTED, EventTypes.MEDIA_QUALITY);
    }
}
