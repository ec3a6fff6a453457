package ai.sentiric.events.internal;

import ai.sentiric.events.EventCodec;
import ai.sentiric.events.EventHandler;
import ai.sentiric.events.EventMetrics;
import ai.sentiric.events.EventPacks;
import ai.sentiric.events.EventTypes;
import ai.sentiric.events.EventsProperties;
import ai.sentiric.events.PoisonEventException;
import ai.sentiric.events.ReceivedEvent;
import ai.sentiric.proto.event.v1.EventEnvelope;
import com.google.protobuf.InvalidProtocolBufferException;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareBatchMessageListener;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;

/**
 * Runs a service's {@link EventHandler} on each event of its queue, with manual acknowledgement.
 * A message carries one event or a pack of them ({@link EventPacks}); each event is handled on its
 * own: after {@code maxAttempts} failures (or at once for a poison event) it is published alone to
 * the dead-letter exchange with the reason and the broker's confirm awaited. The message is
 * acknowledged once every event in it was handled or dead-lettered; if a dead-lettering fails, it is
 * requeued whole (the events already handled come again, and handlers drop repeats by event id). An
 * event is therefore handled, dead-lettered or still on a queue: never dropped.
 */
public final class EventListener implements ChannelAwareMessageListener {

    private static final Logger log = LoggerFactory.getLogger(EventListener.class);

    private final EventHandler handler;
    private final EventsProperties properties;
    private final EventMetrics metrics;
    private final String queue;

    public EventListener(EventHandler handler, EventsProperties properties, EventMetrics metrics, String queue) {
        this.handler = handler;
        this.properties = properties;
        this.metrics = metrics;
        this.queue = queue;
    }

    @Override
    public void onMessage(Message message, Channel channel) throws IOException {
        List<ReceivedEvent> events = unpack(message, channel);
        if (events != null) {
            settle(message, events, channel);
        }
    }

    /**
     * A batch: poison events are dead-lettered one by one, the rest handed to the handler as one unit
     * of work and their messages acknowledged together once it returned. When the batch fails, every
     * event in it takes the single-event path, with its own retries and dead-lettering.
     */
    public void onMessageBatch(List<Message> messages, Channel channel) {
        List<Message> taken = new ArrayList<>(messages.size());
        List<List<ReceivedEvent>> eventsOf = new ArrayList<>(messages.size());
        List<ReceivedEvent> all = new ArrayList<>(messages.size());
        try {
            for (Message message : messages) {
                List<ReceivedEvent> events = unpack(message, channel);
                if (events == null) {
                    continue;
                }
                if (events.isEmpty()) {
                    channel.basicAck(message.getMessageProperties().getDeliveryTag(), false);
                    continue;
                }
                taken.add(message);
                eventsOf.add(events);
                all.addAll(events);
            }
            if (all.isEmpty()) {
                return;
            }
            try {
                handler.handleReceived(all);
            } catch (Exception e) {
                log.warn("batch of {} events failed ({}); handling them one by one", all.size(), e.toString());
                for (int i = 0; i < taken.size(); i++) {
                    settle(taken.get(i), eventsOf.get(i), channel);
                }
                return;
            }
            channel.basicAck(taken.getLast().getMessageProperties().getDeliveryTag(), true);
            all.forEach(received -> metrics.consumed(received.event().getEventType(), "handled"));
        } catch (IOException e) {
            // The channel is gone: the broker redelivers every unacknowledged message of the batch.
            throw new UncheckedIOException(e);
        }
    }

    /** This listener as the container's batch listener. */
    public ChannelAwareBatchMessageListener batchListener() {
        return new ChannelAwareBatchMessageListener() {
            @Override
            public void onMessageBatch(List<Message> messages, Channel channel) {
                EventListener.this.onMessageBatch(messages, channel);
            }
        };
    }

    /**
     * The events of a message that can be handled; those that cannot ever be (malformed, of an
     * unknown or inconsistent type) are dead-lettered at once, a malformed pack whole. Null when a
     * dead-lettering failed: the message is then back on the queue.
     */
    private @Nullable List<ReceivedEvent> unpack(Message message, Channel channel) throws IOException {
        List<byte[]> bodies;
        try {
            bodies = EventPacks.split(message.getBody());
        } catch (InvalidProtocolBufferException e) {
            if (deadLetter(message, channel, message.getBody(), null, e.getMessage(), 0)) {
                return List.of();
            }
            requeue(message, channel);
            return null;
        }
        List<ReceivedEvent> events = new ArrayList<>(bodies.size());
        for (byte[] body : bodies) {
            String problem;
            try {
                EventEnvelope event = EventCodec.decode(body);
                if (EventTypes.consistent(event)) {
                    events.add(new ReceivedEvent(event, body));
                    continue;
                }
                problem = "unknown or inconsistent event type '" + event.getEventType() + "'";
            } catch (InvalidProtocolBufferException | RuntimeException e) {
                problem = "malformed event: " + e.getMessage();
            }
            if (!deadLetter(message, channel, body, null, problem, 0)) {
                requeue(message, channel);
                return null;
            }
        }
        return events;
    }

    /** Handles each event of a message, then acknowledges it; requeues it when a dead-lettering failed. */
    private void settle(Message message, List<ReceivedEvent> events, Channel channel) throws IOException {
        for (ReceivedEvent received : events) {
            if (!handle(message, received, channel)) {
                requeue(message, channel);
                return;
            }
        }
        channel.basicAck(message.getMessageProperties().getDeliveryTag(), false);
    }

    /**
     * Handles one event with bounded retries, dead-lettering it after the last failure or at once when
     * it is poison; false when the dead-lettering failed.
     */
    private boolean handle(Message message, ReceivedEvent received, Channel channel) {
        EventEnvelope event = received.event();
        MDC.put("traceId", event.getTraceId());
        MDC.put("callId", event.getCallId());
        try {
            Exception last = null;
            for (int attempt = 1; attempt <= properties.maxAttempts(); attempt++) {
                try {
                    handler.handle(event);
                    metrics.consumed(event.getEventType(), "handled");
                    return true;
                } catch (PoisonEventException e) {
                    return deadLetter(message, channel, received.body(), event, e.getMessage(), attempt);
                } catch (Exception e) {
                    last = e;
                    metrics.consumed(event.getEventType(), "retried");
                    log.warn("event {} ({}) failed, attempt {} of {}: {}", event.getEventId(), event.getEventType(),
                            attempt, properties.maxAttempts(), e.toString());
                    if (attempt < properties.maxAttempts() && !backOff(attempt)) {
                        break;
                    }
                }
            }
            return deadLetter(message, channel, received.body(), event,
                    "failed after " + properties.maxAttempts() + " attempts: " + last, properties.maxAttempts());
        } finally {
            MDC.remove("traceId");
            MDC.remove("callId");
        }
    }

    /** Waits before the next attempt; false when interrupted (the container is stopping). */
    private boolean backOff(int attempt) {
        try {
            // The consumer thread waits on purpose: retrying at once would spend every attempt on a
            // transient failure (a database restart) before it could clear.
            Thread.sleep(properties.initialBackoff().toMillis() << (attempt - 1));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void requeue(Message message, Channel channel) throws IOException {
        channel.basicNack(message.getMessageProperties().getDeliveryTag(), false, true);
    }

    /**
     * Publishes one event (or a message that is not even a pack) to the dead-letter exchange and waits
     * for the broker's confirm; false when that failed, and the message must go back to the queue.
     */
    private boolean deadLetter(Message message, Channel channel, byte[] body, @Nullable EventEnvelope event, String reason,
                               int attempts) {
        MessageProperties original = message.getMessageProperties();
        String routingKey = original.getReceivedRoutingKey();
        String eventType = event != null ? event.getEventType() : original.getType() != null ? original.getType() : routingKey;
        String counted = eventType == null ? "unknown" : eventType;
        try {
            channel.confirmSelect();
            channel.basicPublish(properties.deadLetterExchange(), queue, true,
                    deadLetterProperties(original, event, reason, attempts, routingKey), body);
            channel.waitForConfirmsOrDie(properties.confirmTimeout().toMillis());
            metrics.consumed(counted, "dead_lettered");
            log.error("event dead-lettered to {}.dlq: {}", queue, reason);
            return true;
        } catch (IOException | RuntimeException | TimeoutException e) {
            log.error("dead-lettering failed, the message goes back to {}: {}", queue, e.toString());
            metrics.consumed(counted, "requeued");
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            metrics.consumed(counted, "requeued");
            return false;
        }
    }

    /**
     * The properties of a dead letter: the message's, with the reason headers; for an event out of a
     * pack, its own id and type instead of the pack's count.
     */
    private AMQP.BasicProperties deadLetterProperties(MessageProperties original, @Nullable EventEnvelope event, String reason,
                                                      int attempts, @Nullable String routingKey) {
        Map<String, Object> headers = new HashMap<>(original.getHeaders());
        headers.remove(EventPacks.COUNT_HEADER);
        headers.put(DeadLetterHeaders.REASON, reason.length() > 1000 ? reason.substring(0, 1000) : reason);
        headers.put(DeadLetterHeaders.ORIGINAL_QUEUE, queue);
        headers.put(DeadLetterHeaders.ORIGINAL_ROUTING_KEY, routingKey == null ? "" : routingKey);
        headers.put(DeadLetterHeaders.ATTEMPTS, attempts);
        headers.put(DeadLetterHeaders.FAILED_AT, Instant.now().toString());
        return new AMQP.BasicProperties.Builder()
                .contentType(original.getContentType())
                .contentEncoding(original.getContentEncoding())
                .deliveryMode(2)
                .messageId(event != null && !event.getEventId().isEmpty() ? event.getEventId() : original.getMessageId())
                .type(event != null ? event.getEventType() : original.getType())
                .headers(headers)
                .build();
    }
}
