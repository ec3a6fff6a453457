package ai.sentiric.events;

import ai.sentiric.proto.event.v1.EventEnvelope;
import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.NoArgGenerator;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import com.rabbitmq.client.AMQP;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.MDC;

/**
 * Publishes events to the {@code sentiric_events} exchange as persistent JSON messages, with the
 * event type as routing key, and waits for the broker's publisher confirm.
 *
 * <p>Fills what the producer left empty: {@code eventId} (a UUID of version 7: its first 48 bits
 * are the Unix time in milliseconds, so ids sort by when they were made, and a consumer that keys
 * rows by them, as cdr-service does, adds to the end of its index instead of at random places in
 * it), {@code eventType} (from the payload), {@code timestamp} (now) and {@code traceId} (the
 * current trace, from the MDC). The trace id also travels in the {@code x-trace-id} header of an
 * event sent alone. Every event goes out on one {@link ConfirmingChannel}, alone or in a pack with
 * others of its type ({@link EventPacks}), the events of one call in the order published; one the
 * broker did not confirm is sent again (at least once: consumers drop repeats by event id).
 */
public class EventPublisher implements AutoCloseable {

    public static final String TRACE_HEADER = "x-trace-id";
    /** Version 7, monotonic within the process (ids of the same millisecond count up). */
    private static final NoArgGenerator EVENT_IDS = Generators.timeBasedEpochGenerator();

    private final ConfirmingChannel channel;
    private final EventsProperties properties;
    private final EventMetrics metrics;

    EventPublisher(ConfirmingChannel channel, EventsProperties properties, EventMetrics metrics) {
        this.channel = channel;
        this.properties = properties;
        this.metrics = metrics;
    }

    /**
     * Publishes and returns once the broker confirmed; throws {@link EventPublishException} when it
     * refused the event or did not confirm it within the confirm timeout. In the second case the
     * event still waits for the broker, up to the retention, and may arrive later.
     */
    public EventEnvelope publish(EventEnvelope event) {
        EventEnvelope complete = complete(event);
        try {
            send(complete).get(properties.confirmTimeout().toNanos(), TimeUnit.NANOSECONDS);
            return complete;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventPublishException("interrupted waiting for the confirm of " + complete.getEventId(), e);
        } catch (TimeoutException e) {
            throw new EventPublishException("no confirm for event " + complete.getEventId() + " within "
                    + properties.confirmTimeout() + "; it waits for the broker up to " + properties.retention(), e);
        } catch (ExecutionException e) {
            throw new EventPublishException("event " + complete.getEventId() + " not confirmed", e.getCause());
        }
    }

    /**
     * Publishes without waiting, never blocking on the broker: while it is out of reach the event
     * waits in the backlog. The future completes when the broker confirmed, exceptionally when it
     * refused the event or the event was given up (retention passed, or the backlog was full).
     */
    public CompletableFuture<EventEnvelope> publishAsync(EventEnvelope event) {
        EventEnvelope complete = complete(event);
        return send(complete).thenApply(ignored -> complete);
    }

    /**
     * Readies the first publish, so that the first calls after a start do not pay for it: renders
     * and reads back every event type once (protobuf JSON builds its printer and parser of each
     * message type on first use) and opens the channel. False when the broker cannot be reached yet: the first publish opens
     * the channel then.
     */
    public boolean warmUp() {
        for (EventEnvelope.PayloadCase payload : EventEnvelope.PayloadCase.values()) {
            var field = EventEnvelope.getDescriptor().findFieldByNumber(payload.getNumber());
            if (field != null) {
                EventEnvelope.Builder event = EventEnvelope.newBuilder();
                byte[] json = EventCodec.encode(event.setField(field, event.newBuilderForField(field).build()).build());
                try {
                    EventCodec.decode(json);
                } catch (InvalidProtocolBufferException e) {
                    throw new IllegalStateException("an event type cannot be read back: " + payload, e);
                }
            }
        }
        return channel.connect();
    }

    /** The broker blocked (true) or unblocked the connection: while blocked, events wait rather than block their publisher. */
    void blocked(boolean now) {
        channel.blocked(now);
    }

    /** Events not yet confirmed by the broker: sent and unconfirmed, or waiting for it to come back. */
    public int unconfirmed() {
        return channel.unconfirmed();
    }

    /**
     * Whether half the backlog ({@code sentiric.events.backlog}) or more waits for the broker: work
     * whose events must all find room there (a call that is to be recorded) should not start now,
     * so that the work already started still does.
     */
    public boolean backlogHalfFull() {
        return channel.unconfirmed() >= Math.max(1, properties.backlog() / 2);
    }

    @Override
    public void close() {
        channel.close();
    }

    private CompletableFuture<Void> send(EventEnvelope event) {
        AMQP.BasicProperties messageProperties = new AMQP.BasicProperties.Builder()
                .contentType("application/json")
                .contentEncoding("UTF-8")
                .deliveryMode(2)
                .messageId(event.getEventId())
                .type(event.getEventType())
                .headers(Map.of(TRACE_HEADER, event.getTraceId()))
                .build();
        return channel.publish(properties.exchange(), event.getEventType(), event.getCallId(), messageProperties,
                        EventCodec.encode(event))
                .whenComplete((confirmed, failure) -> {
                    if (failure == null) {
                        metrics.published(event.getEventType());
                    } else {
                        metrics.publishFailed(event.getEventType());
                    }
                });
    }

    static EventEnvelope complete(EventEnvelope event) {
        EventEnvelope.Builder builder = event.toBuilder();
        if (builder.getEventId().isEmpty()) {
            builder.setEventId(EVENT_IDS.generate().toString());
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
