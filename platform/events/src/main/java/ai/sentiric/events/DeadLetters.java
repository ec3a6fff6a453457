package ai.sentiric.events;

import ai.sentiric.events.internal.DeadLetterHeaders;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.GetResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * A service's dead-letter queue: what is in it, and replay of its messages to the service queue.
 * A message leaves the dead-letter queue only after the broker confirmed its replay.
 */
public class DeadLetters {

    /** One dead-lettered message, as an operator sees it. */
    public record DeadLetter(String eventId, String eventType, String reason, Object attempts, String failedAt, String body) {
    }

    private final RabbitTemplate template;
    private final AmqpAdmin admin;
    private final String queue;
    private final String deadLetterQueue;
    private final long confirmTimeoutMillis;

    public DeadLetters(RabbitTemplate template, AmqpAdmin admin, String queue, long confirmTimeoutMillis) {
        this.template = template;
        this.admin = admin;
        this.queue = queue;
        this.deadLetterQueue = queue + ".dlq";
        this.confirmTimeoutMillis = confirmTimeoutMillis;
    }

    public String queue() {
        return deadLetterQueue;
    }

    public long count() {
        Properties info = admin.getQueueProperties(deadLetterQueue);
        return info == null ? 0 : ((Number) info.getOrDefault(RabbitAdmin.QUEUE_MESSAGE_COUNT, 0)).longValue();
    }

    /** Up to {@code limit} messages from the head of the queue; they stay where they are. */
    public List<DeadLetter> peek(int limit) {
        return template.execute(channel -> {
            List<DeadLetter> letters = new ArrayList<>();
            for (int i = 0; i < limit; i++) {
                GetResponse response = channel.basicGet(deadLetterQueue, false);
                if (response == null) {
                    break;
                }
                letters.add(describe(response));
            }
            // Closing without ack would also requeue; recover makes it explicit and immediate.
            channel.basicRecover(true);
            return letters;
        });
    }

    /** Moves up to {@code limit} messages back to the service queue; returns how many moved. */
    public int replay(int limit) {
        Integer moved = template.execute(channel -> {
            channel.confirmSelect();
            int count = 0;
            for (; count < limit; count++) {
                GetResponse response = channel.basicGet(deadLetterQueue, false);
                if (response == null) {
                    break;
                }
                Map<String, Object> headers = new HashMap<>(headers(response.getProps()));
                headers.keySet().removeIf(name -> name.startsWith("x-sentiric-") || name.equals("x-death"));
                AMQP.BasicProperties properties = response.getProps().builder().headers(headers).build();
                channel.basicPublish("", queue, true, properties, response.getBody());
                channel.waitForConfirmsOrDie(confirmTimeoutMillis);
                channel.basicAck(response.getEnvelope().getDeliveryTag(), false);
            }
            return count;
        });
        return moved == null ? 0 : moved;
    }

    private static DeadLetter describe(GetResponse response) {
        Map<String, Object> headers = headers(response.getProps());
        String body = new String(response.getBody(), StandardCharsets.UTF_8);
        return new DeadLetter(
                String.valueOf(response.getProps().getMessageId()),
                String.valueOf(response.getProps().getType()),
                String.valueOf(headers.get(DeadLetterHeaders.REASON)),
                headers.get(DeadLetterHeaders.ATTEMPTS),
                String.valueOf(headers.get(DeadLetterHeaders.FAILED_AT)),
                body.length() > 4000 ? body.substring(0, 4000) : body);
    }

    private static Map<String, Object> headers(AMQP.BasicProperties properties) {
        Map<String, Object> headers = new HashMap<>();
        if (properties.getHeaders() != null) {
            properties.getHeaders().forEach((name, value) -> headers.put(name, value == null ? null : value.toString()));
        }
        return headers;
    }
}
