package ai.sentiric.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.sentiric.proto.event.v1.EventEnvelope;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link WireJsonPrinter} must write exactly what JsonFormat writes: random messages of every event type
 * and of a message with every field type, map, oneof and the time types, compared byte for byte.
 */
class WireJsonPrinterTests {

    private static final JsonFormat.Printer JSON_FORMAT = JsonFormat.printer().omittingInsignificantWhitespace();

    @Test
    void writesEveryEventTypeAsJsonFormatDoes() throws Exception {
        Random random = new Random(20261204);
        for (int i = 0; i < 3_000; i++) {
            EventEnvelope.Builder event = EventEnvelope.newBuilder();
            RandomMessages.fill(event, random);
            assertSameJson(event.build());
        }
    }

    @Test
    void writesEveryFieldTypeAsJsonFormatDoes() throws Exception {
        Descriptor allTypes = RandomMessages.allTypes(true);
        Random random = new Random(42);
        for (int i = 0; i < 3_000; i++) {
            DynamicMessage.Builder message = DynamicMessage.newBuilder(allTypes);
            RandomMessages.fill(message, random);
            assertSameJson(message.build());
        }
    }

    @Test
    void writesEmptyMessagesAndEmptyPayloads() throws Exception {
        assertSameJson(EventEnvelope.getDefaultInstance());
        assertSameJson(EventEnvelope.newBuilder().setCallAnswered(ai.sentiric.proto.event.v1.CallAnswered.getDefaultInstance()).build());
        assertThat(new String(EventCodec.encode(EventEnvelope.newBuilder().setCallId("c-1").build()), StandardCharsets.UTF_8))
                .isEqualTo("{\"callId\":\"c-1\"}");
    }

    @Test
    void sendsAnUnpairedSurrogateAsTheBytesJsonFormatWouldHaveSent() throws Exception {
        // Ill-formed UTF-16 becomes '?' in UTF-8 either way (protobuf logs a warning for it).
        assertSameJson(EventEnvelope.newBuilder().setTraceId("lone \uD800 surrogate").build());
    }

    @Test
    void leavesTheWellKnownTypesWithTheirOwnFormToJsonFormat() {
        Struct struct = Struct.newBuilder().putFields("a", Value.newBuilder().setNumberValue(1).build()).build();
        assertThat(WireJsonPrinter.print(struct)).isNull();
        assertThat(WireJsonPrinter.print(Value.newBuilder().setStringValue("x").build())).isNull();
    }

    @Test
    void refusesATimestampOutsideTheRangeAsJsonFormatDoes() {
        EventEnvelope event = EventEnvelope.newBuilder().setTimestamp(Timestamp.newBuilder().setSeconds(-62_135_596_801L)).build();
        assertThatThrownBy(() -> JSON_FORMAT.print(event)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WireJsonPrinter.print(event)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventCodec.encode(event)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertSameJson(Message message) throws InvalidProtocolBufferException {
        byte[] json = WireJsonPrinter.print(message);
        assertThat(json).as("rendered without JsonFormat").isNotNull();
        // Compared as the UTF-8 that goes on the wire.
        assertThat(new String(json, StandardCharsets.UTF_8))
                .isEqualTo(new String(JSON_FORMAT.print(message).getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
    }
}
