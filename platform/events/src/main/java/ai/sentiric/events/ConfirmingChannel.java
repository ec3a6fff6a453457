package ai.sentiric.events;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ShutdownSignalException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.jspecify.annotations.Nullable;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.connection.RabbitUtils;

/**
 * The one channel, in confirm mode, that all of a service's events are published on. Each publish
 * takes the channel's next sequence number; the broker's acks and nacks (single or "up to here")
 * complete the matching futures.
 *
 * <p>Why not a channel per publish (what {@code RabbitTemplate} with correlated confirms does): that
 * template parks each channel until its confirm arrives, so concurrent publishers keep opening and
 * closing channels, each a broker round trip and a thread; under a few hundred calls a second that
 * churn ate the signalling service's CPU, and events overtook each other on different channels.
 * Here nothing is opened per event and events leave in the order they were published.
 *
 * <p>When the channel or its connection goes down, every unconfirmed publish fails (the publisher
 * cannot know whether the broker took it) and the next publish opens a new channel on the
 * connection factory, which reconnects.
 */
final class ConfirmingChannel implements AutoCloseable {

    /** A channel and the publishes on it still waiting for their confirm, by sequence number. */
    private record Link(Channel channel, ConcurrentNavigableMap<Long, CompletableFuture<Void>> unconfirmed) {
    }

    private final ConnectionFactory connections;
    /** Guards {@link #link} and keeps sequence numbers in publish order. */
    private final Object lock = new Object();
    /**
     * Written under {@link #lock}; volatile because {@link #unconfirmed()} reads it without the
     * lock. Null until the first publish and after the channel went down.
     */
    private volatile @Nullable Link link;

    ConfirmingChannel(ConnectionFactory connections) {
        this.connections = connections;
    }

    /** Publishes; the future completes when the broker confirmed, exceptionally when it refused or the channel failed. */
    CompletableFuture<Void> publish(String exchange, String routingKey, AMQP.BasicProperties properties, byte[] body) {
        CompletableFuture<Void> confirmed = new CompletableFuture<>();
        synchronized (lock) {
            Link current;
            try {
                current = open();
            } catch (IOException | AmqpException e) {
                return CompletableFuture.failedFuture(e);
            }
            long sequence = current.channel.getNextPublishSeqNo();
            current.unconfirmed.put(sequence, confirmed);
            try {
                current.channel.basicPublish(exchange, routingKey, false, properties, body);
            } catch (IOException | ShutdownSignalException e) {
                current.unconfirmed.remove(sequence);
                confirmed.completeExceptionally(e);
                return confirmed;
            }
            // A publish that times out waiting must not stay in the map until the channel dies.
            confirmed.whenComplete((ignored, failure) -> current.unconfirmed.remove(sequence));
        }
        return confirmed;
    }

    /** Opens the channel now rather than at the first publish; false when the broker cannot be reached. */
    boolean connect() {
        synchronized (lock) {
            try {
                open();
                return true;
            } catch (IOException | AmqpException e) {
                return false;
            }
        }
    }

    /** Publishes still waiting for the broker's confirm. */
    int unconfirmed() {
        Link current = link;
        return current == null ? 0 : current.unconfirmed.size();
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (link != null) {
                RabbitUtils.setPhysicalCloseRequired(link.channel, true);
                RabbitUtils.closeChannel(link.channel);
                link = null;
            }
        }
    }

    private Link open() throws IOException {
        if (link != null && link.channel.isOpen()) {
            return link;
        }
        Channel channel = connections.createConnection().createChannel(false);
        channel.confirmSelect();
        Link opened = new Link(channel, new ConcurrentSkipListMap<>());
        channel.addConfirmListener((tag, multiple) -> settle(opened, tag, multiple, null),
                (tag, multiple) -> settle(opened, tag, multiple, "the broker refused the event (nack)"));
        channel.addShutdownListener(cause -> failAll(opened, cause));
        link = opened;
        return opened;
    }

    private static void settle(Link link, long tag, boolean multiple, @Nullable String refusal) {
        Map<Long, CompletableFuture<Void>> view = multiple ? link.unconfirmed.headMap(tag, true) : link.unconfirmed.subMap(tag, true, tag, true);
        // Out of the map first: whoever a completion wakes must not find its publish still pending.
        List<CompletableFuture<Void>> settled = new ArrayList<>(view.values());
        view.clear();
        for (CompletableFuture<Void> publish : settled) {
            if (refusal == null) {
                publish.complete(null);
            } else {
                publish.completeExceptionally(new EventPublishException(refusal));
            }
        }
    }

    private void failAll(Link failed, ShutdownSignalException cause) {
        synchronized (lock) {
            if (link == failed) {
                link = null;
            }
        }
        List<CompletableFuture<Void>> pending = new ArrayList<>(failed.unconfirmed.values());
        failed.unconfirmed.clear();
        for (CompletableFuture<Void> publish : pending) {
            publish.completeExceptionally(new EventPublishException("the channel closed before the broker confirmed: "
                    + cause.getMessage(), cause));
        }
    }
}
