package ai.sentiric.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.sentiric.proto.event.v1.CallAnswered;
import ai.sentiric.proto.event.v1.CallEnded;
import ai.sentiric.proto.event.v1.EventEnvelope;
import ai.sentiric.proto.event.v1.EventEnvelope.PayloadCase;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventPublisherTests {

    @Test
    void completesTypeIdTimestampAndTraceFromThePayload() throws Exception {
        EventEnvelope event = EventPublisher.complete(EventEnvelope.newBuilder()
                .setCallAnswered(CallAnswered.getDefaultInstance()).build());

        assertThat(event.getEventType()).isEqualTo("call.answered");
        assertThat(event.getEventId()).isNotEmpty();
        assertThat(event.getTimestamp().getSeconds()).isPositive();
        assertThat(EventCodec.decode(EventCodec.encode(event))).isEqualTo(event);
    }

    @Test
    void eventIdsAreVersionSevenInTheOrderTheyWereMade() {
        long before = System.currentTimeMillis();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            ids.add(UUID.fromString(EventPublisher.complete(EventEnvelope.newBuilder()
                    .setCallAnswered(CallAnswered.getDefaultInstance()).build()).getEventId()));
        }
        long after = System.currentTimeMillis();

        assertThat(ids).allSatisfy(id -> {
            assertThat(id.version()).isEqualTo(7);
            assertThat(id.variant()).isEqualTo(2);
            assertThat(id.getMostSignificantBits() >>> 16).as("the Unix milliseconds it was made at").isBetween(before, after);
        });
        // As PostgreSQL orders uuid values: by their bytes, unsigned (UUID.compareTo compares signed halves).
        assertThat(ids).doesNotHaveDuplicates()
                .isSortedAccordingTo((a, b) -> a.toString().compareTo(b.toString()));
    }

    @Test
    void rendersCamelCaseJson() {
        EventEnvelope event = EventPublisher.complete(EventEnvelope.newBuilder().setCallId("abc")
                .setCallEnded(CallEnded.newBuilder().setSipCode(487).setReason("cancelled")).build());

        assertThat(new String(EventCodec.encode(event)))
                .contains("\"eventType\":\"call.ended\"", "\"callId\":\"abc\"", "\"callEnded\":{", "\"sipCode\":487");
    }

    @Test
    void refusesAnEventWhoseTypeContradictsItsPayload() {
        assertThatThrownBy(() -> EventPublisher.complete(EventEnvelope.newBuilder().setEventType("call.started")
                .setCallEnded(CallEnded.getDefaultInstance()).build()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyPayloadHasAnEventTypeAndBackAgain() {
        for (PayloadCase payload : PayloadCase.values()) {
            if (payload == PayloadCase.PAYLOAD_NOT_SET) {
                continue;
            }
            String type = EventTypes.of(payload).orElseThrow(() -> new AssertionError(payload + " has no event type"));
            EventEnvelope.Builder event = EventEnvelope.newBuilder().setEventType(type);
            var field = EventEnvelope.getDescriptor().findFieldByNumber(payload.getNumber());
            event.setField(field, event.newBuilderForField(field).build());
            assertThat(EventTypes.consistent(event.build())).as(type).isTrue();
        }
    }
}
