package ai.sentiric.testkit;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.json.JsonMapper;

/**
 * Listens to everything published on a test's event exchange, the way an outside consumer
 * would: a queue of its own, deleted when the tap closes. Tests read what was announced, by
 * routing key, as the JSON bodies that went over the wire, one per event: a pack (a message whose
 * body is a JSON array of events of its type) is read as its events.
 */
public final class EventTap implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.shared();

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
            channel.basicConsume(queue, true, (tag, delivery) -> events(delivery.getBody()).forEach(body ->
                    tap.messages.add(new Message(delivery.getEnvelope().getRoutingKey(), body))), tag -> { });
            return tap;
        } catch (Exception e) {
            throw new IllegalStateException("cannot tap exchange " + exchange, e);
        }
    }

    /** The events of a message body: itself, or each element of a pack (rendered compactly again). */
    private static List<String> events(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (!text.stripLeading().startsWith("[")) {
            return List.of(text);
        }
        List<String> events = new ArrayList<>();
        JSON.readTree(body).forEach(event -> events.add(event.toString()));
        return events;
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
