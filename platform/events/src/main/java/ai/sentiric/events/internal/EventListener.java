package ai.sentiric.events.internal;

import ai.sentiric.events.EventCodec;
import ai.sentiric.events.EventHandler;
import ai.sentiric.events.EventMetrics;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareBatchMessageListener;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;

/**
 * Runs a service's {@link EventHandler} on each message of its queue, with manual
 * acknowledgement: ack after the handler returned; after {@code maxAttempts} failures (or at once
 * for a poison event) publish the message to the dead-letter exchange with the reason, wait for
 * the broker's confirm, then ack; if even that fails, requeue. A message is therefore either
 * handled, dead-lettered or still on a queue: never dropped.
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
        long tag = message.getMessageProperties().getDeliveryTag();
        String routingKey = message.getMessageProperties().getReceivedRoutingKey();
        EventEnvelope event;
        try {
            event = EventCodec.decode(message.getBody());
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            deadLetter(message, channel, "malformed event: " + e.getMessage(), 0, routingKey);
            return;
        }
        if (!EventTypes.consistent(event)) {
            deadLetter(message, channel, "unknown or inconsistent event type '" + event.getEventType() + "'", 0, routingKey);
            return;
        }
        MDC.put("traceId", event.getTraceId());
        MDC.put("callId", event.getCallId());
        try {
            Exception last = null;
            for (int attempt = 1; attempt <= properties.maxAttempts(); attempt++) {
                try {
                    handler.handle(event);
                    channel.basicAck(tag, false);
                    metrics.consumed(event.getEventType(), "handled");
                    return;
                } catch (PoisonEventException e) {
                    deadLetter(message, channel, e.getMessage(), attempt, routingKey);
                    return;
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
            deadLetter(message, channel, "failed after " + properties.maxAttempts() + " attempts: " + last, properties.maxAttempts(), routingKey);
        } finally {
            MDC.remove("traceId");
            MDC.remove("callId");
        }
    }

    /**
     * A batch: poison messages are dead-lettered one by one, the rest handed to the handler as one
     * unit of work and acknowledged together once it returned. When the batch fails, every message
     * in it takes the single-message path, with its own retries and dead-lettering.
     */
    public void onMessageBatch(List<Message> messages, Channel channel) {
        List<Message> valid = new ArrayList<>(messages.size());
        List<ReceivedEvent> events = new ArrayList<>(messages.size());
        try {
            for (Message message : messages) {
                String routingKey = message.getMessageProperties().getReceivedRoutingKey();
                try {
                    EventEnvelope event = EventCodec.decode(message.getBody());
                    if (EventTypes.consistent(event)) {
                        valid.add(message);
                        events.add(new ReceivedEvent(event, message.getBody()));
                    } else {
                        deadLetter(message, channel, "unknown or inconsistent event type '" + event.getEventType() + "'", 0, routingKey);
                    }
                } catch (InvalidProtocolBufferException | RuntimeException e) {
                    deadLetter(message, channel, "malformed event: " + e.getMessage(), 0, routingKey);
                }
            }
            if (events.isEmpty()) {
                return;
            }
            try {
                handler.handleReceived(events);
            } catch (Exception e) {
                log.warn("batch of {} events failed ({}); handling them one by one", events.size(), e.toString());
                for (Message message : valid) {
                    onMessage(message, channel);
                }
                return;
            }
            long last = valid.getLast().getMessageProperties().getDeliveryTag();
            channel.basicAck(last, true);
            events.forEach(received -> metrics.consumed(received.event().getEventType(), "handled"));
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

    private void deadLetter(Message message, Channel channel, String reason, int attempts, String routingKey) throws IOException {
        long tag = message.getMessageProperties().getDeliveryTag();
        String eventType = message.getMessageProperties().getType() == null ? routingKey : message.getMessageProperties().getType();
        try {
            channel.confirmSelect();
            channel.basicPublish(properties.deadLetterExchange(), queue, true,
                    deadLetterProperties(message.getMessageProperties(), reason, attempts, routingKey), message.getBody());
            channel.waitForConfirmsOrDie(properties.confirmTimeout().toMillis());
            channel.basicAck(tag, false);
            metrics.consumed(eventType == null ? "unknown" : eventType, "dead_lettered");
            log.error("event dead-lettered to {}.dlq: {}", queue, reason);
        } catch (IOException | RuntimeException | TimeoutException e) {
            log.error("dead-lettering failed, the message goes back to {}: {}", queue, e.toString());
            metrics.consumed(eventType == null ? "unknown" : eventType, "requeued");
            channel.basicNack(tag, false, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            channel.basicNack(tag, false, true);
        }
    }

    private AMQP.BasicProperties deadLetterProperties(MessageProperties original, String reason, int attempts, String routingKey) {
        Map<String, Object> headers = new HashMap<>(original.getHeaders());
        headers.put(DeadLetterHeaders.REASON, reason.length() > 1000 ? reason.substring(0, 1000) : reason);
        headers.put(DeadLetterHeaders.ORIGINAL_QUEUE, queue);
        headers.put(DeadLetterHeaders.ORIGINAL_ROUTING_KEY, routingKey == null ? "" : routingKey);
        headers.put(DeadLetterHeaders.ATTEMPTS, attempts);
        headers.put(DeadLetterHeaders.FAILED_AT, Instant.now().toString());
        return new AMQP.BasicProperties.Builder()
                .contentType(original.getContentType())
                .contentEncoding(original.getContentEncoding())
                .deliveryMode(2)
                .messageId(original.getMessageId())
                .type(original.getType())
                .headers(headers)
                .build();
    }
}
