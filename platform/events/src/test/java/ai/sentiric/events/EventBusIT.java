package ai.sentiric.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import ai.sentiric.proto.event.v1.CallAnswered;
import ai.sentiric.proto.event.v1.CallEnded;
import ai.sentiric.proto.event.v1.CallStarted;
import ai.sentiric.proto.event.v1.EventEnvelope;
import ai.sentiric.proto.event.v1.MediaInactive;
import ai.sentiric.testkit.spring.InfrastructureTest;
import com.rabbitmq.client.ConnectionFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;

/** The bus against a real broker: delivery, retries, dead-lettering with a reason, and replay. */
@SpringBootTest(classes = EventBusIT.App.class, properties = {
        "spring.application.name=bus-test", "sentiric.events.initial-backoff=10ms"})
@InfrastructureTest(postgres = false)
class EventBusIT {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
        @Bean
        RecordingHandler handler() {
            return new RecordingHandler();
        }

        @Bean
        RecordingBroadcast broadcast() {
            return new RecordingBroadcast();
        }
    }

    /** Records the media.inactive events this instance sees on its own queue. */
    static class RecordingBroadcast implements BroadcastEventHandler {
        final List<EventEnvelope> seen = new CopyOnWriteArrayList<>();

        @Override
        public void handle(EventEnvelope event) {
            seen.add(event);
        }

        @Override
        public List<String> bindings() {
            return List.of("media.inactive");
        }
    }

    /** Records what it handles; fails for calls whose id starts with "fail". */
    static class RecordingHandler implements EventHandler {
        final List<EventEnvelope> handled = new CopyOnWriteArrayList<>();
        final AtomicInteger failures = new AtomicInteger();
        volatile boolean healed;

        @Override
        public void handle(EventEnvelope event) {
            if (event.getCallId().startsWith("fail") && !healed) {
                failures.incrementAndGet();
                throw new IllegalStateException("database unavailable");
            }
            handled.add(event);
        }
    }

    @Autowired EventPublisher publisher;
    @Autowired RecordingHandler handler;
    @Autowired RecordingBroadcast broadcast;
    @Autowired DeadLetters deadLetters;
    @Autowired RabbitTemplate template;
    @Autowired EventsProperties properties;
    @Autowired CachingConnectionFactory connections;
    @Autowired AmqpAdmin admin;

    @BeforeEach
    void reset() {
        handler.handled.clear();
        handler.failures.set(0);
        handler.healed = false;
        admin.purgeQueue(deadLetters.queue(), false);
    }

    @Test
    void aTestRunsQueuesAllExpireTheDeadLetterQueueToo(@Autowired List<Declarables> declarables) {
        // Uniquely named per run: without an expiry every run would leave its queues on the broker.
        List<Queue> queues = declarables.stream().flatMap(group -> group.getDeclarablesByType(Queue.class).stream()).toList();
        assertThat(queues).extracting(Queue::getName).contains(properties.queuePrefix() + "sentiric.bus-test.events.dlq");
        if (EventsAutoConfiguration.isRabbitMq(connections)) {
            assertThat(queues).allSatisfy(queue -> assertThat(queue.getArguments()).containsKey("x-expires"));
        }
    }

    @Test
    void publishedEventArrivesCompleteWithEnvelopeFields() {
        EventEnvelope sent = publisher.publish(EventEnvelope.newBuilder().setCallId("c-1").setTenantId("t1")
                .setCallStarted(CallStarted.newBuilder().setFromUri("sip:+905551112233@carrier")).build());

        assertThat(sent.getEventId()).hasSize(36);
        assertThat(sent.getEventType()).isEqualTo("call.started");
        assertThat(sent.hasTimestamp()).isTrue();
        assertThat(sent.getTraceId()).isNotEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> handler.handled.contains(sent));
    }

    @Test
    void eventsPublishedTogetherAreAllConfirmedAndArriveInPublishOrder() throws Exception {
        List<CompletableFuture<EventEnvelope>> confirms = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            confirms.add(publisher.publishAsync(EventEnvelope.newBuilder().setCallId("order-" + i)
                    .setCallAnswered(CallAnswered.getDefaultInstance()).build()));
        }

        CompletableFuture.allOf(confirms.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertThat(publisher.unconfirmed()).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> ordered().size() == 500);
        assertThat(ordered()).containsExactlyElementsOf(IntStream.range(0, 500).mapToObj(i -> "order-" + i).toList());
    }

    @Test
    void afterTheBrokerConnectionDropsTheNextEventGoesOutOnANewChannel() {
        publisher.publish(EventEnvelope.newBuilder().setCallId("before-reset").setCallAnswered(CallAnswered.getDefaultInstance()).build());

        connections.resetConnection();
        EventEnvelope after = publisher.publish(EventEnvelope.newBuilder().setCallId("after-reset")
                .setCallAnswered(CallAnswered.getDefaultInstance()).build());

        await().atMost(Duration.ofSeconds(10)).until(() -> handler.handled.contains(after));
    }

    @Test
    void eventsPublishedWhileTheBrokerIsAwayWaitWithoutBlockingAndAllArriveWhenItIsBack(@Autowired EventMetrics metrics)
            throws Exception {
        ConnectionFactory direct = connections.getRabbitConnectionFactory();
        try (TcpRelay relay = new TcpRelay(connections.getHost(), connections.getPort())) {
            ConnectionFactory throughRelay = new ConnectionFactory();
            throughRelay.setHost("127.0.0.1");
            throughRelay.setPort(relay.port());
            throughRelay.setUsername(direct.getUsername());
            throughRelay.setPassword(direct.getPassword());
            throughRelay.setVirtualHost(direct.getVirtualHost());
            CachingConnectionFactory relayed = new CachingConnectionFactory(throughRelay);
            try (EventPublisher away = new EventPublisher(new ConfirmingChannel(relayed, Duration.ofSeconds(2),
                    Duration.ofMinutes(1), 1_000, properties.linger(), properties.maxPack()), properties, metrics)) {
                away.publish(outage("outage-before"));

                relay.cut();
                List<CompletableFuture<EventEnvelope>> waiting = assertTimeoutPreemptively(Duration.ofSeconds(5), () ->
                        IntStream.range(0, 50).mapToObj(i -> away.publishAsync(outage("outage-" + i))).toList());
                await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
                assertThat(waiting).as("nothing confirmed while the broker is away").noneMatch(CompletableFuture::isDone);
                assertThat(away.unconfirmed()).isEqualTo(50);

                relay.restore();
                CompletableFuture.allOf(waiting.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
                assertThat(away.unconfirmed()).isZero();
                await().atMost(Duration.ofSeconds(10)).until(() -> outageEvents().size() >= 51);
                assertThat(outageEvents().stream().distinct().toList()).as("every event, in order, repeats dropped")
                        .containsExactlyElementsOf(Stream.concat(Stream.of("outage-before"),
                                IntStream.range(0, 50).mapToObj(i -> "outage-" + i)).toList());
            } finally {
                relayed.destroy();
            }
        }
    }

    private static EventEnvelope outage(String callId) {
        return EventEnvelope.newBuilder().setCallId(callId).setCallAnswered(CallAnswered.getDefaultInstance()).build();
    }

    private List<String> outageEvents() {
        return handler.handled.stream().map(EventEnvelope::getCallId).filter(id -> id.startsWith("outage-")).toList();
    }

    @Test
    void warmingUpRendersEveryEventTypeAndConnectsWithoutPublishing() {
        connections.resetConnection();

        assertThat(publisher.warmUp()).isTrue();
        EventEnvelope next = publisher.publish(EventEnvelope.newBuilder().setCallId("after-warm-up")
                .setCallAnswered(CallAnswered.getDefaultInstance()).build());

        await().atMost(Duration.ofSeconds(10)).until(() -> handler.handled.contains(next));
        assertThat(handler.handled).as("a warm-up publishes nothing").noneMatch(event -> event.getCallId().isEmpty());
        assertThat(publisher.unconfirmed()).isZero();
    }

    private List<String> ordered() {
        return handler.handled.stream().map(EventEnvelope::getCallId).filter(id -> id.startsWith("order-")).toList();
    }

    @Test
    void failingEventIsRetriedBoundedlyThenDeadLetteredWithReasonAndReplayable() {
        long before = deadLetters.count();
        publisher.publish(EventEnvelope.newBuilder().setCallId("fail-1")
                .setCallEnded(CallEnded.newBuilder().setReason("caller_bye")).build());

        await().atMost(Duration.ofSeconds(10)).until(() -> deadLetters.count() == before + 1);
        assertThat(handler.failures).hasValue(properties.maxAttempts());
        assertThat(deadLetters.peek(10)).anySatisfy(letter -> {
            assertThat(letter.eventType()).isEqualTo("call.ended");
            assertThat(letter.reason()).contains("database unavailable").contains("3 attempts");
        });

        handler.healed = true;
        assertThat(deadLetters.replay(100)).isEqualTo(before + 1);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                handler.handled.stream().anyMatch(event -> event.getCallId().equals("fail-1")));
        assertThat(deadLetters.count()).isZero();
    }

    @Test
    void malformedAndUnknownEventsAreDeadLetteredAndConsumptionGoesOn() {
        template.send(properties.exchange(), "call.started",
                MessageBuilder.withBody("{not json".getBytes(StandardCharsets.UTF_8)).build());
        template.send(properties.exchange(), "call.exploded",
                MessageBuilder.withBody("{\"eventType\":\"call.exploded\",\"callId\":\"x\"}".getBytes(StandardCharsets.UTF_8)).build());
        EventEnvelope good = publisher.publish(EventEnvelope.newBuilder().setCallId("after-poison")
                .setCallEnded(CallEnded.getDefaultInstance()).build());

        await().atMost(Duration.ofSeconds(10)).until(() -> handler.handled.contains(good));
        await().atMost(Duration.ofSeconds(10)).until(() -> deadLetters.count() >= 2);
        assertThat(deadLetters.peek(10)).extracting(DeadLetters.DeadLetter::reason)
                .anyMatch(reason -> reason.startsWith("malformed event"))
                .anyMatch(reason -> reason.contains("unknown or inconsistent event type 'call.exploded'"));
    }

    @Test
    void aPackIsHandledEventByEventAndOnlyItsBadEventsAreDeadLetteredEachAlone() {
        EventEnvelope first = EventPublisher.complete(EventEnvelope.newBuilder().setCallId("pack-1")
                .setCallEnded(CallEnded.getDefaultInstance()).build());
        EventEnvelope failing = EventPublisher.complete(EventEnvelope.newBuilder().setCallId("fail-in-pack")
                .setCallEnded(CallEnded.getDefaultInstance()).build());
        EventEnvelope last = EventPublisher.complete(EventEnvelope.newBuilder().setCallId("pack-2")
                .setCallEnded(CallEnded.getDefaultInstance()).build());
        byte[] inconsistent = "{\"eventId\":\"e-x\",\"eventType\":\"call.exploded\",\"callId\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        byte[] pack = EventPacks.join(List.of(EventCodec.encode(first), EventCodec.encode(failing), inconsistent,
                EventCodec.encode(last)));

        template.send(properties.exchange(), "call.ended", MessageBuilder.withBody(pack)
                .setHeader(EventPacks.COUNT_HEADER, 4).build());

        await().atMost(Duration.ofSeconds(10)).until(() -> deadLetters.count() == 2);
        assertThat(handler.handled.stream().filter(event -> event.getCallId().startsWith("pack-"))).containsExactly(first, last);
        assertThat(handler.failures).hasValue(properties.maxAttempts());
        assertThat(deadLetters.peek(10)).satisfiesExactlyInAnyOrder(letter -> {
            assertThat(letter.eventId()).isEqualTo(failing.getEventId());
            assertThat(letter.reason()).contains("database unavailable");
            assertThat(letter.body()).isEqualTo(new String(EventCodec.encode(failing), StandardCharsets.UTF_8));
        }, letter -> {
            assertThat(letter.reason()).contains("unknown or inconsistent event type 'call.exploded'");
            assertThat(letter.body()).isEqualTo(new String(inconsistent, StandardCharsets.UTF_8));
        });
    }

    @Test
    void aMalformedPackIsDeadLetteredWhole() {
        template.send(properties.exchange(), "call.ended",
                MessageBuilder.withBody("[{\"callId\":\"torn\"".getBytes(StandardCharsets.UTF_8)).build());
        EventEnvelope good = publisher.publish(EventEnvelope.newBuilder().setCallId("after-torn-pack")
                .setCallEnded(CallEnded.getDefaultInstance()).build());

        await().atMost(Duration.ofSeconds(10)).until(() -> handler.handled.contains(good) && deadLetters.count() == 1);
        assertThat(deadLetters.peek(1)).singleElement().satisfies(letter -> {
            assertThat(letter.reason()).startsWith("malformed pack of events");
            assertThat(letter.body()).isEqualTo("[{\"callId\":\"torn\"");
        });
    }

    @Test
    void aBroadcastConsumerReadsAPackAsItsEvents() {
        List<EventEnvelope> inactive = Stream.of("broadcast-1", "broadcast-2").map(call -> EventPublisher.complete(
                EventEnvelope.newBuilder().setCallId(call).setMediaInactive(MediaInactive.getDefaultInstance()).build())).toList();
        byte[] pack = EventPacks.join(inactive.stream().map(EventCodec::encode).toList());

        template.send(properties.exchange(), "media.inactive", MessageBuilder.withBody(pack).setHeader(EventPacks.COUNT_HEADER, 2).build());

        await().atMost(Duration.ofSeconds(10)).until(() -> broadcast.seen.size() >= 2);
        assertThat(broadcast.seen).containsExactlyElementsOf(inactive);
    }
}
