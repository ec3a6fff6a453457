package ai.sentiric.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmCallback;
import com.rabbitmq.client.ShutdownListener;
import com.rabbitmq.client.ShutdownSignalException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;

/**
 * The confirm bookkeeping against a channel the test plays the broker for: a real broker confirms
 * too reliably to show what happens when it does not.
 */
class ConfirmingChannelTests {

    private static final Duration TIMEOUT = Duration.ofMillis(300);
    private static final AMQP.BasicProperties PROPERTIES = new AMQP.BasicProperties();

    private final AtomicBoolean open = new AtomicBoolean(true);
    private final AtomicLong nextSequence = new AtomicLong(1);
    private final AtomicReference<ConfirmCallback> acks = new AtomicReference<>();
    private final AtomicReference<ConfirmCallback> nacks = new AtomicReference<>();
    private final AtomicReference<ShutdownListener> shutdown = new AtomicReference<>();
    private ConfirmingChannel channel;

    @BeforeEach
    void broker() {
        Channel amqp = fake(Channel.class, (method, args) -> switch (method) {
            case "isOpen" -> open.get();
            case "getNextPublishSeqNo" -> nextSequence.get();
            case "basicPublish" -> nextSequence.getAndIncrement();
            case "addConfirmListener" -> {
                acks.set((ConfirmCallback) args[0]);
                nacks.set((ConfirmCallback) args[1]);
                yield null;
            }
            case "addShutdownListener" -> {
                shutdown.set((ShutdownListener) args[0]);
                yield null;
            }
            default -> null;
        });
        Connection connection = fake(Connection.class, (method, args) -> "createChannel".equals(method) ? amqp : null);
        channel = new ConfirmingChannel(fake(ConnectionFactory.class,
                (method, args) -> "createConnection".equals(method) ? connection : null), TIMEOUT);
    }

    @AfterEach
    void close() {
        channel.close();
    }

    @Test
    void aConfirmedPublishCompletesAndIsNoLongerPending() throws Exception {
        CompletableFuture<Void> first = publish();
        CompletableFuture<Void> second = publish();
        assertThat(channel.unconfirmed()).isEqualTo(2);

        acks.get().handle(2, true);

        assertThat(first).succeedsWithin(Duration.ofSeconds(1));
        assertThat(second).succeedsWithin(Duration.ofSeconds(1));
        assertThat(channel.unconfirmed()).isZero();
    }

    @Test
    void aPublishTheBrokerNeverConfirmsFailsWithATimeoutSoonAfterItsDeadline() {
        long start = System.nanoTime();
        CompletableFuture<Void> lost = publish();

        assertThatThrownBy(() -> lost.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(TimeoutException.class);
        Duration waited = Duration.ofNanos(System.nanoTime() - start);
        assertThat(waited).isGreaterThanOrEqualTo(TIMEOUT).isLessThan(TIMEOUT.multipliedBy(3));
        assertThat(channel.unconfirmed()).isZero();
    }

    @Test
    void onlyThePublishesPastTheirDeadlineTimeOut() throws Exception {
        long oldPublished = System.nanoTime();
        CompletableFuture<Void> old = publish();
        await().until(() -> System.nanoTime() - oldPublished >= TIMEOUT.dividedBy(2).toNanos());
        CompletableFuture<Void> young = publish();

        await().atMost(Duration.ofSeconds(2)).until(old::isDone);
        assertThat(old).isCompletedExceptionally();
        assertThat(young).isNotDone();
        acks.get().handle(2, false);
        assertThat(young).succeedsWithin(Duration.ofSeconds(1));
    }

    @Test
    void aPublishLeftOnAChannelThatWasReplacedStillTimesOut() {
        CompletableFuture<Void> stranded = publish();
        // Closed without a shutdown signal reaching us: the next publish opens a new channel.
        CompletableFuture<Void> next = channelReplacedThenPublish();

        assertThat(stranded).failsWithin(Duration.ofSeconds(5)).withThrowableThat().withCauseInstanceOf(TimeoutException.class);
        assertThat(next).failsWithin(Duration.ofSeconds(5));
    }

    @Test
    void aNackFailsThePublishAsRefused() throws Exception {
        CompletableFuture<Void> refused = publish();

        nacks.get().handle(1, false);

        assertThatThrownBy(() -> refused.get(1, TimeUnit.SECONDS)).hasCauseInstanceOf(EventPublishException.class)
                .hasMessageContaining("refused");
    }

    @Test
    void aChannelThatGoesDownFailsEveryPublishStillWaiting() {
        CompletableFuture<Void> first = publish();
        CompletableFuture<Void> second = publish();

        shutdown.get().shutdownCompleted(new ShutdownSignalException(false, false, null, "the test"));

        assertThat(first).failsWithin(Duration.ofSeconds(1));
        assertThat(second).failsWithin(Duration.ofSeconds(1));
        assertThat(channel.unconfirmed()).isZero();
    }

    /** An implementation of {@code type} whose methods answer as {@code answer} says (null: nothing to return). */
    private static <T> T fake(Class<T> type, BiFunction<String, Object[], @Nullable Object> answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> answer.apply(method.getName(), args)));
    }

    private CompletableFuture<Void> channelReplacedThenPublish() {
        open.set(false);
        try {
            return publish();
        } finally {
            open.set(true);
        }
    }

    private CompletableFuture<Void> publish() {
        return channel.publish("sentiric_events", "call.answered", PROPERTIES, new byte[] {'{', '}'});
    }
}
