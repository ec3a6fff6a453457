package ai.sentiric.events;

import ai.sentiric.proto.event.v1.EventEnvelope;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import java.nio.charset.StandardCharsets;

/**
 * The wire form of events: protobuf JSON (camelCase names, enums by name, RFC 3339 timestamps).
 * Unknown fields are ignored so that producers may add fields before consumers know them.
 */
public final class EventCodec {

    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();
    private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();

    private EventCodec() {
    }

    public static byte[] encode(EventEnvelope envelope) {
        try {
            return PRINTER.print(envelope).getBytes(StandardCharsets.UTF_8);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("event cannot be rendered as JSON", e);
        }
    }

    /** Parses an event; throws {@link InvalidProtocolBufferException} for anything that is not one. */
    public static EventEnvelope decode(byte[] json) throws InvalidProtocolBufferException {
        EventEnvelope.Builder builder = EventEnvelope.newBuilder();
        PARSER.merge(new String(json, StandardCharsets.UTF_8), builder);
        return builder.build();
    }
}
