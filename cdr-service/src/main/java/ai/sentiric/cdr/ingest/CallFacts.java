package ai.sentiric.cdr.ingest;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/**
 * What one event says about its call, in the columns of {@code calls}. Unset fields are null
 * and merge as "nothing new". A rank says how authoritative a source is for a fact that two
 * events may carry (the tenant, the caller's identity); -1 means the event does not carry it.
 */
record CallFacts(
        String callId,
        @Nullable String tenantId, int tenantRank,
        @Nullable String userId, @Nullable Long contactId, int identityRank,
        @Nullable String callerNumber, @Nullable String calleeNumber, @Nullable String direction, @Nullable String trunkName,
        @Nullable String dialplanId, @Nullable String resolution,
        @Nullable OffsetDateTime startTime, @Nullable OffsetDateTime answerTime, @Nullable OffsetDateTime endTime,
        int statusRank,
        @Nullable String endedDisposition, @Nullable Integer sipCode, @Nullable String hangupReason, @Nullable String hangupSource,
        @Nullable String recordingUrl,
        @Nullable String outcomeType, @Nullable String outcomeSummary, @Nullable OffsetDateTime outcomeAt,
        @Nullable BigDecimal mos, @Nullable Long packetsReceived, @Nullable Long packetsLost, @Nullable BigDecimal jitterMs) {

    static final int STARTED = 1;
    static final int ANSWERED = 2;
    static final int COMPLETED = 3;

    /**
     * The facts of two events of the same call merged exactly as {@code CallProjection} merges a
     * row with an event, so that a batch writes each call once (one statement, rows locked in
     * call-id order, no deadlock between concurrent consumers).
     */
    CallFacts merge(CallFacts other) {
        boolean otherTenant = other.tenantRank > tenantRank
                || (other.tenantRank == tenantRank && greater(other.tenantId, tenantId));
        boolean otherIdentity = other.identityRank > identityRank
                || (other.identityRank == identityRank && greater(other.userId, userId));
        boolean otherStart = earlier(other.startTime, startTime);
        boolean otherEnd = earlier(other.endTime, endTime);
        boolean otherOutcome = other.outcomeAt != null && (outcomeAt == null || other.outcomeAt.isAfter(outcomeAt));
        boolean otherQuality = other.packetsReceived != null && (packetsReceived == null || other.packetsReceived > packetsReceived);
        return new CallFacts(callId,
                otherTenant ? other.tenantId : tenantId, Math.max(tenantRank, other.tenantRank),
                otherIdentity ? other.userId : userId, otherIdentity ? other.contactId : contactId,
                Math.max(identityRank, other.identityRank),
                otherStart ? other.callerNumber : callerNumber, otherStart ? other.calleeNumber : calleeNumber,
                otherStart ? other.direction : direction, otherStart ? other.trunkName : trunkName,
                otherStart ? other.dialplanId : dialplanId, otherStart ? other.resolution : resolution,
                least(startTime, other.startTime), least(answerTime, other.answerTime), least(endTime, other.endTime),
                Math.max(statusRank, other.statusRank),
                otherEnd ? other.endedDisposition : endedDisposition, otherEnd ? other.sipCode : sipCode,
                otherEnd ? other.hangupReason : hangupReason, otherEnd ? other.hangupSource : hangupSource,
                greater(other.recordingUrl, recordingUrl) ? other.recordingUrl : recordingUrl,
                otherOutcome ? other.outcomeType : outcomeType, otherOutcome ? other.outcomeSummary : outcomeSummary,
                otherOutcome ? other.outcomeAt : outcomeAt,
                otherQuality ? other.mos : mos, otherQuality ? other.packetsReceived : packetsReceived,
                otherQuality ? other.packetsLost : packetsLost, otherQuality ? other.jitterMs : jitterMs);
    }

    /** SQL's {@code a > b}: false when either is null. */
    private static boolean greater(@Nullable String a, @Nullable String b) {
        return a != null && b != null ? a.compareTo(b) > 0 : a != null && b == null;
    }

    private static boolean earlier(@Nullable OffsetDateTime candidate, @Nullable OffsetDateTime current) {
        return candidate != null && (current == null || candidate.isBefore(current));
    }

    private static @Nullable OffsetDateTime least(@Nullable OffsetDateTime a, @Nullable OffsetDateTime b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    /** Facts with only the call and its tenant (as every event's envelope has them). */
    static Builder of(String callId, @Nullable String tenantId, int tenantRank) {
        return new Builder(callId, tenantId, tenantId == null ? -1 : tenantRank);
    }

    /** Collects the facts of one event. */
    static final class Builder {
        private final String callId;
        private final @Nullable String tenantId;
        private final int tenantRank;
        private @Nullable String userId;
        private @Nullable Long contactId;
        private int identityRank = -1;
        private @Nullable String callerNumber;
        private @Nullable String calleeNumber;
        private @Nullable String direction;
        private @Nullable String trunkName;
        private @Nullable String dialplanId;
        private @Nullable String resolution;
        private @Nullable OffsetDateTime startTime;
        private @Nullable OffsetDateTime answerTime;
        private @Nullable OffsetDateTime endTime;
        private int statusRank;
        private @Nullable String endedDisposition;
        private @Nullable Integer sipCode;
        private @Nullable String hangupReason;
        private @Nullable String hangupSource;
        private @Nullable String recordingUrl;
        private @Nullable String outcomeType;
        private @Nullable String outcomeSummary;
        private @Nullable OffsetDateTime outcomeAt;
        private @Nullable BigDecimal mos;
        private @Nullable Long packetsReceived;
        private @Nullable Long packetsLost;
        private @Nullable BigDecimal jitterMs;

        private Builder(String callId, @Nullable String tenantId, int tenantRank) {
            this.callId = callId;
            this.tenantId = tenantId;
            this.tenantRank = tenantRank;
        }

        Builder identity(@Nullable String user, @Nullable Long contact, int rank) {
            if (user != null) {
                this.userId = user;
                this.contactId = contact;
                this.identityRank = rank;
            }
            return this;
        }

        Builder started(OffsetDateTime at, @Nullable String caller, @Nullable String callee, @Nullable String direction,
                        @Nullable String trunk, @Nullable String dialplanId, @Nullable String resolution) {
            this.startTime = at;
            this.statusRank = STARTED;
            this.callerNumber = caller;
            this.calleeNumber = callee;
            this.direction = direction;
            this.trunkName = trunk;
            this.dialplanId = dialplanId;
            this.resolution = resolution;
            return this;
        }

        Builder answered(OffsetDateTime at) {
            this.answerTime = at;
            this.statusRank = ANSWERED;
            return this;
        }

        Builder ended(OffsetDateTime at, @Nullable String disposition, @Nullable Integer sipCode, @Nullable String reason,
                      @Nullable String source) {
            this.endTime = at;
            this.statusRank = COMPLETED;
            this.endedDisposition = disposition;
            this.sipCode = sipCode;
            this.hangupReason = reason;
            this.hangupSource = source;
            return this;
        }

        Builder recording(String url) {
            this.recordingUrl = url;
            return this;
        }

        Builder outcome(String type, String summary, OffsetDateTime at) {
            this.outcomeType = type;
            this.outcomeSummary = summary;
            this.outcomeAt = at;
            return this;
        }

        Builder quality(BigDecimal mos, long received, long lost, BigDecimal jitter) {
            this.mos = mos;
            this.packetsReceived = received;
            this.packetsLost = lost;
            this.jitterMs = jitter;
            return this;
        }

        CallFacts build() {
            return new CallFacts(callId, tenantId, tenantRank, userId, contactId, identityRank, callerNumber, calleeNumber,
                    direction, trunkName, dialplanId, resolution, startTime, answerTime, endTime, statusRank, endedDisposition,
                    sipCode, hangupReason, hangupSource, recordingUrl, outcomeType, outcomeSummary, outcomeAt, mos,
                    packetsReceived, packetsLost, jitterMs);
        }
    }
}
