package ai.sentiric.events;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sentiric.proto.event.v1.EventEnvelope;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import com.google.protobuf.util.Timestamps;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * {@link WireJsonParser} must read what JsonFormat reads, into the same message, and leave to
 * JsonFormat whatever it does not read itself: every message it accepts is compared with
 * JsonFormat's reading of the same bytes, including broken and unusual documents.
 */
class WireJsonParserTests {

    private static final JsonFormat.Printer COMPACT = JsonFormat.printer().omittingInsignificantWhitespace();
    private static final JsonFormat.Printer PRETTY = JsonFormat.printer();
    private static final JsonFormat.Parser JSON_FORMAT = JsonFormat.parser().ignoringUnknownFields();

    @Test
    void readsEveryEventTypeAsJsonFormatDoes() throws Exception {
        Random random = new Random(7);
        for (int i = 0; i < 3_000; i++) {
            EventEnvelope.Builder event = EventEnvelope.newBuilder();
            RandomMessages.fill(event, random);
            for (JsonFormat.Printer printer : List.of(COMPACT, PRETTY)) {
                byte[] json = printer.print(event).getBytes(StandardCharsets.UTF_8);
                assertThat(readsAsJsonFormat(json, EventEnvelope.getDescriptor())).as("read without JsonFormat").isTrue();
                assertThat(EventCodec.decode(json)).isEqualTo(jsonFormatEvent(json));
            }
        }
    }

    @Test
    void readsEveryFieldTypeAsJsonFormatDoes() throws Exception {
        Descriptor allTypes = RandomMessages.allTypes(false);
        Random random = new Random(11);
        for (int i = 0; i < 3_000; i++) {
            DynamicMessage.Builder message = DynamicMessage.newBuilder(allTypes);
            RandomMessages.fill(message, random);
            byte[] json = COMPACT.print(message).getBytes(StandardCharsets.UTF_8);
            assertThat(readsAsJsonFormat(json, allTypes)).as("read without JsonFormat: %s", new String(json, StandardCharsets.UTF_8)).isTrue();
        }
    }

    @Test
    void readsUnusualAndBrokenDocumentsAsJsonFormatDoes() throws Exception {
        Descriptor withBytes = RandomMessages.allTypes(true);
        List<String> others = List.of(
                "{\"event_id\":\"proto field name\"}",
                "{\"callId\":null}",
                "{\"eventId\":\"a\",\"eventId\":\"twice\"}",
                "{\"callAnswered\":{},\"callEnded\":{}}",
                "{\"callEnded\":{\"sipCode\":\"200\"}}",
                "{\"callEnded\":{\"sipCode\":200.0}}",
                "{\"callEnded\":{\"sipCode\":2e2}}",
                "{\"callEnded\":{\"sipCode\":99999999999}}",
                "{\"callEnded\":{\"disposition\":\"NO_SUCH_DISPOSITION\"}}",
                "{\"callEnded\":{\"disposition\":\"2\"}}",
                "{\"callEnded\":{\"disposition\":2}}",
                "{\"mediaQuality\":{\"mos\":1e-400}}",
                "{\"mediaQuality\":{\"mos\":-0.0}}",
                "{\"mediaQuality\":{\"mos\":\"4.5\"}}",
                "{\"mediaQuality\":{\"packetsLost\":\"-1\"}}",
                "{\"mediaQuality\":{\"packetsLost\":18446744073709551616}}",
                "{\"timestamp\":\"2026-12-04T10:00:00+03:00\"}",
                "{\"timestamp\":\"yesterday\"}",
                "{\"timestamp\":12}",
                "{\"traceId\":\"\\ud800\"}",
                "{\"traceId\":\"\\u00e7a\\/b\\\"c\"}",
                "{\"traceId\":\"bad \\x escape\"}",
                "{\"unknown\":{\"deep\":[1,2,{\"x\":null}]},\"callId\":\"c\"}",
                "{\"unknown\":[1,2,3],\"callId\":\"c\"}",
                "{\"callId\":\"c\"} trailing",
                "{\"callId\":\"c\",}",
                "{\"callId\":'c'}",
                "[\"not an object\"]",
                "",
                "{",
                "{\"callOutcomeClassified\":{\"extracted\":{\"a\":\"1\",\"a\":\"2\"}}}",
                "{\"callOutcomeClassified\":{\"extracted\":{\"a\":null}}}",
                "{\"dialogTurnCompleted\":{\"knowledgeSources\":null}}",
                "{\"dialogTurnCompleted\":{\"knowledgeSources\":[\"a\",null]}}");
        for (String other : others) {
            byte[] json = other.getBytes(StandardCharsets.UTF_8);
            readsAsJsonFormat(json, EventEnvelope.getDescriptor());
            assertSameOutcome(json);
        }
        byte[] invalidUtf8 = {'{', '"', 'c', 'a', 'l', 'l', 'I', 'd', '"', ':', '"', (byte) 0xc3, '"', '}'};
        assertThat(WireJsonParser.parse(invalidUtf8, EventEnvelope.getDescriptor())).isNull();
        assertSameOutcome(invalidUtf8);
        assertThat(WireJsonParser.parse("{\"singleBytes\":\"AAE=\"}".getBytes(StandardCharsets.UTF_8), withBytes)).isNull();
    }

    @Test
    void acceptsNothingJsonFormatWouldReadOtherwiseWhenTheDocumentIsCutOrCorrupted() throws Exception {
        Random random = new Random(3);
        int readHere = 0;
        for (int i = 0; i < 40; i++) {
            EventEnvelope.Builder event = EventEnvelope.newBuilder();
            RandomMessages.fill(event, random);
            byte[] json = COMPACT.print(event).getBytes(StandardCharsets.UTF_8);
            for (int cut = 0; cut < json.length; cut++) {
                readsAsJsonFormat(Arrays.copyOf(json, cut), EventEnvelope.getDescriptor());
            }
            for (int mutation = 0; mutation < 200; mutation++) {
                byte[] corrupted = json.clone();
                corrupted[random.nextInt(corrupted.length)] = (byte) "{}[]\":,0-1.eE \\ntfu\u00e7x".charAt(random.nextInt(21));
                readHere += readsAsJsonFormat(corrupted, EventEnvelope.getDescriptor()) ? 1 : 0;
            }
        }
        // Many corruptions leave valid JSON (a changed letter in a string): those were compared.
        assertThat(readHere).isGreaterThan(1_000);
    }

    @Test
    void readsTimestampsAsTimestampsParseDoes() {
        List<String> texts = List.of("2026-12-04T10:00:00Z", "2026-12-04T10:00:00.5Z", "2026-12-04T10:00:00.123456789Z",
                "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "2024-02-29T12:00:00.000001Z",
                "2026-02-30T00:00:00Z", "2026-12-04T24:00:00Z", "2026-12-04T10:00:60Z", "0000-01-01T00:00:00Z",
                "2026-12-04T10:00:00.Z", "2026-12-04T10:00:00.1234567891Z", "2026-12-04T10:00:00+03:00",
                "2026-12-04t10:00:00z", "2026-1-04T10:00:00Z", "+026-12-04T10:00:00Z");
        for (String text : texts) {
            Object expected;
            try {
                expected = Timestamps.parse(text);
            } catch (ParseException | IllegalArgumentException e) {
                expected = "refused";
            }
            Object read;
            try {
                read = WireJsonParser.timestamp(text);
            } catch (RuntimeException e) {
                read = "refused";
            }
            assertThat(read).as(text).isEqualTo(expected);
        }
    }

    /**
     * Whether the parser read the document itself; when it did, JsonFormat must read the same bytes
     * into the same message.
     */
    private static boolean readsAsJsonFormat(byte[] json, Descriptor type) throws InvalidProtocolBufferException {
        byte[] wire = WireJsonParser.parse(json, type);
        if (wire == null) {
            return false;
        }
        Message read = DynamicMessage.parseFrom(type, wire);
        Message expected = jsonFormat(json, type);
        assertThat(expected).as("JsonFormat reads %s too", new String(json, StandardCharsets.UTF_8)).isNotNull();
        assertThat(read).as("read of %s", new String(json, StandardCharsets.UTF_8)).isEqualTo(expected);
        return true;
    }

    /** JsonFormat's reading, or null where it refuses the document. */
    private static @Nullable Message jsonFormat(byte[] json, Descriptor type) {
        DynamicMessage.Builder builder = DynamicMessage.newBuilder(type);
        try {
            JSON_FORMAT.merge(new String(json, StandardCharsets.UTF_8), builder);
            return builder.build();
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            return null;
        }
    }

    private static @Nullable EventEnvelope jsonFormatEvent(byte[] json) {
        EventEnvelope.Builder builder = EventEnvelope.newBuilder();
        try {
            JSON_FORMAT.merge(new String(json, StandardCharsets.UTF_8), builder);
            return builder.build();
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            return null;
        }
    }

    private static void assertSameOutcome(byte[] json) {
        List<Object> outcomes = new ArrayList<>();
        for (boolean codec : new boolean[] {true, false}) {
            try {
                outcomes.add(codec ? EventCodec.decode(json) : jsonFormatEvent(json));
            } catch (InvalidProtocolBufferException e) {
                outcomes.add(null);
            }
        }
        assertThat(outcomes.get(0)).as(new String(json, StandardCharsets.UTF_8)).isEqualTo(outcomes.get(1));
    }
}
