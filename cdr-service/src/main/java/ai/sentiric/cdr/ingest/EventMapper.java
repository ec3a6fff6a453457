package ai.sentiric.cdr.ingest;

import ai.sentiric.cdr.CdrProperties;
import ai.sentiric.events.EventCodec;
import ai.sentiric.events.PoisonEventException;
import ai.sentiric.proto.event.v1.CallEnded;
import ai.sentiric.proto.event.v1.CallStarted;
import ai.sentiric.proto.event.v1.Disposition;
import ai.sentiric.proto.event.v1.EventEnvelope;
import ai.sentiric.proto.event.v1.HangupSource;
import ai.sentiric.proto.event.v1.ResourceType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Validates an event and splits it into rows. What can never be stored right is refused as a
 * {@link PoisonEventException} (dead-lettered with the reason): no event id, no call id, no
 * timestamp or an absurd one (the original stored year 1 and computed durations from it).
 */
@Component
class EventMapper {

    private final CdrProperties properties;

    EventMapper(CdrProperties properties) {
        this.properties = properties;
    }

    /** @param body the JSON the event arrived in, stored as is; null to render it from the event */
    IngestedEvent map(EventEnvelope event, byte @Nullable [] body) {
        UUID eventId = eventId(event);
        OffsetDateTime at = timestamp(event);
        String callId = event.getCallId().isBlank() ? null : event.getCallId();
        if (callId == null) {
            throw new PoisonEventException(event.getEventType() + " " + eventId + " has no callId");
        }
        if (callId.length() > 200) {
            throw new PoisonEventException("callId longer than 200 characters");
        }
        String tenant = event.getTenantId().isBlank() ? null : event.getTenantId();
        String json = new String(body != null ? body : EventCodec.encode(event), StandardCharsets.UTF_8);
        CallFacts facts = null;
        IngestedEvent.DialogTurn turn = null;
        IngestedEvent.Usage usage = null;
        switch (event.getPayloadCase()) {
            case CALL_STARTED -> facts = started(event.getCallStarted(), callId, tenant, at);
            case CALL_ANSWERED -> facts = CallFacts.of(callId, tenant, 0).answered(at).build();
            case CALL_ENDED -> facts = ended(event.getCallEnded(), callId, tenant, at);
            case USER_IDENTIFIED_FOR_CALL -> {
                var identified = event.getUserIdentifiedForCall();
                facts = CallFacts.of(callId, tenant, 1)
                        .identity(blankToNull(identified.getUserId()), identified.getContactId() == 0 ? null : identified.getContactId(), 2)
                        .build();
            }
            case CALL_RECORDING_AVAILABLE -> facts = CallFacts.of(callId, tenant, 0)
                    .recording(event.getCallRecordingAvailable().getRecordingUri()).build();
            case CALL_OUTCOME_CLASSIFIED -> facts = CallFacts.of(callId, tenant, 0)
                    .outcome(event.getCallOutcomeClassified().getOutcomeType(), event.getCallOutcomeClassified().getSummary(), at)
                    .build();
            case MEDIA_QUALITY -> {
                var quality = event.getMediaQuality();
                facts = CallFacts.of(callId, tenant, 0).quality(BigDecimal.valueOf(quality.getMos()), quality.getPacketsReceived(),
                        quality.getPacketsLost(), BigDecimal.valueOf(quality.getJitterMs())).build();
            }
            case DIALOG_TURN_COMPLETED -> {
                var d = event.getDialogTurnCompleted();
                turn = new IngestedEvent.DialogTurn(d.getTurnNumber(), d.getUserText(), d.getAgentText(), d.getKnowledgeSourcesList(),
                        d.getSttMs(), d.getLlmFirstTokenMs(), d.getLlmTotalMs(), d.getTtsFirstAudioMs(), d.getResponseMs(),
                        d.getInterrupted());
            }
            case COST_USAGE_REPORTED -> {
                var u = event.getCostUsageReported();
                if (u.getResourceType() == ResourceType.RESOURCE_TYPE_UNSPECIFIED || u.getResourceType() == ResourceType.UNRECOGNIZED) {
                    throw new PoisonEventException("cost.usage.reported " + eventId + " names no resource type");
                }
                if (!(u.getQuantity() >= 0) || Double.isInfinite(u.getQuantity())) {
                    throw new PoisonEventException("cost.usage.reported " + eventId + " has quantity " + u.getQuantity());
                }
                usage = new IngestedEvent.Usage(u.getResourceType().name().substring("RESOURCE_TYPE_".length()),
                        blankToNull(u.getModel()), u.getQuantity(), blankToNull(u.getServiceName()));
                facts = CallFacts.of(callId, tenant, 0).build();
            }
            default -> throw new PoisonEventException("cdr-service does not record " + event.getEventType());
        }
        return new IngestedEvent(eventId, event.getEventType(), callId, tenant, at, event.getTraceId(), json, facts, turn, usage);
    }

    private static CallFacts started(CallStarted started, String callId, @Nullable String tenant, OffsetDateTime at) {
        var resolution = started.getDialplanResolution();
        var builder = CallFacts.of(callId, tenant != null ? tenant : blankToNull(resolution.getTenantId()), 2);
        if (resolution.hasMatchedUser()) {
            builder.identity(blankToNull(resolution.getMatchedUser().getId()),
                    resolution.hasMatchedContact() ? resolution.getMatchedContact().getId() : null, 1);
        }
        String caller = blankToNull(started.getCallerNumber());
        return builder.started(at,
                caller != null ? caller : blankToNull(resolution.getCallerE164()),
                blankToNull(started.getCalleeNumber()),
                switch (started.getDirection()) {
                    case CALL_DIRECTION_OUTBOUND -> "OUTBOUND";
                    default -> "INBOUND";
                },
                blankToNull(started.getTrunkName()),
                blankToNull(resolution.getDialplanId()),
                resolution.getResolution().getNumber() == 0 ? null : resolution.getResolution().name().substring("RESOLUTION_".length()))
                .build();
    }

    private static CallFacts ended(CallEnded ended, String callId, @Nullable String tenant, OffsetDateTime at) {
        String disposition = ended.getDisposition() == Disposition.DISPOSITION_UNSPECIFIED || ended.getDisposition() == Disposition.UNRECOGNIZED
                ? null : ended.getDisposition().name().substring("DISPOSITION_".length());
        String source = ended.getHangupSource() == HangupSource.HANGUP_SOURCE_UNSPECIFIED || ended.getHangupSource() == HangupSource.UNRECOGNIZED
                ? null : ended.getHangupSource().name().substring("HANGUP_SOURCE_".length());
        return CallFacts.of(callId, tenant, 0)
                .ended(at, disposition, ended.getSipCode() == 0 ? null : ended.getSipCode(), blankToNull(ended.getReason()), source)
                .build();
    }

    private UUID eventId(EventEnvelope event) {
        try {
            return UUID.fromString(event.getEventId());
        } catch (IllegalArgumentException e) {
            throw new PoisonEventException("eventId '" + event.getEventId() + "' is not a UUID");
        }
    }

    private OffsetDateTime timestamp(EventEnvelope event) {
        if (!event.hasTimestamp()) {
            throw new PoisonEventException(event.getEventType() + " " + event.getEventId() + " has no timestamp");
        }
        Instant at = Instant.ofEpochSecond(event.getTimestamp().getSeconds(), event.getTimestamp().getNanos());
        if (at.isBefore(properties.earliestTimestamp()) || at.isAfter(Instant.now().plus(properties.maxFutureSkew()))) {
            throw new PoisonEventException(event.getEventType() + " " + event.getEventId() + " has an absurd timestamp " + at);
        }
        return at.atOffset(ZoneOffset.UTC);
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
