package ai.sentiric.cdr.calls;

import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A call as the read API shows it. */
public record CallRecord(
        String callId, @Nullable String tenantId, @Nullable String userId, @Nullable Long contactId,
        @Nullable String callerNumber, @Nullable String calleeNumber, @Nullable String direction, @Nullable String trunkName,
        @Nullable String dialplanId, @Nullable String resolution,
        @Nullable Instant startTime, @Nullable Instant answerTime, @Nullable Instant endTime, int durationSeconds,
        String status, @Nullable String disposition, @Nullable Integer sipCode, @Nullable String hangupReason,
        @Nullable String hangupSource, @Nullable String recordingUrl, @Nullable String outcomeType,
        @Nullable String outcomeSummary, @Nullable BigDecimal mos, @Nullable Long packetsReceived, @Nullable Long packetsLost,
        @Nullable BigDecimal jitterMs, BigDecimal totalCost, @Nullable String currency) {
}
