package ai.sentiric.events;

import ai.sentiric.proto.event.v1.EventEnvelope;
import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.MDC;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Publishes events to the {@code sentiric_events} exchange as persistent JSON messages, with the
 * event type as routing key, and waits for the broker's publisher confirm.
 *
 * <p>Fills what the producer left empty: {@code eventId} (a UUID), {@code eventType} (from the
 * payload), {@code timestamp} (now) and {@code traceId} (the current trace, from the MDC). The
 * trace id also travels in the {@code x-trace-id} header.
 */
public class EventPublisher {

    public static final String TRACE_HEADER = "x-trace-id";

    private final RabbitTemplate template;
    private final EventsProperties properties;
    private final EventMetrics metrics;

    public EventPublisher(RabbitTemplate template, EventsProperties properties, EventMetrics metrics) {
        this.template = template;
        this.properties = properties;
        this.metrics = metrics;
    }

    /** Publishes and returns once the broker confirmed; throws {@link EventPublishException} otherwise. */
    public EventEnvelope publish(EventEnvelope event) {
        EventEnvelope complete = complete(event);
        try {
            send(complete).get(properties.confirmTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return complete;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventPublishException("interrupted waiting for the confirm of " + complete.getEventId(), e);
        } catch (ExecutionException e) {
            throw new EventPublishException("event " + complete.getEventId() + " not confirmed", e.getCause());
        } catch (TimeoutException e) {
            throw new EventPublishException("no confirm for event " + complete.getEventId()
                    + " within " + properties.confirmTimeout(), e);
        }
    }

    /** Publishes without waiting; the future completes when the broker confirmed. */
    public CompletableFuture<EventEnvelope> publishAsync(EventEnvelope event) {
        EventEnvelope complete = complete(event);
        return send(complete).thenApply(ignored -> complete);
    }

    private CompletableFuture<Void> send(EventEnvelope event) {
        MessageProperties messageProperties = new MessageProperties();
        messageProperties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        messageProperties.setContentEncoding("UTF-8");
        messageProperties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        messageProperties.setMessageId(event.getEventId());
        messageProperties.setType(event.getEventType());
        messageProperties.setHeader(TRACE_HEADER, event.getTraceId());
        Message message = MessageBuilder.withBody(EventCodec.encode(event)).andProperties(messageProperties).build();
        CorrelationData correlation = new CorrelationData(event.getEventId());
        template.send(properties.exchange(), event.getEventType(), message, correlation);
        return correlation.getFuture().thenAccept(confirm -> {
            if (!confirm.ack()) {
                metrics.publishFailed(event.getEventType());
                throw new EventPublishException("broker refused event " + event.getEventId() + ": " + confirm.reason());
            }
            metrics.published(event.getEventType());
        });
    }

    static EventEnvelope complete(EventEnvelope event) {
        EventEnvelope.Builder builder = event.toBuilder();
        if (builder.getEventId().isEmpty()) {
            builder.setEventId(UUID.randomUUID().toString());
        }
        if (builder.getEventType().isEmpty()) {
            builder.setEventType(EventTypes.of(event.getPayloadCase())
                    .orElseThrow(() -> new IllegalArgumentException("an event needs a payload")));
        }
        if (!builder.hasTimestamp()) {
            Instant now = Instant.now();
            builder.setTimestamp(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()));
        }
        if (builder.getTraceId().isEmpty()) {
            String trace = MDC.get("traceId");
            builder.setTraceId(trace != null ? trace : UUID.randomUUID().toString().replace("-", ""));
        }
        EventEnvelope complete = builder.build();
        if (!EventTypes.consistent(complete)) {
            throw new IllegalArgumentException("event type " + complete.getEventType()
                    + " does not match payload " + complete.getPayloadCase());
        }
        return complete;
    }
}
