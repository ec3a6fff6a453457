package ai.sentiric.cdr.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sentiric.cdr.CallScenarios;
import ai.sentiric.proto.event.v1.EventEnvelope;
import ai.sentiric.testkit.spring.InfrastructureTest;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The projection's promise, as a property: for a call's full set of events, every order of
 * delivery, with any duplicates and any batching, gives the same calls row, dialog turns and
 * costs. Each run draws new random orders; a failure names the seed that reproduces it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@InfrastructureTest
class CallProjectionIT {

    static final Instant START = Instant.parse("2026-11-20T10:00:00Z");
    static final int TRIALS = 120;

    @Autowired EventMapper mapper;
    @Autowired CallProjection projection;
    @Autowired JdbcTemplate jdbc;

    @Test
    void anAnsweredCallComesOutTheSameForEveryOrderAndDuplication() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Map<String, Object> reference = null;
        for (int trial = 0; trial < TRIALS; trial++) {
            String callId = "answered-" + seed + "-" + trial;
            List<EventEnvelope> events = CallScenarios.answered(callId, "tenant_a", START);
            deliver(shuffledWithDuplicates(events, random), random);

            Map<String, Object> row = normalized(callId);
            if (reference == null) {
                reference = row;
                assertThat(row).containsEntry("status", "COMPLETED").containsEntry("disposition", "ANSWERED")
                        .containsEntry("duration_seconds", 64).containsEntry("tenant_id", "tenant_a")
                        .containsEntry("user_id", "user-tenant_a").containsEntry("contact_id", 7L)
                        .containsEntry("caller_number", "+905551112233").containsEntry("dialplan_id", "DP_DEMO_WELCOME")
                        .containsEntry("resolution", "ACTIVE").containsEntry("hangup_source", "CALLER").containsEntry("sip_code", 200)
                        .containsEntry("outcome_type", "question_answered").containsEntry("packets_lost", 3L)
                        .containsEntry("recording_url", "file:///recordings/CALL.wav").containsEntry("currency", "USD");
                assertThat((BigDecimal) row.get("total_cost")).isEqualByComparingTo("0.0091");
            } else {
                assertThat(row).as("seed %d, trial %d", seed, trial).isEqualTo(reference);
            }
            assertThat(jdbc.queryForObject("SELECT count(*) FROM call_events WHERE call_id = ?", Integer.class, callId))
                    .isEqualTo(events.size());
            assertThat(jdbc.queryForObject("SELECT count(*) FROM usage_records WHERE call_id = ?", Integer.class, callId)).isEqualTo(2);
            assertThat(jdbc.queryForList("SELECT user_text FROM call_dialog_events WHERE call_id = ? ORDER BY turn_number",
                    String.class, callId)).containsExactly("question 1", "question 2");
        }
    }

    @Test
    void unansweredAndCancelledCallsLastZeroSecondsNeverFromYearOne() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int trial = 0; trial < 30; trial++) {
            String cancelled = "cancelled-" + seed + "-" + trial;
            deliver(shuffledWithDuplicates(CallScenarios.cancelled(cancelled, "tenant_b", START), random), random);
            assertThat(normalized(cancelled)).as("seed %d", seed).containsEntry("status", "COMPLETED")
                    .containsEntry("disposition", "CANCELLED").containsEntry("duration_seconds", 0).containsEntry("sip_code", 487);

            String unanswered = "unanswered-" + seed + "-" + trial;
            List<EventEnvelope> events = CallScenarios.cancelled(unanswered, "tenant_b", START).stream()
                    .map(e -> e.hasCallEnded() ? e.toBuilder().setCallEnded(e.getCallEnded().toBuilder().clearDisposition()).build() : e)
                    .toList();
            deliver(shuffledWithDuplicates(events, random), random);
            Map<String, Object> row = normalized(unanswered);
            assertThat(row).as("seed %d", seed).containsEntry("disposition", "NO_ANSWER").containsEntry("duration_seconds", 0);
            assertThat(row.get("start_time").toString()).startsWith("2026-11-20");
        }
    }

    @Test
    void aLateCallStartedNeverReopensACompletedCall() {
        String callId = "late-start-" + System.nanoTime();
        List<EventEnvelope> events = CallScenarios.answered(callId, "tenant_a", START);
        deliver(events, new Random(1));
        EventEnvelope retransmitted = CallScenarios.event(callId, "tenant_a", START.plusSeconds(300),
                b -> b.setCallStarted(events.getFirst().getCallStarted()));
        projection.apply(List.of(mapper.map(retransmitted, null)));

        Map<String, Object> row = normalized(callId);
        assertThat(row).containsEntry("status", "COMPLETED").containsEntry("duration_seconds", 64);
        assertThat(row.get("start_time").toString()).contains("10:00");
    }

    @Test
    void callRowsLeaveRoomOnTheirPageForTheUpdatesOfTheirLaterEvents() {
        assertThat(jdbc.queryForList("SELECT unnest(reloptions) FROM pg_class WHERE relname = 'calls'", String.class))
                .contains("fillfactor=70");
    }

    private void deliver(List<EventEnvelope> delivery, Random random) {
        for (int from = 0; from < delivery.size(); ) {
            int to = Math.min(delivery.size(), from + 1 + random.nextInt(5));
            projection.apply(delivery.subList(from, to).stream().map(e -> mapper.map(e, null)).toList());
            from = to;
        }
    }

    private static List<EventEnvelope> shuffledWithDuplicates(List<EventEnvelope> events, Random random) {
        List<EventEnvelope> delivery = new ArrayList<>(events);
        for (EventEnvelope event : events) {
            for (int copy = random.nextInt(3); copy > 0; copy--) {
                delivery.add(event);
            }
        }
        Collections.shuffle(delivery, random);
        return delivery;
    }

    /** The row without what differs by design between calls: its id and bookkeeping times. */
    private Map<String, Object> normalized(String callId) {
        Map<String, Object> row = new TreeMap<>(jdbc.queryForMap("SELECT * FROM calls WHERE call_id = ?", callId));
        row.remove("call_id");
        row.remove("created_at");
        row.remove("updated_at");
        row.computeIfPresent("recording_url", (key, value) -> value.toString().replace(callId, "CALL"));
        return row;
    }
}
