package ai.sentiric.events;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ShutdownSignalException;
import java.io.IOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 *
 * <p>A publish the broker has not confirmed within the confirm timeout fails with a
 * {@link TimeoutException}. One sweeper thread finds those, a few times per timeout: publishes
 * leave in sequence order, so it reads the oldest until one is not yet due. Why not a timer per
 * publish ({@code CompletableFuture.orTimeout}): each one woke the JDK's delay scheduler thread when
 * it was set and again when it was cancelled, about five thread wake-ups per call in
 * sip-signaling-service, for timeouts that never fire.
 */
final class ConfirmingChannel implements AutoCloseable {

    /** A publish waiting for its confirm, and when it stops waiting ({@link System#nanoTime()}). */
    private record Pending(CompletableFuture<Void> confirmed, long deadline) {
    }

    /** A channel and the publishes on it still waiting for their confirm, by sequence number. */
    private record Link(Channel channel, ConcurrentNavigableMap<Long, Pending> unconfirmed) {

        /** One link is one channel's life: the same only as itself (its map changes with every publish). */
        @Override
        public boolean equals(Object other) {
            return this == other;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }

    private final ConnectionFactory connections;
    private final long timeoutNanos;
    private final long sweepNanos;
    /** Guards {@link #link} and keeps sequence numbers in publish order. */
    private final Object lock = new Object();
    /**
     * Written under {@link #lock}; volatile because {@link #unconfirmed()} reads it without the
     * lock. Null until the first publish and after the channel went down.
     */
    private volatile @Nullable Link link;
    /**
     * Every channel that may still hold unconfirmed publishes: the current one and those replaced
     * since, until the sweeper found them empty. A publish must time out whatever became of its
     * channel (one left behind by a dropped connection once kept its publisher waiting for ever).
     */
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    /** Fails the publishes past their deadline; started with the channel, stopped by {@link #close()}. Guarded by {@link #lock}. */
    private @Nullable ScheduledExecutorService sweeper;

    /** @param confirmTimeout how long a publish waits for its confirm before it fails */
    ConfirmingChannel(ConnectionFactory connections, Duration confirmTimeout) {
        if (!confirmTimeout.isPositive()) {
            throw new IllegalArgumentException("the confirm timeout must be positive: " + confirmTimeout);
        }
        this.connections = connections;
        this.timeoutNanos = confirmTimeout.toNanos();
        // A publish fails at most a tenth of its timeout late (and no later than 250 ms).
        this.sweepNanos = Math.clamp(timeoutNanos / 10, TimeUnit.MILLISECONDS.toNanos(5), TimeUnit.MILLISECONDS.toNanos(250));
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
            current.unconfirmed.put(sequence, new Pending(confirmed, System.nanoTime() + timeoutNanos));
            try {
                current.channel.basicPublish(exchange, routingKey, false, properties, body);
            } catch (IOException | ShutdownSignalException e) {
                current.unconfirmed.remove(sequence);
                confirmed.completeExceptionally(e);
            }
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
            if (sweeper != null) {
                sweeper.shutdownNow();
                sweeper = null;
            }
        }
    }

    private Link open() throws IOException {
        if (sweeper == null) {
            sweeper = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("event-confirm-timeouts").daemon().factory());
            sweeper.scheduleWithFixedDelay(this::expire, sweepNanos, sweepNanos, TimeUnit.NANOSECONDS);
        }
        if (link != null && link.channel.isOpen()) {
            return link;
        }
        Channel channel = connections.createConnection().createChannel(false);
        channel.confirmSelect();
        Link opened = new Link(channel, new ConcurrentSkipListMap<>());
        channel.addConfirmListener((tag, multiple) -> settle(opened, tag, multiple, null),
                (tag, multiple) -> settle(opened, tag, multiple, "the broker refused the event (nack)"));
        channel.addShutdownListener(cause -> failAll(opened, cause));
        links.add(opened);
        link = opened;
        return opened;
    }

    /** Fails the publishes whose deadline passed, on every channel: the oldest first, up to the first still in time. */
    private void expire() {
        long now = System.nanoTime();
        for (Link each : links) {
            Iterator<Pending> oldest = each.unconfirmed.values().iterator();
            while (oldest.hasNext()) {
                Pending pending = oldest.next();
                if (pending.deadline - now > 0) {
                    break;
                }
                oldest.remove();
                pending.confirmed.completeExceptionally(new TimeoutException("no confirm from the broker within "
                        + Duration.ofNanos(timeoutNanos)));
            }
            if (each != link && each.unconfirmed.isEmpty()) {
                links.remove(each);
            }
        }
    }

    private static void settle(Link link, long tag, boolean multiple, @Nullable String refusal) {
        Map<Long, Pending> view = multiple ? link.unconfirmed.headMap(tag, true) : link.unconfirmed.subMap(tag, true, tag, true);
        // Out of the map first: whoever a completion wakes must not find its publish still pending.
        List<CompletableFuture<Void>> settled = view.values().stream().map(Pending::confirmed).toList();
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
        List<CompletableFuture<Void>> pending = failed.unconfirmed.values().stream().map(Pending::confirmed).toList();
        failed.unconfirmed.clear();
        for (CompletableFuture<Void> publish : pending) {
            publish.completeExceptionally(new EventPublishException("the channel closed before the broker confirmed: "
                    + cause.getMessage(), cause));
        }
    }
}
