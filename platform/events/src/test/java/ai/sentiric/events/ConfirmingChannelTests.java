package ai.sentiric.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmCallback;
import com.rabbitmq.client.ShutdownListener;
import com.rabbitmq.client.ShutdownSignalException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.AmqpConnectException;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;

/**
 * The confirm bookkeeping and the backlog against channels the test plays the broker for: a real
 * broker confirms too reliably, and is too hard to take away, to show what happens when it does not.
 */
class ConfirmingChannelTests {

    private static final Duration TIMEOUT = Duration.ofMillis(300);
    private static final AMQP.BasicProperties PROPERTIES = new AMQP.BasicProperties();

    /** One channel as the broker's side sees it: what was published on it, and its callbacks. */
    final class BrokerChannel {
        final boolean refuseConfirmMode = confirmModeFailures.getAndUpdate(left -> Math.max(0, left - 1)) > 0;
        /** The publish of this index (from 0) finds the channel closed; only on the first channel. */
        final int closesAt = channels.isEmpty() ? firstChannelClosesAt : -1;
        final AtomicBoolean open = new AtomicBoolean(true);
        final AtomicBoolean closed = new AtomicBoolean();
        final AtomicLong nextSequence = new AtomicLong(1);
        final List<String> published = new CopyOnWriteArrayList<>();
        /** The properties of each publish. */
        final List<AMQP.BasicProperties> properties = new CopyOnWriteArrayList<>();
        /** The thread of each publish. */
        final List<String> publishers = new CopyOnWriteArrayList<>();
        final AtomicReference<ConfirmCallback> acks = new AtomicReference<>();
        final AtomicReference<ConfirmCallback> nacks = new AtomicReference<>();
        final AtomicReference<ShutdownListener> shutdown = new AtomicReference<>();
        final Channel channel = fake(Channel.class, (method, args) -> switch (method) {
            case "isOpen" -> open.get();
            case "getNextPublishSeqNo" -> nextSequence.get();
            case "basicPublish" -> {
                if (published.size() == closesAt) {
                    open.set(false);
                    throw new AlreadyClosedException(new ShutdownSignalException(false, false, null, "the test"));
                }
                writeStarted.countDown();
                CountDownLatch stall = stallWrites;
                if (stall != null) {
                    try {
                        stall.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                published.add(new String((byte[]) args[4], StandardCharsets.UTF_8));
                properties.add((AMQP.BasicProperties) args[3]);
                publishers.add(Thread.currentThread().getName());
                yield nextSequence.getAndIncrement();
            }
            case "addConfirmListener" -> {
                acks.set((ConfirmCallback) args[0]);
                nacks.set((ConfirmCallback) args[1]);
                yield null;
            }
            case "addShutdownListener" -> {
                shutdown.set((ShutdownListener) args[0]);
                yield null;
            }
            case "confirmSelect" -> {
                if (refuseConfirmMode) {
                    throw new IllegalStateException("channel.confirm refused");
                }
                yield null;
            }
            case "close", "abort" -> {
                closed.set(true);
                yield null;
            }
            default -> null;
        });

        void ackAll() throws Exception {
            acks.get().handle(nextSequence.get() - 1, true);
        }

        void goDown() {
            open.set(false);
            shutdown.get().shutdownCompleted(new ShutdownSignalException(false, false, null, "the test"));
        }
    }

    /** Every channel opened, in order. */
    private final List<BrokerChannel> channels = new CopyOnWriteArrayList<>();
    private final AtomicBoolean reachable = new AtomicBoolean(true);
    /** The next this many channels fail to enter confirm mode. */
    private final AtomicInteger confirmModeFailures = new AtomicInteger();
    /** The publish of this index on the first channel finds it closed; -1: none does. */
    private volatile int firstChannelClosesAt = -1;
    /** When set, every write waits for it: a broker slow to read its socket. */
    private volatile @Nullable CountDownLatch stallWrites;
    /** Counted down as a write begins. */
    private final CountDownLatch writeStarted = new CountDownLatch(1);
    /** When set, connecting waits for it: a broker whose address swallows the connect. */
    private volatile @Nullable CountDownLatch hang;
    private final ConnectionFactory connections = fake(ConnectionFactory.class, (method, args) -> {
        if (!"createConnection".equals(method)) {
            return null;
        }
        CountDownLatch waiting = hang;
        if (waiting != null) {
            try {
                waiting.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!reachable.get()) {
            throw new AmqpConnectException(new java.net.ConnectException("Connection refused"));
        }
        com.rabbitmq.client.Connection amqp = fake(com.rabbitmq.client.Connection.class, (amqpMethod, amqpArgs) -> {
            if (!"createChannel".equals(amqpMethod)) {
                return null;
            }
            BrokerChannel opened = new BrokerChannel();
            channels.add(opened);
            return opened.channel;
        });
        return fake(Connection.class, (connectionMethod, connectionArgs) -> "getDelegate".equals(connectionMethod) ? amqp : null);
    });
    private ConfirmingChannel channel = new ConfirmingChannel(connections, TIMEOUT, Duration.ofMinutes(1), 1_000, Duration.ZERO, 1);

    @AfterEach
    void close() {
        for (CountDownLatch waiting : new CountDownLatch[] {hang, stallWrites}) {
            if (waiting != null) {
                waiting.countDown();
            }
        }
        channel.close();
    }

    @Test
    void aConfirmedPublishCompletesAndIsNoLongerPending() throws Exception {
        CompletableFuture<Void> first = publish("1");
        await().until(() -> channel.unconfirmed() == 1 && channels.size() == 1);
        CompletableFuture<Void> second = publish("2");
        assertThat(channel.unconfirmed()).isEqualTo(2);

        channels.getFirst().acks.get().handle(2, true);

        assertThat(first).succeedsWithin(Duration.ofSeconds(1));
        assertThat(second).succeedsWithin(Duration.ofSeconds(1));
        assertThat(channel.unconfirmed()).isZero();
        assertThat(channels.getFirst().published).containsExactly("1", "2");
    }

    @Test
    void withoutALingerTheEventGoesOutAtOnceOnThePublishersThread() {
        assertThat(channel.connect()).isTrue();

        publish("now");

        assertThat(channels.getFirst().published).containsExactly("now");
        assertThat(channels.getFirst().publishers).containsExactly(Thread.currentThread().getName());
    }

    @Test
    void withALingerTheEventsOfThatTimeGoOutTogetherInOrderFromTheKeeper() throws Exception {
        channel.close();
        Duration linger = Duration.ofMillis(150);
        channel = new ConfirmingChannel(connections, TIMEOUT, Duration.ofMinutes(1), 1_000, linger, 1);
        assertThat(channel.connect()).isTrue();
        BrokerChannel broker = channels.getFirst();

        long start = System.nanoTime();
        List<CompletableFuture<Void>> batch = IntStream.range(0, 5).mapToObj(i -> publish("b" + i)).toList();
        assertThat(broker.published).as("nothing is sent before the linger is over").isEmpty();
        assertThat(channel.unconfirmed()).isEqualTo(5);

        await().atMost(Duration.ofSeconds(5)).until(() -> broker.published.size() == 5);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(linger);
        assertThat(broker.published).containsExactly("b0", "b1", "b2", "b3", "b4");
        assertThat(broker.publishers).containsOnly("event-channel-keeper");
        broker.ackAll();
        assertThat(CompletableFuture.allOf(batch.toArray(CompletableFuture[]::new))).succeedsWithin(Duration.ofSeconds(1));

        CompletableFuture<Void> next = publish("next");
        await().atMost(Duration.ofSeconds(5)).until(() -> broker.published.size() == 6);
        broker.ackAll();
        assertThat(next).as("a later event starts a linger of its own").succeedsWithin(Duration.ofSeconds(1));
    }

    @Test
    void aPublisherNeverWaitsForTheKeepersWrites() throws Exception {
        channel.close();
        channel = new ConfirmingChannel(connections, Duration.ofSeconds(5), Duration.ofMinutes(1), 1_000, Duration.ofMillis(10), 1);
        CountDownLatch release = new CountDownLatch(1);
        stallWrites = release;
        CompletableFuture<Void> first = publish("a");
        assertThat(writeStarted.await(5, TimeUnit.SECONDS)).as("the keeper is writing \"a\"").isTrue();

        CompletableFuture<CompletableFuture<Void>> second = CompletableFuture.supplyAsync(() -> publish("b"));
        assertThat(second).as("a publish while the keeper writes").succeedsWithin(Duration.ofSeconds(1));

        release.countDown();
        BrokerChannel broker = channels.getFirst();
        await().atMost(Duration.ofSeconds(5)).until(() -> broker.published.size() == 2);
        assertThat(broker.published).containsExactly("a", "b");
        broker.ackAll();
        assertThat(CompletableFuture.allOf(first, second.join())).succeedsWithin(Duration.ofSeconds(1));
    }

    @Test
    void aBatchWhoseChannelClosesWhileItIsWrittenGoesOutAgainInOrder() throws Exception {
        channel.close();
        channel = new ConfirmingChannel(connections, TIMEOUT, Duration.ofMinutes(1), 1_000, Duration.ofMillis(100), 1);
        firstChannelClosesAt = 1;
        assertThat(channel.connect()).isTrue();

        List<CompletableFuture<Void>> batch = Stream.of("a", "b", "c").map(this::publish).toList();

        await().atMost(Duration.ofSeconds(5)).until(() -> channels.size() == 2 && channels.get(1).published.size() == 3);
        assertThat(channels.getFirst().published).containsExactly("a");
        assertThat(channels.get(1).published).as("the written, the failed and the unwritten, in order").containsExactly("a", "b", "c");
        channels.get(1).ackAll();
        assertThat(CompletableFuture.allOf(batch.toArray(CompletableFuture[]::new))).succeedsWithin(Duration.ofSeconds(1));
    }

    @Test
    void aLingerMustBeShorterThanTheConfirmTimeout() {
        assertThatThrownBy(() -> new ConfirmingChannel(connections, TIMEOUT, Duration.ofMinutes(1), 1_000, TIMEOUT, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("linger");
        assertThatThrownBy(() -> new ConfirmingChannel(connections, TIMEOUT, Duration.ofMinutes(1), 1_000, Duration.ofMillis(-1), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("linger");
    }

    @Test
    void eventsPublishedWhileTheBrokerIsOutOfReachWaitAndGoOutInOrderOnceItIsBack() throws Exception {
        reachable.set(false);
        List<CompletableFuture<Void>> waiting = IntStream.range(0, 5).mapToObj(i -> publish("e" + i)).toList();

        await().pollDelay(Duration.ofMillis(400)).until(() -> true);
        assertThat(waiting).noneMatch(CompletableFuture::isDone);
        assertThat(channel.unconfirmed()).isEqualTo(5);

        reachable.set(true);
        await().atMost(Duration.ofSeconds(10)).until(() -> channels.size() == 1 && channels.getFirst().published.size() == 5);
        assertThat(channels.getFirst().published).containsExactly("e0", "e1", "e2", "e3", "e4");
        channels.getFirst().ackAll();
        assertThat(CompletableFuture.allOf(waiting.toArray(CompletableFuture[]::new))).succeedsWithin(Duration.ofSeconds(1));
    }

    @Test
    void aConnectThatHangsHoldsUpNoPublisher() {
        hang = new CountDownLatch(1);

        List<CompletableFuture<Void>> waiting = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> IntStream.range(0, 100).mapToObj(i -> publish("e" + i)).toList());

        assertThat(hang.getCount()).as("the connect is still hanging").isEqualTo(1);
        assertThat(waiting).noneMatch(CompletableFuture::isDone);
        hang.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> channels.size() == 1 && channels.getFirst().published.size() == 100);
    }

    @Test
    void whenAChannelGoesDownItsUnconfirmedEventsGoOutAgainOnTheNextAheadOfNewOnes() throws Exception {
        CompletableFuture<Void> first = publish("a");
        await().until(() -> channels.size() == 1);
        CompletableFuture<Void> second = publish("b");
        BrokerChannel down = channels.getFirst();

        reachable.set(false);
        down.goDown();
        CompletableFuture<Void> third = publish("c");
        assertThat(List.of(first, second, third)).noneMatch(CompletableFuture::isDone);
        reachable.set(true);

        await().atMost(Duration.ofSeconds(10)).until(() -> channels.size() == 2 && channels.get(1).published.size() == 3);
        BrokerChannel next = channels.get(1);
        assertThat(next.published).containsExactly("a", "b", "c");
        down.acks.get().handle(2, true);
        assertThat(first).as("a late ack from the old channel settles nothing").isNotDone();
        next.ackAll();
        assertThat(CompletableFuture.allOf(first, second, third)).succeedsWithin(Duration.ofSeconds(1));
    }

    @Test
    void anEventTheBrokerLeavesUnconfirmedGoesOutAgainOnANewChannel() throws Exception {
        CompletableFuture<Void> unanswered = publish("x");

        await().atMost(Duration.ofSeconds(5)).until(() -> channels.size() == 2 && channels.get(1).published.size() == 1);
        assertThat(channels.get(1).published).containsExactly("x");
        await().atMost(Duration.ofSeconds(5)).until(() -> channels.getFirst().closed.get());
        assertThat(unanswered).isNotDone();
        channels.get(1).ackAll();
        assertThat(unanswered).succeedsWithin(Duration.ofSeconds(1));
    }

    @Test
    void aBrokerThatIsBehindButStillConfirmingKeepsItsChannel() throws Exception {
        channel.close();
        Duration timeout = Duration.ofSeconds(2);
        channel = new ConfirmingChannel(connections, timeout, Duration.ofMinutes(1), 1_000, Duration.ZERO, 1);
        CompletableFuture<Void> first = publish("a");
        CompletableFuture<Void> second = publish("b");
        await().until(() -> channels.size() == 1 && channels.getFirst().published.size() == 2);
        BrokerChannel behind = channels.getFirst();

        await().pollDelay(timeout.multipliedBy(6).dividedBy(10)).until(() -> true);
        behind.acks.get().handle(1, false);
        // "b" is overdue from 1.0 timeout on; at 1.2 the broker confirmed "a" 0.6 timeout ago.
        await().pollDelay(timeout.multipliedBy(6).dividedBy(10)).until(() -> true);
        assertThat(channels).as("a broker that still confirms is behind, not gone").hasSize(1);
        assertThat(behind.closed).isFalse();
        behind.acks.get().handle(2, false);
        assertThat(CompletableFuture.allOf(first, second)).succeedsWithin(Duration.ofSeconds(1));
        assertThat(channels).hasSize(1);
    }

    @Test
    void anEventIsGivenUpOnlyAfterTheRetention() {
        channel.close();
        channel = new ConfirmingChannel(connections, TIMEOUT, Duration.ofMillis(800), 1_000, Duration.ZERO, 1);
        reachable.set(false);
        long start = System.nanoTime();

        CompletableFuture<Void> lost = publish("late");

        assertThatThrownBy(() -> lost.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(TimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(800));
        assertThat(channel.unconfirmed()).isZero();
    }

    @Test
    void aFullBacklogRefusesTheNextEventAtOnceAndKeepsTheOthers() {
        channel.close();
        channel = new ConfirmingChannel(connections, TIMEOUT, Duration.ofMinutes(1), 2, Duration.ZERO, 1);
        reachable.set(false);

        CompletableFuture<Void> first = publish("1");
        CompletableFuture<Void> second = publish("2");
        CompletableFuture<Void> third = publish("3");

        assertThat(third).isCompletedExceptionally();
        assertThatThrownBy(third::join).hasCauseInstanceOf(EventPublishException.class).hasMessageContaining("2 events already wait");
        assertThat(first).isNotDone();
        assertThat(second).isNotDone();
        reachable.set(true);
        await().atMost(Duration.ofSeconds(10)).until(() -> channels.size() == 1 && channels.getFirst().published.equals(List.of("1", "2")));
    }

    @Test
    void whileTheBrokerBlocksTheConnectionEventsWaitAndNoChannelIsGivenUp() throws Exception {
        CompletableFuture<Void> sent = publish("1");
        await().until(() -> channels.size() == 1 && channels.getFirst().published.size() == 1);

        channel.blocked(true);
        CompletableFuture<Void> waiting = publish("2");
        await().pollDelay(TIMEOUT.multipliedBy(2)).until(() -> true);
        assertThat(channels).as("an unconfirmed event on a blocked connection is no reason for a new channel").hasSize(1);
        assertThat(channels.getFirst().published).containsExactly("1");

        channel.blocked(false);
        await().atMost(Duration.ofSeconds(5)).until(() -> channels.getFirst().published.size() == 2);
        assertThat(channels.getFirst().published).containsExactly("1", "2");
        channels.getFirst().ackAll();
        assertThat(CompletableFuture.allOf(sent, waiting)).succeedsWithin(Duration.ofSeconds(1));
    }

    @Test
    void aChannelThatCannotEnterConfirmModeIsClosedAndTheNextOneCarriesTheEvent() throws Exception {
        confirmModeFailures.set(1);

        CompletableFuture<Void> event = publish("1");

        await().atMost(Duration.ofSeconds(5)).until(() -> channels.size() == 2 && channels.get(1).published.size() == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> channels.getFirst().closed.get());
        assertThat(channels.getFirst().published).isEmpty();
        channels.get(1).ackAll();
        assertThat(event).succeedsWithin(Duration.ofSeconds(1));
    }

    @Test
    void aNackFailsThePublishAsRefused() throws Exception {
        CompletableFuture<Void> refused = publish("r");
        await().until(() -> channels.size() == 1 && channels.getFirst().published.size() == 1);

        channels.getFirst().nacks.get().handle(1, false);

        assertThatThrownBy(() -> refused.get(1, TimeUnit.SECONDS)).hasCauseInstanceOf(EventPublishException.class)
                .hasMessageContaining("refused");
    }

    @Test
    void connectingAheadTellsWhetherTheBrokerCanBeReached() {
        reachable.set(false);
        assertThat(channel.connect()).isFalse();

        reachable.set(true);
        assertThat(channel.connect()).isTrue();
        assertThat(channels).hasSize(1);
        assertThat(channel.connect()).as("an open channel is kept").isTrue();
        assertThat(channels).hasSize(1);
    }

    @Test
    void closingWaitsForTheConfirmsThenFailsWhatIsLeft() throws Exception {
        CompletableFuture<Void> confirmedLate = publish("1");
        await().until(() -> channels.size() == 1 && channels.getFirst().published.size() == 1);
        reachable.set(false);
        channels.getFirst().goDown();
        CompletableFuture<Void> neverSent = publish("2");

        CompletableFuture<Void> closing = CompletableFuture.runAsync(channel::close);
        await().pollDelay(Duration.ofMillis(100)).until(() -> true);
        assertThat(closing).as("still waiting for the broker").isNotDone();

        assertThat(closing).succeedsWithin(Duration.ofSeconds(5));
        assertThat(confirmedLate).failsWithin(Duration.ofSeconds(1));
        assertThat(neverSent).failsWithin(Duration.ofSeconds(1));
        assertThat(publish("after")).isCompletedExceptionally();
    }

    @Test
    void eventsOfOneTypeThatGatheredDuringTheLingerGoOutAsOnePackAndAreConfirmedTogether() throws Exception {
        channel.close();
        channel = new ConfirmingChannel(connections, TIMEOUT, Duration.ofMinutes(1), 1_000, Duration.ofMillis(100), 100);
        assertThat(channel.connect()).isTrue();
        BrokerChannel broker = channels.getFirst();

        List<CompletableFuture<Void>> answered = Stream.of("a", "b", "c")
                .map(call -> channel.publish("sentiric_events", "call.answered", call, PROPERTIES, json(call))).toList();
        CompletableFuture<Void> ended = channel.publish("sentiric_events", "call.ended", "a", PROPERTIES, json("a"));

        await().atMost(Duration.ofSeconds(5)).until(() -> broker.published.size() == 2);
        assertThat(broker.published).containsExactly("[{\"callId\":\"a\"},{\"callId\":\"b\"},{\"callId\":\"c\"}]",
                "{\"callId\":\"a\"}");
        assertThat(broker.properties.getFirst().getHeaders()).containsEntry(EventPacks.COUNT_HEADER, 3);
        assertThat(broker.properties.get(1)).as("a lone event goes out as it was published").isSameAs(PROPERTIES);
        assertThat(channel.unconfirmed()).isEqualTo(4);

        broker.acks.get().handle(1, false);
        assertThat(CompletableFuture.allOf(answered.toArray(CompletableFuture[]::new))).succeedsWithin(Duration.ofSeconds(1));
        assertThat(ended).isNotDone();
        assertThat(channel.unconfirmed()).isEqualTo(1);

        broker.nacks.get().handle(2, false);
        assertThat(ended).failsWithin(Duration.ofSeconds(1)).withThrowableThat().withMessageContaining("refused");
        assertThat(channel.unconfirmed()).isZero();
    }

    @Test
    void aPackWhoseChannelGoesDownGoesOutAgainWithItsEventsInOrder() throws Exception {
        channel.close();
        channel = new ConfirmingChannel(connections, TIMEOUT, Duration.ofMinutes(1), 1_000, Duration.ofMillis(50), 100);
        assertThat(channel.connect()).isTrue();
        List<CompletableFuture<Void>> pack = Stream.of("a", "b")
                .map(call -> channel.publish("sentiric_events", "call.answered", call, PROPERTIES, json(call))).toList();
        await().atMost(Duration.ofSeconds(5)).until(() -> channels.getFirst().published.size() == 1);

        channels.getFirst().goDown();

        await().atMost(Duration.ofSeconds(5)).until(() -> channels.size() == 2 && channels.get(1).published.size() == 1);
        assertThat(channels.get(1).published).containsExactly("[{\"callId\":\"a\"},{\"callId\":\"b\"}]");
        assertThat(channel.unconfirmed()).isEqualTo(2);
        channels.get(1).ackAll();
        assertThat(CompletableFuture.allOf(pack.toArray(CompletableFuture[]::new))).succeedsWithin(Duration.ofSeconds(1));
    }

    @Test
    void packsKeepEachCallsEventsInPublishOrderAndTheirSizeLimit() {
        List<ConfirmingChannel.Outgoing> events = List.of(outgoing("call.ended", "b"), outgoing("call.started", "a"),
                outgoing("call.started", "c"), outgoing("call.ended", "a"), outgoing("call.ended", "c"),
                outgoing("call.ended", "d"), outgoing("call.ended", "e"), outgoing("call.ended", "f"));

        List<List<String>> packed = ConfirmingChannel.pack(events, 3).stream()
                .map(pack -> pack.stream().map(event -> event.routingKey() + ":" + event.order()).toList()).toList();

        assertThat(packed).as("a's and c's call.ended may not join b's, which goes out before their call.started")
                .containsExactly(List.of("call.ended:b"), List.of("call.started:a", "call.started:c"),
                        List.of("call.ended:a", "call.ended:c", "call.ended:d"), List.of("call.ended:e", "call.ended:f"));
        assertThat(ConfirmingChannel.pack(events, 1)).as("packs of one: every event alone").hasSize(events.size());
    }

    private static ConfirmingChannel.Outgoing outgoing(String routingKey, String call) {
        return new ConfirmingChannel.Outgoing("sentiric_events", routingKey, call, PROPERTIES, json(call),
                new CompletableFuture<>(), Long.MAX_VALUE);
    }

    private static byte[] json(String call) {
        return ("{\"callId\":\"" + call + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** An implementation of {@code type} whose methods answer as {@code answer} says (null: nothing to return). */
    private static <T> T fake(Class<T> type, BiFunction<String, Object[], @Nullable Object> answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> answer.apply(method.getName(), args)));
    }

    private CompletableFuture<Void> publish(String body) {
        return channel.publish("sentiric_events", "call.answered", "", PROPERTIES, body.getBytes(StandardCharsets.UTF_8));
    }
}
