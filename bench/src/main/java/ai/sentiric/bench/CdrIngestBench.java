package ai.sentiric.bench;

import ai.sentiric.proto.dialplan.v1.Resolution;
import ai.sentiric.proto.dialplan.v1.ResolveDialplanResponse;
import ai.sentiric.proto.event.v1.*;
import ai.sentiric.proto.user.v1.User;
import com.fasterxml.uuid.Generators;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.JsonFormat;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * cdr-service ingest, against a running cdr-service, its PostgreSQL and the broker, with the
 * broker's own ceiling measured in the same run:
 * <ol>
 *   <li>bare: the same event stream into a queue whose consumer only acknowledges (prefetch 400,
 *       acks every 100) = what the broker delivers on this machine;</li>
 *   <li>cdr: the stream on {@code sentiric_events}; the rate is events in committed rows
 *       ({@code call_events}) over the time from the first publish to the last commit;</li>
 *   <li>visibility: calls at a fixed rate; for each, the time from its {@code call.ended} being
 *       confirmed by the broker to its row reading COMPLETED (polled every 10 ms).</li>
 * </ol>
 * Each call is 11 events: started, identified, answered, 2 dialog turns, 2 usage reports, ended,
 * recording, quality, outcome.
 *
 * <p>Event ids are made as the platform's publishers make them, UUIDs of version 7 in time order,
 * or with {@code random} as they were made before 2026-12-06, of version 4: cdr-service keys its
 * raw events by them, so the two show what their order costs the database.
 *
 * <p>Usage: {@code CdrIngestBench amqpUri jdbcUrl calls visibilityCallsPerSecond visibilitySeconds [v7|random]}
 */
public final class CdrIngestBench {

    private static final JsonFormat.Printer JSON = JsonFormat.printer().omittingInsignificantWhitespace();
    private static Supplier<UUID> eventIds = Generators.timeBasedEpochGenerator()::generate;

    public static void main(String[] args) throws Exception {
        String amqpUri = args[0];
        String jdbcUrl = args[1];
        int calls = Integer.parseInt(args[2]);
        int visibilityRate = Integer.parseInt(args[3]);
        int visibilitySeconds = Integer.parseInt(args[4]);
        if (args.length > 5 && args[5].equals("random")) {
            eventIds = UUID::randomUUID;
        }
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(amqpUri);
        String run = "bench" + Long.toHexString(System.nanoTime());

        try (Connection connection = factory.newConnection("cdr-bench")) {
            List<List<byte[]>> sets = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                sets.add(call(run + "-w" + i, run));
            }
            // Enough calls for the JIT compilers of the service and of this generator to settle.
            List<List<byte[]>> warm = sets.subList(0, Math.min(5000, calls / 4));
            publishAndWaitCommitted(connection, jdbcUrl, run, warm, "warm-up");

            double bare = bare(connection, sets);
            List<List<byte[]>> measured = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                measured.add(call(run + "-m" + i, run));
            }
            double cdr = publishAndWaitCommitted(connection, jdbcUrl, run, measured, "cdr-service");
            System.out.printf("bare consumer (broker ceiling): %.0f events/s%n", bare);
            System.out.printf("cdr-service committed: %.0f events/s = %.0f%% of the bare consumer%n", cdr, 100 * cdr / bare);
            visibility(connection, jdbcUrl, run, visibilityRate, visibilitySeconds);
        }
    }

    /** The bare consumer's rate for the same stream: publish and consume concurrently, count acks. */
    private static double bare(Connection connection, List<List<byte[]>> sets) throws Exception {
        long total = sets.stream().mapToLong(List::size).sum();
        Channel consumerChannel = connection.createChannel();
        String exchange = "bench_bare_" + UUID.randomUUID();
        consumerChannel.exchangeDeclare(exchange, "topic", false, true, null);
        String queue = consumerChannel.queueDeclare("", false, true, true, null).getQueue();
        consumerChannel.queueBind(queue, exchange, "#");
        consumerChannel.basicQos(400);
        CountDownLatch done = new CountDownLatch(1);
        AtomicLong received = new AtomicLong();
        consumerChannel.basicConsume(queue, false, new DefaultConsumer(consumerChannel) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) throws IOException {
                long count = received.incrementAndGet();
                if (count % 100 == 0 || count == total) {
                    getChannel().basicAck(envelope.getDeliveryTag(), true);
                }
                if (count == total) {
                    done.countDown();
                }
            }
        });
        long started = System.nanoTime();
        publish(connection, exchange, sets);
        if (!done.await(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("bare consumer got " + received.get() + " of " + total);
        }
        double rate = total / ((System.nanoTime() - started) / 1e9);
        consumerChannel.close();
        return rate;
    }

    private static double publishAndWaitCommitted(Connection connection, String jdbcUrl, String tenant, List<List<byte[]>> sets,
                                                  String label) throws Exception {
        long total = sets.stream().mapToLong(List::size).sum();
        try (var db = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
            var count = db.prepareStatement("SELECT count(*) FROM call_events WHERE tenant_id = ?");
            count.setString(1, tenant);
            long before = scalar(count);
            long started = System.nanoTime();
            publish(connection, "sentiric_events", sets);
            while (scalar(count) - before < total) {
                Thread.sleep(20);
                if (System.nanoTime() - started > TimeUnit.MINUTES.toNanos(10)) {
                    throw new IllegalStateException(label + ": only " + (scalar(count) - before) + " of " + total + " committed");
                }
            }
            return total / ((System.nanoTime() - started) / 1e9);
        }
    }

    /** Calls at a fixed rate; the delay from each call.ended's confirm to its COMPLETED row. */
    private static void visibility(Connection connection, String jdbcUrl, String tenant, int callsPerSecond, int seconds)
            throws Exception {
        Map<String, Long> endedAt = new ConcurrentHashMap<>();
        List<Long> delays = Collections.synchronizedList(new ArrayList<>());
        Thread poller = Thread.ofPlatform().start(() -> poll(jdbcUrl, tenant, endedAt, delays));
        Channel channel = connection.createChannel();
        channel.confirmSelect();
        long interval = 1_000_000_000L / callsPerSecond;
        long start = System.nanoTime();
        int calls = callsPerSecond * seconds;
        for (int i = 0; i < calls; i++) {
            long wait = start + i * interval - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            String callId = tenant + "-v" + i;
            List<byte[]> events = call(callId, tenant);
            for (int e = 0; e < events.size(); e++) {
                channel.basicPublish("sentiric_events", routingKey(e), persistent(), events.get(e));
            }
            channel.waitForConfirmsOrDie(5000);
            endedAt.put(callId, System.nanoTime());
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (delays.size() < calls && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        poller.interrupt();
        List<Long> sorted = new ArrayList<>(delays);
        sorted.sort(null);
        System.out.printf("visibility at %d calls/s (%d events/s) for %d s: %d of %d calls seen, p50 %.0f ms, p99 %.0f ms, max %.0f ms%n",
                callsPerSecond, callsPerSecond * 11, seconds, sorted.size(), calls, pct(sorted, 50), pct(sorted, 99), pct(sorted, 100));
        channel.close();
    }

    private static void poll(String jdbcUrl, String tenant, Map<String, Long> endedAt, List<Long> delays) {
        try (var db = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
            var completed = db.prepareStatement("SELECT call_id FROM calls WHERE tenant_id = ? AND status = 'COMPLETED' AND call_id = ANY (?)");
            Set<String> seen = ConcurrentHashMap.newKeySet();
            while (!Thread.currentThread().isInterrupted()) {
                List<String> pending = endedAt.keySet().stream().filter(id -> !seen.contains(id)).toList();
                if (!pending.isEmpty()) {
                    completed.setString(1, tenant);
                    completed.setArray(2, db.createArrayOf("varchar", pending.toArray()));
                    try (var rs = completed.executeQuery()) {
                        long now = System.nanoTime();
                        while (rs.next()) {
                            String id = rs.getString(1);
                            if (seen.add(id)) {
                                delays.add(now - endedAt.get(id));
                            }
                        }
                    }
                }
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            e.printStackTrace();
        }
    }

    private static void publish(Connection connection, String exchange, List<List<byte[]>> sets) throws Exception {
        try (Channel channel = connection.createChannel()) {
            channel.confirmSelect();
            int sinceConfirm = 0;
            for (List<byte[]> set : sets) {
                for (int e = 0; e < set.size(); e++) {
                    channel.basicPublish(exchange, routingKey(e), persistent(), set.get(e));
                    if (++sinceConfirm == 2000) {
                        channel.waitForConfirmsOrDie(30_000);
                        sinceConfirm = 0;
                    }
                }
            }
            channel.waitForConfirmsOrDie(30_000);
        }
    }

    private static final String[] TYPES = {"call.started", "user.identified.for_call", "call.answered", "dialog.turn.completed",
            "dialog.turn.completed", "cost.usage.reported", "cost.usage.reported", "call.ended", "call.recording.available",
            "media.quality", "call.outcome.classified"};

    private static String routingKey(int index) {
        return TYPES[index];
    }

    private static AMQP.BasicProperties persistent() {
        return new AMQP.BasicProperties.Builder().contentType("application/json").deliveryMode(2).build();
    }

    /** The 11 events of one answered call, in the order the fleet publishes them. */
    static List<byte[]> call(String callId, String tenant) throws Exception {
        Instant start = Instant.now().minusSeconds(120);
        List<EventEnvelope.Builder> events = List.of(
                at(callId, tenant, start).setCallStarted(CallStarted.newBuilder().setCallerNumber("+905551112233")
                        .setCalleeNumber("+902124548590").setDirection(CallDirection.CALL_DIRECTION_INBOUND)
                        .setDialplanResolution(ResolveDialplanResponse.newBuilder().setDialplanId("DP_DEMO_WELCOME").setTenantId(tenant)
                                .setResolution(Resolution.RESOLUTION_ACTIVE).setMatchedUser(User.newBuilder().setId("u1")))),
                at(callId, tenant, start.plusMillis(100)).setUserIdentifiedForCall(UserIdentifiedForCall.newBuilder().setUserId("u1").setContactId(1)),
                at(callId, tenant, start.plusMillis(500)).setCallAnswered(CallAnswered.getDefaultInstance()),
                at(callId, tenant, start.plusSeconds(10)).setDialogTurnCompleted(DialogTurnCompleted.newBuilder().setTurnNumber(1)
                        .setUserText("What are your opening hours?").setAgentText("We are open from nine to six.").setResponseMs(600)),
                at(callId, tenant, start.plusSeconds(20)).setDialogTurnCompleted(DialogTurnCompleted.newBuilder().setTurnNumber(2)
                        .setUserText("Thanks, bye").setAgentText("Goodbye!").setResponseMs(550)),
                at(callId, tenant, start.plusSeconds(25)).setCostUsageReported(CostUsageReported.newBuilder()
                        .setResourceType(ResourceType.RESOURCE_TYPE_LLM_OUTPUT_TOKEN).setQuantity(120).setModel("gpt-4o-mini")),
                at(callId, tenant, start.plusSeconds(25)).setCostUsageReported(CostUsageReported.newBuilder()
                        .setResourceType(ResourceType.RESOURCE_TYPE_STT_SECOND).setQuantity(12.5)),
                at(callId, tenant, start.plusSeconds(30)).setCallEnded(CallEnded.newBuilder().setReason("caller_bye").setSipCode(200)
                        .setHangupSource(HangupSource.HANGUP_SOURCE_CALLER).setDisposition(Disposition.DISPOSITION_ANSWERED)),
                at(callId, tenant, start.plusSeconds(31)).setCallRecordingAvailable(CallRecordingAvailable.newBuilder()
                        .setRecordingUri("file:///recordings/" + callId + ".wav")),
                at(callId, tenant, start.plusSeconds(31)).setMediaQuality(MediaQuality.newBuilder().setPacketsReceived(1475).setMos(4.3)),
                at(callId, tenant, start.plusSeconds(35)).setCallOutcomeClassified(CallOutcomeClassified.newBuilder()
                        .setOutcomeType("question_answered")));
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            bodies.add(JSON.print(events.get(i).setEventType(TYPES[i]).build()).getBytes(StandardCharsets.UTF_8));
        }
        return bodies;
    }

    private static EventEnvelope.Builder at(String callId, String tenant, Instant at) {
        return EventEnvelope.newBuilder().setEventId(eventIds.get().toString()).setCallId(callId).setTenantId(tenant)
                .setTraceId(callId).setTimestamp(Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()));
    }

    private static long scalar(PreparedStatement statement) throws SQLException {
        try (var rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static double pct(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.size() - 1, Math.max(0, Math.ceil(p / 100 * sorted.size()) - 1));
        return sorted.get(index) / 1e6;
    }
}
