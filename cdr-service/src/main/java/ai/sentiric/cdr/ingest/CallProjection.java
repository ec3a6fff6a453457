package ai.sentiric.cdr.ingest;

import java.math.BigDecimal;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes a batch of events in one transaction: every raw event once (by id), then its merge into
 * the call's row, its dialog turn, its usage and the call's total cost.
 *
 * <p>Why the row comes out the same for any order and duplication of a call's events: every
 * column merges with an operation that is commutative, associative and idempotent. Times take
 * the earliest value; the status rank the greatest; the tenant and the caller's identity the
 * value of the highest-ranked source (ties broken by value); the facts that come with one event
 * (who hung up, the outcome) the values of a deterministic winner among those events (earliest
 * end, latest outcome). Status, disposition and duration are generated from the merged columns,
 * and the total cost is re-summed from the usage rows.
 */
@Component
class CallProjection {

    /**
     * All raw events of a batch in one statement; RETURNING tells which ones were new. The bodies
     * travel as one JSON array, their elements joined to the other columns by position: an
     * array of JSON texts would be escaped character by character on the way.
     */
    private static final String INSERT_EVENTS = """
            INSERT INTO call_events (event_id, call_id, tenant_id, event_type, event_timestamp, trace_id, payload)
            SELECT e.event_id, e.call_id, e.tenant_id, e.event_type, e.event_timestamp, e.trace_id, p.payload
            FROM unnest(?::uuid[], ?::varchar[], ?::varchar[], ?::varchar[], ?::timestamptz[], ?::varchar[]) WITH ORDINALITY
                 AS e (event_id, call_id, tenant_id, event_type, event_timestamp, trace_id, n)
            JOIN json_array_elements(?::json) WITH ORDINALITY AS p (payload, n) USING (n)
            ON CONFLICT (event_id) DO NOTHING
            RETURNING event_id""";

    private static final String MERGE_CALL = """
            INSERT INTO calls AS c (call_id, tenant_id, tenant_rank, user_id, contact_id, identity_rank,
                caller_number, callee_number, direction, trunk_name, dialplan_id, resolution,
                start_time, answer_time, end_time, status_rank,
                ended_disposition, sip_code, hangup_reason, hangup_source, recording_url,
                outcome_type, outcome_summary, outcome_at, mos, packets_received, packets_lost, jitter_ms)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (call_id) DO UPDATE SET
                tenant_id = CASE WHEN EXCLUDED.tenant_rank > c.tenant_rank
                                   OR (EXCLUDED.tenant_rank = c.tenant_rank AND EXCLUDED.tenant_id > c.tenant_id)
                                 THEN EXCLUDED.tenant_id ELSE c.tenant_id END,
                tenant_rank = GREATEST(c.tenant_rank, EXCLUDED.tenant_rank),
                user_id = CASE WHEN EXCLUDED.identity_rank > c.identity_rank
                                 OR (EXCLUDED.identity_rank = c.identity_rank AND EXCLUDED.user_id > c.user_id)
                               THEN EXCLUDED.user_id ELSE c.user_id END,
                contact_id = CASE WHEN EXCLUDED.identity_rank > c.identity_rank
                                    OR (EXCLUDED.identity_rank = c.identity_rank AND EXCLUDED.user_id > c.user_id)
                                  THEN EXCLUDED.contact_id ELSE c.contact_id END,
                identity_rank = GREATEST(c.identity_rank, EXCLUDED.identity_rank),
                caller_number = CASE WHEN %1$s THEN EXCLUDED.caller_number ELSE c.caller_number END,
                callee_number = CASE WHEN %1$s THEN EXCLUDED.callee_number ELSE c.callee_number END,
                direction = CASE WHEN %1$s THEN EXCLUDED.direction ELSE c.direction END,
                trunk_name = CASE WHEN %1$s THEN EXCLUDED.trunk_name ELSE c.trunk_name END,
                dialplan_id = CASE WHEN %1$s THEN EXCLUDED.dialplan_id ELSE c.dialplan_id END,
                resolution = CASE WHEN %1$s THEN EXCLUDED.resolution ELSE c.resolution END,
                start_time = LEAST(c.start_time, EXCLUDED.start_time),
                answer_time = LEAST(c.answer_time, EXCLUDED.answer_time),
                end_time = LEAST(c.end_time, EXCLUDED.end_time),
                status_rank = GREATEST(c.status_rank, EXCLUDED.status_rank),
                ended_disposition = CASE WHEN %2$s THEN EXCLUDED.ended_disposition ELSE c.ended_disposition END,
                sip_code = CASE WHEN %2$s THEN EXCLUDED.sip_code ELSE c.sip_code END,
                hangup_reason = CASE WHEN %2$s THEN EXCLUDED.hangup_reason ELSE c.hangup_reason END,
                hangup_source = CASE WHEN %2$s THEN EXCLUDED.hangup_source ELSE c.hangup_source END,
                recording_url = GREATEST(c.recording_url, EXCLUDED.recording_url),
                outcome_type = CASE WHEN %3$s THEN EXCLUDED.outcome_type ELSE c.outcome_type END,
                outcome_summary = CASE WHEN %3$s THEN EXCLUDED.outcome_summary ELSE c.outcome_summary END,
                outcome_at = CASE WHEN %3$s THEN EXCLUDED.outcome_at ELSE c.outcome_at END,
                mos = CASE WHEN %4$s THEN EXCLUDED.mos ELSE c.mos END,
                packets_lost = CASE WHEN %4$s THEN EXCLUDED.packets_lost ELSE c.packets_lost END,
                jitter_ms = CASE WHEN %4$s THEN EXCLUDED.jitter_ms ELSE c.jitter_ms END,
                packets_received = GREATEST(c.packets_received, EXCLUDED.packets_received),
                updated_at = now()"""
            .formatted(
                    // the earliest call.started wins its facts
                    "EXCLUDED.start_time IS NOT NULL AND (c.start_time IS NULL OR EXCLUDED.start_time < c.start_time)",
                    // the earliest call.ended wins who hung up and why
                    "EXCLUDED.end_time IS NOT NULL AND (c.end_time IS NULL OR EXCLUDED.end_time < c.end_time)",
                    // the latest classification wins
                    "EXCLUDED.outcome_at IS NOT NULL AND (c.outcome_at IS NULL OR EXCLUDED.outcome_at > c.outcome_at)",
                    // the report that saw the most packets wins
                    "EXCLUDED.packets_received IS NOT NULL AND (c.packets_received IS NULL OR EXCLUDED.packets_received > c.packets_received)");

    private static final String MERGE_TURN = """
            INSERT INTO call_dialog_events AS d (call_id, turn_number, tenant_id, event_id, occurred_at, user_text, agent_text,
                knowledge_sources, stt_ms, llm_first_token_ms, llm_total_ms, tts_first_audio_ms, response_ms, interrupted)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (call_id, turn_number) DO UPDATE SET
                tenant_id = EXCLUDED.tenant_id, event_id = EXCLUDED.event_id, occurred_at = EXCLUDED.occurred_at,
                user_text = EXCLUDED.user_text, agent_text = EXCLUDED.agent_text, knowledge_sources = EXCLUDED.knowledge_sources,
                stt_ms = EXCLUDED.stt_ms, llm_first_token_ms = EXCLUDED.llm_first_token_ms, llm_total_ms = EXCLUDED.llm_total_ms,
                tts_first_audio_ms = EXCLUDED.tts_first_audio_ms, response_ms = EXCLUDED.response_ms,
                interrupted = EXCLUDED.interrupted
            WHERE (EXCLUDED.occurred_at, EXCLUDED.event_id) > (d.occurred_at, d.event_id)""";

    /**
     * The batch's usage rows, each with its price: the tenant's own model before the platform's, a
     * model's price before its resource's, the one valid when the usage happened.
     */
    private static final String INSERT_USAGE = """
            INSERT INTO usage_records (event_id, call_id, tenant_id, service_name, resource_type, model, quantity,
                                       unit_cost, cost, currency, occurred_at)
            SELECT u.event_id, u.call_id, u.tenant_id, u.service_name, u.resource_type, u.model, u.quantity,
                   m.unit_cost, ROUND(u.quantity * COALESCE(m.unit_cost, 0), 6), m.currency, u.occurred_at
            FROM unnest(?::uuid[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::numeric[],
                        ?::timestamptz[])
                 AS u (event_id, call_id, tenant_id, service_name, resource_type, model, quantity, occurred_at)
            LEFT JOIN LATERAL (
                SELECT unit_cost, currency FROM cost_models AS c
                WHERE c.resource_type = u.resource_type AND (c.tenant_id = u.tenant_id OR c.tenant_id IS NULL)
                  AND (c.model = u.model OR c.model IS NULL)
                  AND c.valid_from <= u.occurred_at AND (c.valid_to IS NULL OR u.occurred_at < c.valid_to)
                ORDER BY c.tenant_id IS NULL, c.model IS NULL, c.valid_from DESC
                LIMIT 1) AS m ON TRUE
            ON CONFLICT (event_id) DO NOTHING""";

    private static final String SUM_COSTS = """
            UPDATE calls AS c SET total_cost = s.total, currency = s.currency, updated_at = now()
            FROM (SELECT call_id, SUM(cost) AS total, MIN(currency) AS currency
                  FROM usage_records WHERE call_id = ANY (?) GROUP BY call_id) AS s
            WHERE c.call_id = s.call_id""";

    private final JdbcTemplate jdbc;

    CallProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Writes the events; returns how many were new (the rest were redeliveries). */
    @Transactional
    public int apply(List<IngestedEvent> events) {
        // Rows are written in key order, so that concurrent consumers lock them in the same order.
        List<IngestedEvent> byId = events.stream().sorted(Comparator.comparing(IngestedEvent::eventId)).toList();
        int fresh = insertEvents(byId);
        // A batch writes each call once: its events' facts are merged first, as the row would merge them.
        TreeMap<String, CallFacts> calls = new TreeMap<>();
        byId.stream().map(IngestedEvent::facts).filter(f -> f != null).forEach(f -> calls.merge(f.callId(), f, CallFacts::merge));
        mergeCalls(List.copyOf(calls.values()));
        // One statement may not upsert a row twice: a turn sent twice in one batch goes in a second round.
        for (List<IngestedEvent> round : rounds(byId.stream().filter(e -> e.turn() != null)
                .sorted(Comparator.comparing((IngestedEvent e) -> e.callId()).thenComparing(e -> e.turn().turnNumber()))
                .toList(), e -> e.callId() + "#" + e.turn().turnNumber())) {
            mergeTurns(round);
        }
        insertUsage(byId.stream().filter(e -> e.usage() != null).toList());
        return fresh;
    }

    private int insertEvents(List<IngestedEvent> events) {
        return jdbc.query(connection -> {
            var statement = connection.prepareStatement(INSERT_EVENTS);
            statement.setArray(1, connection.createArrayOf("uuid", events.stream().map(IngestedEvent::eventId).toArray()));
            statement.setArray(2, connection.createArrayOf("varchar", events.stream().map(IngestedEvent::callId).toArray()));
            statement.setArray(3, connection.createArrayOf("varchar", events.stream().map(IngestedEvent::tenantId).toArray()));
            statement.setArray(4, connection.createArrayOf("varchar", events.stream().map(IngestedEvent::eventType).toArray()));
            statement.setArray(5, connection.createArrayOf("timestamptz", events.stream().map(IngestedEvent::timestamp).toArray()));
            statement.setArray(6, connection.createArrayOf("varchar", events.stream().map(IngestedEvent::traceId).toArray()));
            statement.setString(7, events.stream().map(IngestedEvent::payloadJson).collect(Collectors.joining(",", "[", "]")));
            return statement;
        }, (rs, row) -> row).size();
    }

    /** Splits items into lists in which no key appears twice, keeping the items' order per key. */
    static <T> List<List<T>> rounds(List<T> items, Function<T, String> key) {
        List<List<T>> rounds = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (T item : items) {
            int round = seen.merge(key.apply(item), 1, Integer::sum) - 1;
            if (round == rounds.size()) {
                rounds.add(new ArrayList<>());
            }
            rounds.get(round).add(item);
        }
        return rounds;
    }

    private void mergeCalls(List<CallFacts> facts) {
        jdbc.batchUpdate(MERGE_CALL, facts, facts.size(), (statement, f) -> {
            int i = 0;
            statement.setString(++i, f.callId());
            statement.setString(++i, f.tenantId());
            statement.setInt(++i, f.tenantRank());
            statement.setString(++i, f.userId());
            statement.setObject(++i, f.contactId(), Types.BIGINT);
            statement.setInt(++i, f.identityRank());
            statement.setString(++i, f.callerNumber());
            statement.setString(++i, f.calleeNumber());
            statement.setString(++i, f.direction());
            statement.setString(++i, f.trunkName());
            statement.setString(++i, f.dialplanId());
            statement.setString(++i, f.resolution());
            statement.setObject(++i, f.startTime(), Types.TIMESTAMP_WITH_TIMEZONE);
            statement.setObject(++i, f.answerTime(), Types.TIMESTAMP_WITH_TIMEZONE);
            statement.setObject(++i, f.endTime(), Types.TIMESTAMP_WITH_TIMEZONE);
            statement.setInt(++i, f.statusRank());
            statement.setString(++i, f.endedDisposition());
            statement.setObject(++i, f.sipCode(), Types.INTEGER);
            statement.setString(++i, f.hangupReason());
            statement.setString(++i, f.hangupSource());
            statement.setString(++i, f.recordingUrl());
            statement.setString(++i, f.outcomeType());
            statement.setString(++i, f.outcomeSummary());
            statement.setObject(++i, f.outcomeAt(), Types.TIMESTAMP_WITH_TIMEZONE);
            statement.setBigDecimal(++i, f.mos());
            statement.setObject(++i, f.packetsReceived(), Types.BIGINT);
            statement.setObject(++i, f.packetsLost(), Types.BIGINT);
            statement.setBigDecimal(++i, f.jitterMs());
        });
    }

    private void mergeTurns(List<IngestedEvent> turns) {
        jdbc.batchUpdate(MERGE_TURN, turns, turns.size(), (statement, e) -> {
            var t = e.turn();
            statement.setString(1, e.callId());
            statement.setInt(2, t.turnNumber());
            statement.setString(3, e.tenantId());
            statement.setObject(4, e.eventId());
            statement.setObject(5, e.timestamp());
            statement.setString(6, t.userText());
            statement.setString(7, t.agentText());
            statement.setString(8, jsonArray(t.knowledgeSources()));
            statement.setInt(9, t.sttMs());
            statement.setInt(10, t.llmFirstTokenMs());
            statement.setInt(11, t.llmTotalMs());
            statement.setInt(12, t.ttsFirstAudioMs());
            statement.setInt(13, t.responseMs());
            statement.setBoolean(14, t.interrupted());
        });
    }

    private void insertUsage(List<IngestedEvent> usages) {
        if (usages.isEmpty()) {
            return;
        }
        jdbc.update(connection -> {
            var statement = connection.prepareStatement(INSERT_USAGE);
            statement.setArray(1, connection.createArrayOf("uuid", usages.stream().map(IngestedEvent::eventId).toArray()));
            statement.setArray(2, connection.createArrayOf("varchar", usages.stream().map(IngestedEvent::callId).toArray()));
            statement.setArray(3, connection.createArrayOf("varchar", usages.stream().map(IngestedEvent::tenantId).toArray()));
            statement.setArray(4, connection.createArrayOf("varchar", usages.stream().map(e -> e.usage().serviceName()).toArray()));
            statement.setArray(5, connection.createArrayOf("varchar", usages.stream().map(e -> e.usage().resourceType()).toArray()));
            statement.setArray(6, connection.createArrayOf("varchar", usages.stream().map(e -> e.usage().model()).toArray()));
            statement.setArray(7, connection.createArrayOf("numeric",
                    usages.stream().map(e -> BigDecimal.valueOf(e.usage().quantity())).toArray()));
            statement.setArray(8, connection.createArrayOf("timestamptz", usages.stream().map(IngestedEvent::timestamp).toArray()));
            return statement;
        });
        Set<String> calls = usages.stream().map(IngestedEvent::callId).collect(Collectors.toCollection(TreeSet::new));
        jdbc.update(connection -> {
            var statement = connection.prepareStatement(SUM_COSTS);
            statement.setArray(1, connection.createArrayOf("varchar", calls.toArray()));
            return statement;
        });
    }

    private static String jsonArray(List<String> values) {
        return values.stream().map(CallProjection::jsonString).collect(Collectors.joining(",", "[", "]"));
    }

    private static String jsonString(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char ch : value.toCharArray()) {
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (ch < 0x20) {
                        out.append(String.format("\\u%04x", (int) ch));
                    } else {
                        out.append(ch);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
