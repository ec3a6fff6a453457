package ai.sentiric.cdr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.sentiric.events.DeadLetters;
import ai.sentiric.events.EventCodec;
import ai.sentiric.events.EventPacks;
import ai.sentiric.events.EventPublisher;
import ai.sentiric.events.EventsProperties;
import ai.sentiric.proto.event.v1.CallAnswered;
import ai.sentiric.proto.event.v1.EventEnvelope;
import ai.sentiric.testkit.spring.InfrastructureTest;
import com.google.protobuf.Timestamp;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;

/** cdr-service end to end: events published on the real broker, rows in PostgreSQL, the REST read API. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@InfrastructureTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CdrServiceIT {

    static final Instant DAY_ONE = Instant.parse("2026-11-20T08:00:00Z");

    @LocalServerPort int port;
    @Autowired EventPublisher publisher;
    @Autowired JdbcTemplate jdbc;
    @Autowired DeadLetters deadLetters;
    @Autowired RabbitTemplate template;
    @Autowired EventsProperties events;
    @Autowired CachingConnectionFactory connections;
    RestClient rest;

    @BeforeAll
    void client() {
        rest = RestClient.builder().baseUrl("http://127.0.0.1:" + port)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { }).build();
    }

    void publishAll(List<EventEnvelope> envelopes) {
        List<CompletableFuture<EventEnvelope>> confirms = new ArrayList<>();
        envelopes.forEach(event -> confirms.add(publisher.publishAsync(event)));
        CompletableFuture.allOf(confirms.toArray(CompletableFuture[]::new)).join();
    }

    /**
     * Publishes like a producer that must not lose events: whatever the broker did not confirm is
     * sent again, with the same event id; the broker may then hold it twice.
     */
    void publishAtLeastOnce(List<EventEnvelope> envelopes) {
        List<EventEnvelope> pending = envelopes;
        while (!pending.isEmpty()) {
            List<EventEnvelope> failed = Collections.synchronizedList(new ArrayList<>());
            List<CompletableFuture<?>> confirms = new ArrayList<>();
            for (EventEnvelope event : pending) {
                try {
                    confirms.add(publisher.publishAsync(event).exceptionally(error -> {
                        failed.add(event);
                        return null;
                    }));
                } catch (RuntimeException notSent) {
                    failed.add(event);
                }
            }
            CompletableFuture.allOf(confirms.toArray(CompletableFuture[]::new)).join();
            pending = List.copyOf(failed);
        }
    }

    void awaitCompleted(List<String> callIds) {
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM calls WHERE status = 'COMPLETED' AND call_id = ANY (?)", Integer.class,
                (Object) callIds.toArray(String[]::new)) == callIds.size());
    }

    @Nested
    class ReadApi {

        @Test
        void listsPagesAndAggregatesOnlyTheTenantsOwnCalls() {
            String run = "read-" + System.nanoTime();
            List<String> ids = new ArrayList<>();
            List<EventEnvelope> all = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                String id = run + "-a" + i;
                ids.add(id);
                all.addAll(CallScenarios.answered(id, run + "_alpha", DAY_ONE.plusSeconds(3600L * i)));
            }
            for (int i = 0; i < 3; i++) {
                String id = run + "-b" + i;
                ids.add(id);
                all.addAll(CallScenarios.cancelled(id, run + "_beta", DAY_ONE.plusSeconds(600L * i)));
            }
            publishAll(all);
            awaitCompleted(ids);
            await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                    "SELECT count(*) FROM calls WHERE tenant_id = ? AND outcome_type IS NOT NULL AND recording_url IS NOT NULL",
                    Integer.class, run + "_alpha") == 7);

            Map<?, ?> first = rest.get().uri("/api/v1/tenants/{t}/calls?limit=4", run + "_alpha").retrieve().body(Map.class);
            List<Map<String, Object>> items = (List<Map<String, Object>>) first.get("items");
            assertThat(items).hasSize(4).allSatisfy(call -> assertThat(call.get("tenantId")).isEqualTo(run + "_alpha"));
            assertThat(items.getFirst().get("callId")).isEqualTo(run + "-a6");
            Map<?, ?> second = rest.get().uri("/api/v1/tenants/{t}/calls?limit=4&cursor={c}", run + "_alpha", first.get("nextCursor"))
                    .retrieve().body(Map.class);
            assertThat((List<?>) second.get("items")).hasSize(3);
            assertThat(second.get("nextCursor")).isNull();

            Map<?, ?> cancelled = rest.get().uri("/api/v1/tenants/{t}/calls?disposition=CANCELLED", run + "_beta").retrieve().body(Map.class);
            assertThat((List<?>) cancelled.get("items")).hasSize(3);
            assertThat((List<?>) rest.get().uri("/api/v1/tenants/{t}/calls?disposition=CANCELLED", run + "_alpha").retrieve()
                    .body(Map.class).get("items")).isEmpty();

            Map<?, ?> detail = rest.get().uri("/api/v1/tenants/{t}/calls/{c}", run + "_alpha", run + "-a0").retrieve().body(Map.class);
            assertThat(((Map<?, ?>) detail.get("call")).get("disposition")).isEqualTo("ANSWERED");
            assertThat((List<?>) detail.get("events")).hasSize(11);
            assertThat((List<?>) detail.get("dialogTurns")).hasSize(2);
            assertThat((List<?>) detail.get("usage")).hasSize(2);
            assertThat(rest.get().uri("/api/v1/tenants/{t}/calls/{c}", run + "_beta", run + "-a0").retrieve()
                    .toBodilessEntity().getStatusCode().value()).isEqualTo(404);

            List<Map<String, Object>> days = rest.get().uri("/api/v1/tenants/{t}/calls/stats/daily?from={f}&to={to}&zone=Europe/Istanbul",
                    run + "_alpha", DAY_ONE.minusSeconds(86400), DAY_ONE.plusSeconds(86400 * 2)).retrieve().body(List.class);
            assertThat(days).hasSize(1);
            assertThat(days.getFirst()).containsEntry("day", "2026-11-20").containsEntry("calls", 7).containsEntry("answered", 7)
                    .containsEntry("averageDurationSeconds", 64.0);
            assertThat(new BigDecimal(days.getFirst().get("totalCost").toString())).isEqualByComparingTo("0.0637");
        }

        @Test
        void badQueriesAreProblemDetails() {
            assertThat(rest.get().uri("/api/v1/tenants/t/calls?limit=0").retrieve().toEntity(Map.class).getBody().get("type"))
                    .isEqualTo("https://sentiric.ai/problems/invalid-argument");
            assertThat(rest.get().uri("/api/v1/tenants/t/calls?status=EXPLODED").retrieve().toBodilessEntity().getStatusCode().value())
                    .isEqualTo(400);
            assertThat(rest.get().uri("/api/v1/tenants/t/calls?cursor=garbage").retrieve().toBodilessEntity().getStatusCode().value())
                    .isEqualTo(400);
            assertThat(rest.get().uri("/api/v1/tenants/t/calls?from=yesterday").retrieve().toBodilessEntity().getStatusCode().value())
                    .isEqualTo(400);
        }
    }

    @Nested
    class Batching {

        /**
         * Events that keep coming, each well within {@code batch-wait} of the last, never let a
         * batch end by a pause, and a batch of 200 fills only after seconds: the first call must
         * still be committed within {@code batch-max-wait} of its events, while the trickle goes on.
         */
        @Test
        void aSteadyTrickleIsCommittedWhileItLasts() {
            assertThat(events.batchWait()).isGreaterThan(Duration.ofMillis(20));
            String run = "trickle-" + System.nanoTime();
            List<EventEnvelope> trickle = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                trickle.addAll(CallScenarios.answered(run + "-" + i, run, DAY_ONE.plusSeconds(i)));
            }
            String firstCall = trickle.getFirst().getCallId();
            long firstCallEvents = trickle.stream().filter(event -> event.getCallId().equals(firstCall)).count();
            AtomicInteger sent = new AtomicInteger();
            CompletableFuture<Long> firstPublished = new CompletableFuture<>();
            ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
            try {
                // One event every 10 ms, from one thread: the trickle lasts 4.4 s.
                pacer.scheduleAtFixedRate(() -> {
                    if (sent.get() < trickle.size()) {
                        publisher.publishAsync(trickle.get(sent.get()));
                        if (sent.incrementAndGet() == firstCallEvents) {
                            firstPublished.complete(System.nanoTime());
                        }
                    }
                }, 0, 10, TimeUnit.MILLISECONDS);
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5)).until(() -> firstPublished.isDone()
                        && jdbc.queryForObject("SELECT count(*) FROM calls WHERE call_id = ? AND status = 'COMPLETED'",
                                Integer.class, firstCall) == 1);
                long firstCommitted = System.nanoTime();
                assertThat(sent.get()).as("the first call was committed before the trickle of %d events ended", trickle.size())
                        .isLessThan(trickle.size());
                assertThat(Duration.ofNanos(firstCommitted - firstPublished.join()))
                        .isLessThan(events.batchMaxWait().plus(events.batchWait()).plusSeconds(1));
                await().atMost(Duration.ofSeconds(30)).until(() -> sent.get() == trickle.size());
            } finally {
                pacer.shutdownNow();
            }
            awaitCompleted(trickle.stream().map(EventEnvelope::getCallId).distinct().toList());
        }
    }

    @Nested
    class Robustness {

        @Test
        void badEventsAreDeadLetteredWithTheirReasonAndConsumptionGoesOn() {
            long before = deadLetters.count();
            String run = "poison-" + System.nanoTime();
            template.send(events.exchange(), "call.started", MessageBuilder.withBody("{{{".getBytes(StandardCharsets.UTF_8)).build());
            publisher.publish(CallScenarios.event(run + "-zero", "t", Instant.parse("2026-11-20T08:00:00Z"),
                    b -> b.setCallAnswered(CallAnswered.getDefaultInstance())).toBuilder()
                    .setTimestamp(Timestamp.newBuilder().setSeconds(-62135596800L)).build());
            publisher.publish(CallScenarios.event("", "t", Instant.parse("2026-11-20T08:00:00Z"),
                    b -> b.setCallAnswered(CallAnswered.getDefaultInstance())));
            List<EventEnvelope> good = CallScenarios.cancelled(run + "-good", "t", Instant.parse("2026-11-20T08:00:00Z"));
            publishAll(good);

            awaitCompleted(List.of(run + "-good"));
            await().atMost(Duration.ofSeconds(15)).until(() -> deadLetters.count() >= before + 3);
            assertThat(deadLetters.peek(50)).extracting(DeadLetters.DeadLetter::reason)
                    .anyMatch(reason -> reason.startsWith("malformed event"))
                    .anyMatch(reason -> reason.contains("absurd timestamp"))
                    .anyMatch(reason -> reason.contains("has no callId"));
            assertThat(jdbc.queryForObject("SELECT count(*) FROM calls WHERE call_id = ?", Integer.class, run + "-zero")).isZero();
        }

        @Test
        void aPackWithABadEventIsCommittedSaveThatEventWhichIsDeadLetteredAlone() {
            long before = deadLetters.count();
            String run = "pack-" + System.nanoTime();
            List<EventEnvelope> good = CallScenarios.cancelled(run + "-good", "t", Instant.parse("2026-11-20T08:00:00Z"));
            EventEnvelope noCall = CallScenarios.event("", "t", Instant.parse("2026-11-20T08:00:00Z"),
                    b -> b.setCallStarted(good.getFirst().getCallStarted()));
            byte[] pack = EventPacks.join(List.of(EventCodec.encode(good.getFirst()), EventCodec.encode(noCall)));

            template.send(events.exchange(), "call.started", MessageBuilder.withBody(pack).setHeader(EventPacks.COUNT_HEADER, 2).build());
            publishAll(good.subList(1, good.size()));

            awaitCompleted(List.of(run + "-good"));
            await().atMost(Duration.ofSeconds(15)).until(() -> deadLetters.count() >= before + 1);
            assertThat(deadLetters.peek(50)).anySatisfy(letter -> {
                assertThat(letter.reason()).contains("has no callId");
                assertThat(letter.eventId()).isEqualTo(noCall.getEventId());
                assertThat(letter.body()).isEqualTo(new String(EventCodec.encode(noCall), StandardCharsets.UTF_8));
            });
        }

        @Test
        void droppedBrokerConnectionsLoseNothingAndCountNothingTwice() {
            String run = "crash-" + System.nanoTime();
            List<String> ids = new ArrayList<>();
            List<EventEnvelope> all = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                String id = run + "-" + i;
                ids.add(id);
                all.addAll(CallScenarios.answered(id, run, DAY_ONE.plusSeconds(i)));
            }
            CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> publishAtLeastOnce(all));
            // Drop every broker connection (publisher's and consumers') each time another share of the stream is committed.
            for (int share = 1; share <= 4; share++) {
                long threshold = all.size() * share / 10L;
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5)).until(() -> jdbc.queryForObject(
                        "SELECT count(*) FROM call_events WHERE tenant_id = ?", Long.class, run) >= threshold);
                connections.resetConnection();
            }
            publishing.join();
            awaitCompleted(ids);
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                    "SELECT count(*) FROM call_events WHERE tenant_id = ?", Integer.class, run) == all.size());

            assertThat(jdbc.queryForObject("SELECT count(*) FROM usage_records WHERE tenant_id = ?", Integer.class, run)).isEqualTo(300);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM call_dialog_events WHERE tenant_id = ?", Integer.class, run)).isEqualTo(300);
            assertThat(jdbc.queryForObject("SELECT sum(total_cost) FROM calls WHERE tenant_id = ?", BigDecimal.class, run))
                    .isEqualByComparingTo("1.365");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM calls WHERE tenant_id = ? AND disposition = 'ANSWERED' "
                    + "AND duration_seconds = 64", Integer.class, run)).isEqualTo(150);
        }
    }
}
