package ai.sentiric.cdr.calls;

import ai.sentiric.support.errors.DomainException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Every read of call data. The tenant is a parameter of every query, in the SQL itself: a call
 * of one tenant is never returned for another.
 */
@Component
public class CallQueries {

    /** Filters of the call list; null means any. */
    public record Filter(@Nullable Instant from, @Nullable Instant to, @Nullable String status, @Nullable String disposition,
                         @Nullable String number) {
    }

    /** One page and the cursor of the next, null at the end. */
    public record Page(List<CallRecord> items, @Nullable String nextCursor) {
    }

    /** A call with everything recorded about it. */
    public record CallDetail(CallRecord call, List<Map<String, Object>> events, List<Map<String, Object>> dialogTurns,
                             List<Map<String, Object>> usage) {
    }

    /** One day of a tenant's calls. */
    public record DailyStats(String day, long calls, long answered, double averageDurationSeconds, BigDecimal totalCost,
                             @Nullable String currency) {
    }

    private static final String COLUMNS = """
            call_id, tenant_id, user_id, contact_id, caller_number, callee_number, direction, trunk_name, dialplan_id,
            resolution, start_time, answer_time, end_time, duration_seconds, status, disposition, sip_code, hangup_reason,
            hangup_source, recording_url, outcome_type, outcome_summary, mos, packets_received, packets_lost, jitter_ms,
            total_cost, currency, sort_time""";

    private static final RowMapper<CallRecord> CALL = (rs, row) -> new CallRecord(
            rs.getString("call_id"), rs.getString("tenant_id"), rs.getString("user_id"), nullableLong(rs, "contact_id"),
            rs.getString("caller_number"), rs.getString("callee_number"), rs.getString("direction"), rs.getString("trunk_name"),
            rs.getString("dialplan_id"), rs.getString("resolution"), instant(rs, "start_time"), instant(rs, "answer_time"),
            instant(rs, "end_time"), rs.getInt("duration_seconds"), rs.getString("status"), rs.getString("disposition"),
            (Integer) rs.getObject("sip_code"), rs.getString("hangup_reason"), rs.getString("hangup_source"),
            rs.getString("recording_url"), rs.getString("outcome_type"), rs.getString("outcome_summary"), rs.getBigDecimal("mos"),
            nullableLong(rs, "packets_received"), nullableLong(rs, "packets_lost"), rs.getBigDecimal("jitter_ms"),
            rs.getBigDecimal("total_cost"), rs.getString("currency"));

    private final JdbcClient jdbc;

    public CallQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Newest first, by start time (answer or end time for a call whose start is not in yet). */
    public Page list(String tenantId, Filter filter, int limit, @Nullable String cursor) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM calls WHERE tenant_id = :tenant AND sort_time IS NOT NULL");
        var statement = new HashMap<String, Object>();
        statement.put("tenant", tenantId);
        if (filter.from() != null) {
            sql.append(" AND sort_time >= :from");
            statement.put("from", filter.from().atOffset(ZoneOffset.UTC));
        }
        if (filter.to() != null) {
            sql.append(" AND sort_time < :to");
            statement.put("to", filter.to().atOffset(ZoneOffset.UTC));
        }
        if (filter.status() != null) {
            sql.append(" AND status = :status");
            statement.put("status", filter.status());
        }
        if (filter.disposition() != null) {
            sql.append(" AND disposition = :disposition");
            statement.put("disposition", filter.disposition());
        }
        if (filter.number() != null) {
            sql.append(" AND (caller_number = :number OR callee_number = :number)");
            statement.put("number", filter.number());
        }
        if (cursor != null) {
            Cursor position = Cursor.decode(cursor);
            sql.append(" AND (sort_time, call_id) < (:cursorTime, :cursorId)");
            statement.put("cursorTime", position.time().atOffset(ZoneOffset.UTC));
            statement.put("cursorId", position.callId());
        }
        sql.append(" ORDER BY sort_time DESC, call_id DESC LIMIT :limit");
        statement.put("limit", limit + 1);
        List<Object[]> rows = new ArrayList<>();
        List<CallRecord> calls = jdbc.sql(sql.toString()).params(statement).query((rs, row) -> {
            rows.add(new Object[] {instant(rs, "sort_time"), rs.getString("call_id")});
            return CALL.mapRow(rs, row);
        }).list();
        if (calls.size() <= limit) {
            return new Page(calls, null);
        }
        Object[] last = rows.get(limit - 1);
        return new Page(calls.subList(0, limit), new Cursor((Instant) last[0], (String) last[1]).encode());
    }

    public CallDetail detail(String tenantId, String callId) {
        CallRecord call = jdbc.sql("SELECT " + COLUMNS + " FROM calls WHERE tenant_id = :tenant AND call_id = :call")
                .param("tenant", tenantId).param("call", callId).query(CALL).optional()
                .orElseThrow(() -> DomainException.notFound("call", callId));
        var events = jdbc.sql("""
                        SELECT event_id, event_type, event_timestamp, trace_id, payload::text AS payload FROM call_events
                        WHERE call_id = :call AND tenant_id = :tenant ORDER BY event_timestamp, event_id""")
                .param("call", callId).param("tenant", tenantId).query().listOfRows();
        var turns = jdbc.sql("""
                        SELECT turn_number, occurred_at, user_text, agent_text, knowledge_sources::text AS knowledge_sources, stt_ms,
                               llm_first_token_ms, llm_total_ms, tts_first_audio_ms, response_ms, interrupted
                        FROM call_dialog_events WHERE call_id = :call AND tenant_id = :tenant ORDER BY turn_number""")
                .param("call", callId).param("tenant", tenantId).query().listOfRows();
        var usage = jdbc.sql("""
                        SELECT resource_type, model, quantity, unit_cost, cost, currency, service_name, occurred_at
                        FROM usage_records WHERE call_id = :call AND tenant_id = :tenant ORDER BY occurred_at, event_id""")
                .param("call", callId).param("tenant", tenantId).query().listOfRows();
        return new CallDetail(call, events, turns, usage);
    }

    /** Per calendar day in the given zone: calls, answered calls, average talk time, total cost. */
    public List<DailyStats> daily(String tenantId, Instant from, Instant to, ZoneId zone) {
        return jdbc.sql("""
                        SELECT to_char(sort_time AT TIME ZONE :zone, 'YYYY-MM-DD') AS day, count(*) AS calls,
                               count(*) FILTER (WHERE disposition = 'ANSWERED') AS answered,
                               COALESCE(avg(duration_seconds) FILTER (WHERE disposition = 'ANSWERED'), 0) AS average_duration,
                               COALESCE(sum(total_cost), 0) AS total_cost, min(currency) AS currency
                        FROM calls WHERE tenant_id = :tenant AND sort_time >= :from AND sort_time < :to
                        GROUP BY 1 ORDER BY 1""")
                .param("zone", zone.getId()).param("tenant", tenantId)
                .param("from", from.atOffset(ZoneOffset.UTC)).param("to", to.atOffset(ZoneOffset.UTC))
                .query((rs, row) -> new DailyStats(rs.getString("day"), rs.getLong("calls"), rs.getLong("answered"),
                        rs.getDouble("average_duration"), rs.getBigDecimal("total_cost"), rs.getString("currency")))
                .list();
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static @Nullable Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    /** Where a page ended: the last call's sort time and id, opaque to clients. */
    record Cursor(Instant time, String callId) {

        String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((time.toString() + "|" + callId).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String text) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\\|", 2);
                return new Cursor(Instant.parse(parts[0]), parts[1]);
            } catch (RuntimeException e) {
                throw DomainException.invalid("cursor is not one this API returned");
            }
        }
    }
}
