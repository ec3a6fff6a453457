package ai.sentiric.events;

import ai.sentiric.proto.event.v1.EventEnvelope;
import ai.sentiric.proto.event.v1.EventEnvelope.PayloadCase;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The event type names (routing keys) and the payload each one carries. */
public final class EventTypes {

    public static final String CALL_STARTED = "call.started";
    public static final String CALL_ANSWERED = "call.answered";
    public static final String CALL_ENDED = "call.ended";
    public static final String USER_IDENTIFIED_FOR_CALL = "user.identified.for_call";
    public static final String CALL_RECORDING_AVAILABLE = "call.recording.available";
    public static final String DIALOG_TURN_COMPLETED = "dialog.turn.completed";
    public static final String COST_USAGE_REPORTED = "cost.usage.reported";
    public static final String MEDIA_QUALITY = "media.quality";
    public static final String MEDIA_INACTIVE = "media.inactive";
    public static final String CALL_OUTCOME_CLASSIFIED = "call.outcome.classified";
    public static final String USER_CHANGED = "user.changed";

    private static final Map<PayloadCase, String> BY_PAYLOAD = new EnumMap<>(Map.ofEntries(
            Map.entry(PayloadCase.CALL_STARTED, CALL_STARTED),
            Map.entry(PayloadCase.CALL_ANSWERED, CALL_ANSWERED),
            Map.entry(PayloadCase.CALL_ENDED, CALL_ENDED),
            Map.entry(PayloadCase.USER_IDENTIFIED_FOR_CALL, USER_IDENTIFIED_FOR_CALL),
            Map.entry(PayloadCase.CALL_RECORDING_AVAILABLE, CALL_RECORDING_AVAILABLE),
            Map.entry(PayloadCase.DIALOG_TURN_COMPLETED, DIALOG_TURN_COMPLETED),
            Map.entry(PayloadCase.COST_USAGE_REPORTED, COST_USAGE_REPORTED),
            Map.entry(PayloadCase.MEDIA_QUALITY, MEDIA_QUALITY),
            Map.entry(PayloadCase.MEDIA_INACTIVE, MEDIA_INACTIVE),
            Map.entry(PayloadCase.CALL_OUTCOME_CLASSIFIED, CALL_OUTCOME_CLASSIFIED),
            Map.entry(PayloadCase.USER_CHANGED, USER_CHANGED)));

    private static final Map<String, PayloadCase> BY_TYPE = BY_PAYLOAD.entrySet().stream()
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getValue, Map.Entry::getKey));

    private EventTypes() {
    }

    /** The event type of a payload; empty for an envelope without one. */
    public static Optional<String> of(PayloadCase payload) {
        return Optional.ofNullable(BY_PAYLOAD.get(payload));
    }

    /** True when the envelope carries a payload and names the event type that payload has. */
    public static boolean consistent(EventEnvelope envelope) {
        return envelope.getPayloadCase() != PayloadCase.PAYLOAD_NOT_SET
                && BY_TYPE.get(envelope.getEventType()) == envelope.getPayloadCase();
    }
}
