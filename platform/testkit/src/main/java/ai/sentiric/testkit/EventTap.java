package ai.sentiric.testkit;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Listens to everything published on a test's event exchange, the way an outside consumer
 * would: a queue of its own, deleted when the tap closes. Tests read what was announced, by
 * routing key, as the JSON bodies that went over the wire.
 */
public final class EventTap implements AutoCloseable {

    /** One event as it crossed the broker. */
    public record Message(String routingKey, String body) {
    }

    private final Connection connection;
    private final List<Message> messages = new CopyOnWriteArrayList<>();

    private EventTap(Connection connection) {
        this.connection = connection;
    }

    /** Starts listening on {@code exchange} (declared if it does not exist yet). */
    public static EventTap open(AmqpEndpoint broker, String exchange) {
        try {
            ConnectionFactory factory = new ConnectionFactory();
            factory.setUri(broker.uri());
            Connection connection = factory.newConnection("event-tap");
            EventTap tap = new EventTap(connection);
            Channel channel = connection.createChannel();
            channel.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, true);
            String queue = channel.queueDeclare("", false, true, true, null).getQueue();
            channel.queueBind(queue, exchange, "#");
            channel.basicConsume(queue, true, (tag, delivery) -> tap.messages.add(new Message(
                    delivery.getEnvelope().getRoutingKey(), new String(delivery.getBody(), StandardCharsets.UTF_8))),
                    tag -> { });
            return tap;
        } catch (Exception e) {
            throw new IllegalStateException("cannot tap exchange " + exchange, e);
        }
    }

    /** Everything received so far, in arrival order. */
    public List<Message> messages() {
        return List.copyOf(messages);
    }

    /** The bodies of the events of one type that mention {@code text} (a call id, say). */
    public List<String> bodies(String routingKey, String text) {
        return messages.stream().filter(m -> m.routingKey().equals(routingKey) && m.body().contains(text))
                .map(Message::body).toList();
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (Exception ignored) {
            // The queue is exclusive and goes with the connection either way.
        }
    }
}
