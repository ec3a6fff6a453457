package ai.sentiric.events;

import ai.sentiric.proto.event.v1.EventEnvelope;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import java.nio.charset.StandardCharsets;

/**
 * The wire form of events: protobuf JSON (camelCase names, enums by name, RFC 3339 timestamps).
 * Unknown fields are ignored so that producers may add fields before consumers know them.
 * Events are rendered by {@link WireJsonPrinter} and read by {@link WireJsonParser}, which write and
 * read what JsonFormat's printer and parser would, faster; JsonFormat reads what they leave to it.
 */
public final class EventCodec {

    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();
    private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();

    private EventCodec() {
    }

    public static byte[] encode(EventEnvelope envelope) {
        byte[] json = WireJsonPrinter.print(envelope);
        if (json != null) {
            return json;
        }
        try {
            return PRINTER.print(envelope).getBytes(StandardCharsets.UTF_8);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("event cannot be rendered as JSON", e);
        }
    }

    /** Parses an event; throws {@link InvalidProtocolBufferException} for anything that is not one. */
    public static EventEnvelope decode(byte[] json) throws InvalidProtocolBufferException {
        byte[] wire = WireJsonParser.parse(json, EventEnvelope.getDescriptor());
        if (wire != null) {
            return EventEnvelope.parseFrom(wire);
        }
        EventEnvelope.Builder builder = EventEnvelope.newBuilder();
        PARSER.merge(new String(json, StandardCharsets.UTF_8), builder);
        return builder.build();
    }
}
