package ai.sentiric.events;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ShutdownSignalException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;

/**
 * The one channel, in confirm mode, that all of a service's events are published on, and the
 * events waiting for it while the broker cannot be reached. Each publish takes the channel's next
 * sequence number; the broker's acks and nacks (single or "up to here") complete the matching
 * futures.
 *
 * <p>Why not a channel per publish (what {@code RabbitTemplate} with correlated confirms does): that
 * template parks each channel until its confirm arrives, so concurrent publishers keep opening and
 * closing channels, each a broker round trip and a thread; under a few hundred calls a second that
 * churn ate the signalling service's CPU, and events overtook each other on different channels.
 * Here nothing is opened per event and events leave in the order they were published.
 *
 * <p>A publish never connects and never waits for the broker: services publish from SIP stack and
 * gRPC transport threads, and one connect to an unreachable broker (up to the connection timeout)
 * would stall every call on them. While there is no channel, events wait in a bounded backlog in
 * publish order, and one keeper thread opens a channel (retrying with a backoff up to 5 s) and
 * sends them. When a channel goes down, or the broker leaves a publish unconfirmed for the confirm
 * timeout while confirming nothing else either, every event still unconfirmed on it is sent again
 * on the next channel, ahead of the backlog. While the broker blocks the connection (a resource alarm), events wait in the backlog too: delivery is at least once, and consumers drop repeats by event id. An event is given up
 * (its future fails) only when the broker refused it (nack), when it waited longer than the
 * retention, or when the backlog was full when it was published.
 *
 * <p>Events are sent in batches: a publish adds its event to the backlog, and the keeper sends
 * whatever gathered there {@code linger} after the first of them (0: the publisher's own thread
 * sends it at once). The broker's work is mostly per wake-up, not per message: on this platform's
 * 2-core machine, RabbitMQ spent about half the CPU per persistent message when they arrived ten at
 * a time as when they arrived one by one at the same rate (bench/broker-cost.sh publishing in bursts), and its consumers
 * then receive, write and acknowledge them in larger batches too. The publisher's thread (a SIP or
 * gRPC thread) no longer writes to the broker's socket at all, nor waits while the keeper does: the
 * keeper takes a batch and its sequence numbers under the lock and writes it outside.
 *
 * <p>The events of a batch that share a routing key go out as one message, a pack ({@link EventPacks},
 * up to {@code maxPack} events), whose confirm settles all of them: the broker's work goes per
 * message, and at 1,000 calls a second it was the one process short of CPU. The events of one call
 * (one {@code order} key) still reach the broker in the order published.
 *
 * <p>Why one sweep instead of a timer per publish ({@code CompletableFuture.orTimeout}): each timer
 * woke the JDK's delay scheduler thread when it was set and again when it was cancelled, about five
 * thread wake-ups per call in sip-signaling-service, for timeouts that never fire. Publishes leave
 * in order, so the sweep reads only the oldest.
 */
final class ConfirmingChannel implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConfirmingChannel.class);
    private static final long MIN_BACKOFF = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long MAX_BACKOFF = TimeUnit.SECONDS.toNanos(5);

    /**
     * An event on its way: what to send, the order it must keep (events of one call, by call id, leave
     * in the order published), who waits for its confirm, and when it is given up ({@link System#nanoTime()}).
     */
    record Outgoing(String exchange, String routingKey, String order, AMQP.BasicProperties properties, byte[] body,
                    CompletableFuture<Void> confirmed, long expiry) {
    }

    /** One message sent on a channel, the events it carries (one, or a pack), and until when the broker may take to confirm it. */
    private record Pending(List<Outgoing> events, long deadline) {
    }

    /**
     * A channel, the messages sent on it still waiting for their confirm (by sequence number), how many
     * events they carry, and when the broker last confirmed anything on it ({@link System#nanoTime()};
     * its opening before the first).
     */
    private record Link(Channel channel, ConcurrentNavigableMap<Long, Pending> unconfirmed, AtomicInteger events,
                        AtomicLong lastConfirm) {

        void sent(long sequence, Pending message) {
            unconfirmed.put(sequence, message);
            events.addAndGet(message.events.size());
        }

        /** Takes every unconfirmed message off the channel, oldest first. */
        List<Pending> clear() {
            return take(unconfirmed);
        }

        /**
         * Takes the messages of a part of {@link #unconfirmed} off it, oldest first. One at a time: a
         * confirm and a channel given up may race for the same message, and only one of them gets it.
         */
        List<Pending> take(ConcurrentNavigableMap<Long, Pending> part) {
            List<Pending> taken = new ArrayList<>();
            for (Map.Entry<Long, Pending> next = part.pollFirstEntry(); next != null; next = part.pollFirstEntry()) {
                taken.add(next.getValue());
                events.addAndGet(-next.getValue().events.size());
            }
            return taken;
        }

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
    private final long retentionNanos;
    private final int capacity;
    private final long lingerNanos;
    /** The most events one message may carry; 1 sends each alone. */
    private final int maxPack;
    /** Opens channels, sends the backlog, and sweeps for overdue confirms and expired events. */
    private final ScheduledExecutorService keeper;
    /** Guards everything below and keeps sequence numbers in publish order. */
    private final Object lock = new Object();
    /** The open channel; null before the first one and after it failed, until the keeper opened the next. */
    private @Nullable Link link;
    /** Events waiting for a channel, oldest first. */
    private final ArrayDeque<Outgoing> backlog = new ArrayDeque<>();
    /** The broker blocked the connection (a memory or disk alarm): it reads nothing more until it unblocks. */
    private boolean blocked;
    /** The keeper has a send of the backlog (and a restore of the channel, if it needs one) to run. */
    private boolean sending;
    /** The keeper is writing a batch to the channel, outside the lock: no one else may publish on it. */
    private boolean writing;
    /** Wait before the next restore after a failed one; 0 after a success. */
    private long backoffNanos;
    private boolean closed;

    /**
     * @param confirmTimeout how long the broker may take to confirm an event, confirming nothing else
     *                       on its channel meanwhile, before the channel is given up and the event
     *                       sent again on a new one
     * @param retention      how long an event may wait for the broker at all before it is given up
     * @param capacity       how many events may wait for the broker at once
     * @param linger         how long an event may wait for others to be sent with; 0 sends each at once
     * @param maxPack        the most events of one type that go out as one message (a pack); 1 sends each alone
     */
    ConfirmingChannel(ConnectionFactory connections, Duration confirmTimeout, Duration retention, int capacity,
                      Duration linger, int maxPack) {
        if (!confirmTimeout.isPositive() || retention.compareTo(confirmTimeout) < 0 || capacity < 1
                || linger.isNegative() || linger.compareTo(confirmTimeout) >= 0 || maxPack < 1) {
            throw new IllegalArgumentException("needs a positive confirm timeout (" + confirmTimeout
                    + "), a retention at least that long (" + retention + "), room for an event (" + capacity
                    + "), a linger from 0 to less than the confirm timeout (" + linger + ") and packs of at least one ("
                    + maxPack + ")");
        }
        this.maxPack = maxPack;
        this.connections = connections;
        this.timeoutNanos = confirmTimeout.toNanos();
        this.retentionNanos = retention.toNanos();
        this.capacity = capacity;
        this.lingerNanos = linger.toNanos();
        this.keeper = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("event-channel-keeper").daemon().factory());
        // An overdue confirm is noticed at most a tenth of the timeout late (and no later than 250 ms).
        long sweep = Math.clamp(timeoutNanos / 10, TimeUnit.MILLISECONDS.toNanos(5), TimeUnit.MILLISECONDS.toNanos(250));
        keeper.scheduleWithFixedDelay(this::sweep, sweep, sweep, TimeUnit.NANOSECONDS);
    }

    /**
     * Publishes without waiting; the future completes when the broker confirmed, exceptionally when
     * it refused the event or the event was given up. Events of the same {@code order} (a call id;
     * empty for events of no call) reach the broker in the order published.
     */
    CompletableFuture<Void> publish(String exchange, String routingKey, String order, AMQP.BasicProperties properties,
                                    byte[] body) {
        Outgoing event = new Outgoing(exchange, routingKey, order, properties, body, new CompletableFuture<>(),
                System.nanoTime() + retentionNanos);
        synchronized (lock) {
            if (closed) {
                event.confirmed.completeExceptionally(new EventPublishException("the publisher is closed"));
            } else if (lingerNanos == 0 && link != null && backlog.isEmpty() && !blocked && !writing) {
                send(link, event);
            } else if (backlog.size() >= capacity) {
                event.confirmed.completeExceptionally(new EventPublishException("the broker is out of reach and "
                        + capacity + " events already wait for it"));
            } else {
                backlog.addLast(event);
                sendSoon();
            }
        }
        return event.confirmed;
    }

    /**
     * Opens the channel now rather than at the first publish, on the keeper thread, and waits for
     * it; false when the broker cannot be reached.
     */
    boolean connect() {
        try {
            keeper.submit(this::sendBacklog).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | RejectedExecutionException e) {
            return false;
        }
        synchronized (lock) {
            return link != null;
        }
    }

    /**
     * The broker blocked the connection (true) or unblocked it. While blocked, events wait in the
     * backlog: the broker reads nothing, and a publish would block its thread once the socket's
     * buffer filled. Nor is a silent channel given up meanwhile; its confirms come after the alarm.
     */
    void blocked(boolean now) {
        synchronized (lock) {
            blocked = now;
            if (!now && link != null) {
                // The broker had stopped reading: the events sent before take their confirm time from now.
                long deadline = System.nanoTime() + timeoutNanos;
                link.unconfirmed.replaceAll((sequence, pending) -> new Pending(pending.events, deadline));
            }
            sendSoon();
        }
    }

    /** Events not yet confirmed by the broker: sent and unconfirmed, or waiting for a channel. */
    int unconfirmed() {
        synchronized (lock) {
            return backlog.size() + (link == null ? 0 : link.events.get());
        }
    }

    /**
     * Waits up to the confirm timeout for the events not yet confirmed, then fails those left and
     * closes the channel.
     */
    @Override
    public void close() {
        List<CompletableFuture<Void>> outstanding;
        synchronized (lock) {
            outstanding = new ArrayList<>(backlog.stream().map(Outgoing::confirmed).toList());
            if (link != null) {
                link.unconfirmed.values().forEach(pending -> pending.events.forEach(event -> outstanding.add(event.confirmed)));
            }
        }
        try {
            CompletableFuture.allOf(outstanding.toArray(CompletableFuture[]::new)).get(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // some were refused or are still waiting: those left are failed below
        }
        List<Outgoing> left = new ArrayList<>();
        Channel last = null;
        synchronized (lock) {
            closed = true;
            if (link != null) {
                link.clear().forEach(pending -> left.addAll(pending.events));
                last = link.channel;
                link = null;
            }
            left.addAll(backlog);
            backlog.clear();
        }
        keeper.shutdownNow();
        if (last != null) {
            closeAside(last);
        }
        if (!left.isEmpty()) {
            log.error("closing with {} events the broker has not confirmed; they are lost", left.size());
        }
        left.forEach(event -> event.confirmed.completeExceptionally(new EventPublishException("the publisher closed first")));
    }

    /**
     * Sends on the channel from the publisher's thread (without a linger), and if that fails hands the
     * event and the channel's unconfirmed events back to the backlog. Under the lock.
     */
    private void send(Link current, Outgoing event) {
        Pending message = new Pending(List.of(event), System.nanoTime() + timeoutNanos);
        current.sent(current.channel.getNextPublishSeqNo(), message);
        try {
            publish(current.channel, message);
        } catch (IOException | ShutdownSignalException e) {
            abandon(current);
        }
    }

    /** One message: an event as it was published, or a pack of them with the pack's own properties. */
    private static void publish(Channel channel, Pending message) throws IOException {
        Outgoing first = message.events.getFirst();
        if (message.events.size() == 1) {
            channel.basicPublish(first.exchange, first.routingKey, false, first.properties, first.body);
            return;
        }
        // The properties that describe one event (its id, its trace) do not describe the pack: each
        // event carries them in its own JSON.
        AMQP.BasicProperties pack = new AMQP.BasicProperties.Builder()
                .contentType(first.properties.getContentType())
                .contentEncoding(first.properties.getContentEncoding())
                .deliveryMode(first.properties.getDeliveryMode())
                .type(first.properties.getType())
                .headers(Map.of(EventPacks.COUNT_HEADER, message.events.size()))
                .build();
        channel.basicPublish(first.exchange, first.routingKey, false, pack,
                EventPacks.join(message.events.stream().map(Outgoing::body).toList()));
    }

    /**
     * Packs events, in publish order, into messages of one exchange and routing key each, at most
     * {@code maxPack} events a message, keeping the order of each call's events: messages go out in
     * the order their first event was published, so an event joins the latest message of its type
     * only if no later message already holds an earlier event of its call.
     */
    static List<List<Outgoing>> pack(List<Outgoing> events, int maxPack) {
        if (maxPack == 1) {
            return events.stream().map(List::of).toList();
        }
        List<List<Outgoing>> messages = new ArrayList<>();
        Map<String, Integer> latestOfType = new HashMap<>();
        Map<String, Integer> latestOfOrder = new HashMap<>();
        for (Outgoing event : events) {
            String type = event.exchange + ' ' + event.routingKey;
            Integer joins = latestOfType.get(type);
            Integer after = latestOfOrder.get(event.order);
            if (joins == null || messages.get(joins).size() >= maxPack || (after != null && after > joins)) {
                joins = messages.size();
                messages.add(new ArrayList<>());
                latestOfType.put(type, joins);
            }
            messages.get(joins).add(event);
            latestOfOrder.put(event.order, joins);
        }
        return messages;
    }

    /** Gives the channel up: its unconfirmed events go back to the front of the backlog, in order. Under the lock. */
    private void abandon(Link failed) {
        if (link == failed) {
            link = null;
        }
        List<Pending> stranded = failed.clear();
        for (int i = stranded.size() - 1; i >= 0; i--) {
            List<Outgoing> events = stranded.get(i).events;
            for (int j = events.size() - 1; j >= 0; j--) {
                backlog.addFirst(events.get(j));
            }
        }
        sendSoon();
    }

    /**
     * Has the keeper send the backlog: after the linger while a channel is open, else after the
     * backoff of the channel's restore. Under the lock.
     */
    private void sendSoon() {
        if (!sending && !closed && !blocked) {
            sending = true;
            keeper.schedule(this::sendBacklog, link == null ? backoffNanos : lingerNanos, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * On the keeper: opens a channel if there is none (outside the lock, so that publishers go on
     * queueing meanwhile), then sends the backlog on it. A failed open is retried with a growing
     * backoff while events wait.
     */
    private void sendBacklog() {
        Link current;
        synchronized (lock) {
            sending = false;
            current = link;
        }
        if (current == null) {
            try {
                current = open();
            } catch (IOException | RuntimeException e) {
                synchronized (lock) {
                    backoffNanos = Math.clamp(backoffNanos * 2, MIN_BACKOFF, MAX_BACKOFF);
                    if (!backlog.isEmpty()) {
                        log.warn("broker out of reach, {} events wait; next try in {} ms: {}", backlog.size(),
                                TimeUnit.NANOSECONDS.toMillis(backoffNanos), e.toString());
                        sendSoon();
                    }
                }
                return;
            }
        }
        List<Pending> batch = new ArrayList<>();
        synchronized (lock) {
            if (closed) {
                closeAside(current.channel);
                return;
            }
            backoffNanos = 0;
            link = current;
            // The batch takes its sequence numbers here, in publish order, and counts as sent from now
            // on: a channel lost while it is written hands every event of it back to the backlog in order.
            long now = System.nanoTime();
            List<Outgoing> events = new ArrayList<>();
            while (!backlog.isEmpty() && !blocked) {
                Outgoing event = backlog.pollFirst();
                if (event.expiry - now <= 0) {
                    expired(event);
                } else {
                    events.add(event);
                }
            }
            long sequence = current.channel.getNextPublishSeqNo();
            for (List<Outgoing> pack : pack(events, maxPack)) {
                Pending message = new Pending(pack, now + timeoutNanos);
                current.sent(sequence++, message);
                batch.add(message);
            }
            writing = !batch.isEmpty();
        }
        if (!batch.isEmpty()) {
            write(current, batch);
        }
    }

    /**
     * On the keeper, outside the lock: the socket writes (a flush per message) of a batch, so that a
     * publisher never waits for them. No one else publishes on the channel meanwhile, which keeps
     * the sequence numbers the batch took.
     */
    private void write(Link current, List<Pending> batch) {
        try {
            for (Pending message : batch) {
                publish(current.channel, message);
            }
        } catch (IOException | ShutdownSignalException e) {
            synchronized (lock) {
                abandon(current);
            }
        } finally {
            synchronized (lock) {
                writing = false;
            }
        }
    }

    private Link open() throws IOException {
        // A channel of the connection itself, not one of the factory's cached channel proxies: a proxy
        // whose channel closed opens a fresh one on the next call, silently and not in confirm mode,
        // and an event published on it would never be confirmed (its sequence number is 0).
        Channel channel = connections.createConnection().getDelegate().createChannel();
        if (channel == null) {
            throw new IOException("the connection has no channel left");
        }
        try {
            channel.confirmSelect();
        } catch (IOException | RuntimeException e) {
            closeAside(channel);
            throw e;
        }
        Link opened = new Link(channel, new ConcurrentSkipListMap<>(), new AtomicInteger(), new AtomicLong(System.nanoTime()));
        channel.addConfirmListener((tag, multiple) -> settle(opened, tag, multiple, null),
                (tag, multiple) -> settle(opened, tag, multiple, "the broker refused the event (nack)"));
        channel.addShutdownListener(cause -> {
            synchronized (lock) {
                abandon(opened);
            }
        });
        return opened;
    }

    /**
     * On the keeper, a few times per confirm timeout: a channel whose oldest event is overdue, and on
     * which the broker has confirmed nothing for the whole confirm timeout, is given up (its events go
     * out again on a new one); events past their retention fail. A broker that still confirms is
     * behind, not gone: it confirms a live channel's events in the end, and giving the channel up
     * would send every one of them again, thousands of duplicates onto a broker already short of CPU
     * (at 1,000 calls/s sip-signaling resent 10,000 to 34,000 events three or four times a minute).
     */
    private void sweep() {
        long now = System.nanoTime();
        Channel stuck = null;
        synchronized (lock) {
            if (link != null && !blocked) {
                Map.Entry<Long, Pending> oldest = link.unconfirmed.firstEntry();
                if (oldest != null && oldest.getValue().deadline - now <= 0 && now - link.lastConfirm.get() >= timeoutNanos) {
                    log.warn("the broker confirmed nothing for {} with an event overdue; sending {} events again on a new channel",
                            Duration.ofNanos(timeoutNanos), link.events.get());
                    stuck = link.channel;
                    abandon(link);
                }
            }
            while (!backlog.isEmpty() && backlog.peekFirst().expiry - now <= 0) {
                expired(backlog.pollFirst());
            }
        }
        if (stuck != null) {
            closeAside(stuck);
        }
    }

    /** Closing waits for the broker's answer, which may never come: neither on the keeper nor under the lock. */
    private static void closeAside(Channel channel) {
        Thread.ofVirtual().name("event-channel-close").start(() -> {
            try {
                channel.abort();
            } catch (IOException | RuntimeException e) {
                // already closed
            }
        });
    }

    private void expired(Outgoing event) {
        event.confirmed.completeExceptionally(new TimeoutException("the broker did not confirm the event within "
                + Duration.ofNanos(retentionNanos)));
    }

    private static void settle(Link link, long tag, boolean multiple, @Nullable String refusal) {
        link.lastConfirm.set(System.nanoTime());
        // Out of the map first: whoever a completion wakes must not find its event still pending.
        List<Pending> settled = link.take(multiple ? link.unconfirmed.headMap(tag, true) : link.unconfirmed.subMap(tag, true, tag, true));
        for (Pending message : settled) {
            for (Outgoing event : message.events) {
                if (refusal == null) {
                    event.confirmed.complete(null);
                } else {
                    event.confirmed.completeExceptionally(new EventPublishException(refusal));
                }
            }
        }
    }
}
