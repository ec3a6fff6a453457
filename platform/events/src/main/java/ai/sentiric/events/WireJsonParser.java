package ai.sentiric.events;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Reads protobuf JSON into the message's binary encoding, for the generated parser to build the
 * message from, instead of JsonFormat's parser, which builds a gson tree of the document and sets
 * each field through reflection (a quarter of cdr-service's CPU per event).
 *
 * <p>Takes the form JsonFormat's printer writes, as {@code JsonFormat.parser().ignoringUnknownFields()}
 * reads it: JSON field names, numbers and strings as printed, enums by name or number, RFC 3339
 * timestamps, unknown fields skipped, any whitespace. For anything else (proto field names, null,
 * numbers in another notation, bytes, a repeated key, a second member of a oneof, a surrogate
 * written as an escape, malformed JSON) it returns null and the caller asks JsonFormat, so that the
 * result or the error is always JsonFormat's.
 */
final class WireJsonParser {

    private static final Map<Descriptor, Shape> SHAPES = new ConcurrentHashMap<>();
    private static final int MAX_DEPTH = 64;

    private WireJsonParser() {
    }

    /** The binary encoding of the message of {@code type} that {@code json} holds, or null: ask JsonFormat. */
    static byte @Nullable [] parse(byte[] json, Descriptor type) {
        if (!WireJsonPrinter.covers(type)) {
            return null;
        }
        try {
            Reader in = new Reader(json);
            Wire out = new Wire(json.length);
            in.whitespace();
            readMessage(shape(type), in, out, 0);
            in.whitespace();
            if (in.more()) {
                return null;
            }
            return out.toByteArray();
        } catch (Unsupported e) {
            return null;
        }
    }

    private static Shape shape(Descriptor type) {
        Shape known = SHAPES.get(type);
        return known != null ? known : SHAPES.computeIfAbsent(type, Shape::new);
    }

    /** A message type's fields by JSON name (UTF-8) and the names that only JsonFormat reads. */
    private static final class Shape {
        final Map<String, FieldDescriptor> byJsonName = new HashMap<>();
        final Map<String, FieldDescriptor> byProtoName = new HashMap<>();

        Shape(Descriptor type) {
            for (FieldDescriptor field : type.getFields()) {
                byJsonName.put(field.getJsonName(), field);
                byProtoName.put(field.getName(), field);
            }
        }
    }

    private static void readMessage(Shape shape, Reader in, Wire out, int depth) {
        if (depth > MAX_DEPTH) {
            throw Unsupported.INSTANCE;
        }
        if (!in.opens('{', '}')) {
            return;
        }
        Set<Integer> seen = new HashSet<>();
        // Most messages have no oneof: the set of those seen is made when one comes.
        @Nullable Set<OneofDescriptor> oneofs = null;
        do {
            in.whitespace();
            String name = in.plainKey();
            in.whitespace();
            in.expect(':');
            in.whitespace();
            FieldDescriptor field = shape.byJsonName.get(name);
            if (field == null) {
                if (shape.byProtoName.containsKey(name)) {
                    throw Unsupported.INSTANCE;
                }
                in.skipValue(depth);
            } else {
                if (!seen.add(field.getNumber())) {
                    throw Unsupported.INSTANCE;
                }
                OneofDescriptor oneof = field.getRealContainingOneof();
                if (oneof != null) {
                    oneofs = oneofs == null ? new HashSet<>() : oneofs;
                    if (!oneofs.add(oneof)) {
                        throw Unsupported.INSTANCE;
                    }
                }
                readField(field, in, out, depth);
            }
        } while (in.another('}'));
    }

    private static void readField(FieldDescriptor field, Reader in, Wire out, int depth) {
        if (field.isMapField()) {
            FieldDescriptor key = field.getMessageType().findFieldByNumber(1);
            FieldDescriptor value = field.getMessageType().findFieldByNumber(2);
            if (!in.opens('{', '}')) {
                return;
            }
            Set<String> keys = new HashSet<>();
            do {
                in.whitespace();
                String text = in.string();
                if (!keys.add(text)) {
                    throw Unsupported.INSTANCE;
                }
                Wire entry = new Wire(32);
                writeMapKey(key, text, entry);
                in.whitespace();
                in.expect(':');
                in.whitespace();
                readValue(value, in, entry, depth + 1);
                out.tag(field.getNumber(), 2);
                out.lengthDelimited(entry);
            } while (in.another('}'));
        } else if (field.isRepeated()) {
            if (!in.opens('[', ']')) {
                return;
            }
            do {
                in.whitespace();
                readValue(field, in, out, depth + 1);
            } while (in.another(']'));
        } else {
            readValue(field, in, out, depth);
        }
    }

    /** A map key, which JSON always quotes, as the key field's value. */
    private static void writeMapKey(FieldDescriptor key, String text, Wire entry) {
        switch (key.getType()) {
            case STRING -> entry.string(1, text);
            case BOOL -> {
                if (!text.equals("true") && !text.equals("false")) {
                    throw Unsupported.INSTANCE;
                }
                entry.tag(1, 0);
                entry.varint(text.equals("true") ? 1 : 0);
            }
            default -> writeInteger(key, text, 1, entry);
        }
    }

    /** One value of {@code field}, written with the field's tag. */
    private static void readValue(FieldDescriptor field, Reader in, Wire out, int depth) {
        int number = field.getNumber();
        switch (field.getType()) {
            case STRING -> out.string(number, in.string());
            case BOOL -> {
                out.tag(number, 0);
                out.varint(in.literal() ? 1 : 0);
            }
            case FLOAT -> {
                double value = in.floating();
                // JsonFormat's range, with its tolerance for a printed maximum read back a little larger.
                if (!Double.isInfinite(value) && Math.abs(value) > Float.MAX_VALUE * (1.0 + 1e-6)) {
                    throw Unsupported.INSTANCE;
                }
                out.tag(number, 5);
                out.fixed32(Float.floatToRawIntBits((float) value));
            }
            case DOUBLE -> {
                double value = in.floating();
                // JsonFormat reads doubles through BigDecimal, which has no negative zero.
                out.tag(number, 1);
                out.fixed64(Double.doubleToRawLongBits(value == 0 ? 0.0 : value));
            }
            case ENUM -> {
                out.tag(number, 0);
                out.varint(readEnum(field, in));
            }
            case MESSAGE -> {
                Descriptor type = field.getMessageType();
                Wire nested = new Wire(64);
                if (type.getFullName().equals("google.protobuf.Timestamp")) {
                    Timestamp time = timestamp(in.string());
                    nested.secondsAndNanos(time.getSeconds(), time.getNanos());
                } else if (type.getFullName().equals("google.protobuf.Duration")) {
                    Duration duration;
                    try {
                        duration = Durations.parse(in.string());
                    } catch (ParseException | IllegalArgumentException e) {
                        throw Unsupported.INSTANCE;
                    }
                    nested.secondsAndNanos(duration.getSeconds(), duration.getNanos());
                } else {
                    readMessage(shape(type), in, nested, depth + 1);
                }
                out.tag(number, 2);
                out.lengthDelimited(nested);
            }
            case BYTES, GROUP -> throw Unsupported.INSTANCE;
            default -> writeInteger(field, in.integer(), number, out);
        }
    }

    /**
     * A timestamp as {@code Timestamps.parse} reads it. The form printers write (UTC, "Z", 0 to 9
     * fraction digits) is read here; any other goes to Timestamps.parse.
     */
    static Timestamp timestamp(String text) {
        int length = text.length();
        if (length >= 20 && length <= 30 && text.charAt(length - 1) == 'Z' && text.charAt(4) == '-'
                && text.charAt(7) == '-' && text.charAt(10) == 'T' && text.charAt(13) == ':' && text.charAt(16) == ':'
                && (length == 20 || text.charAt(19) == '.' && length > 21)) {
            try {
                LocalDateTime time = LocalDateTime.of(digits(text, 0, 4), digits(text, 5, 7), digits(text, 8, 10),
                        digits(text, 11, 13), digits(text, 14, 16), digits(text, 17, 19));
                int nanos = 0;
                if (length > 20) {
                    int fraction = length - 21;
                    nanos = digits(text, 20, length - 1);
                    for (int i = fraction; i < 9; i++) {
                        nanos *= 10;
                    }
                }
                if (time.getYear() >= 1) {
                    return Timestamp.newBuilder().setSeconds(time.toEpochSecond(ZoneOffset.UTC)).setNanos(nanos).build();
                }
            } catch (NumberFormatException | DateTimeException e) {
                // Not in the printed form: Timestamps.parse decides.
            }
        }
        try {
            return Timestamps.parse(text);
        } catch (ParseException | IllegalArgumentException e) {
            throw Unsupported.INSTANCE;
        }
    }

    /** The number written by the ASCII digits at [from, to). */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new NumberFormatException(text);
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static int readEnum(FieldDescriptor field, Reader in) {
        if (in.peek() == '"') {
            EnumValueDescriptor value = field.getEnumType().findValueByName(in.string());
            if (value == null) {
                throw Unsupported.INSTANCE;
            }
            return value.getNumber();
        }
        if (field.getEnumType().isClosed()) {
            throw Unsupported.INSTANCE;
        }
        try {
            return Integer.parseInt(in.integer());
        } catch (NumberFormatException e) {
            throw Unsupported.INSTANCE;
        }
    }

    /** An integer field's value from its decimal text (a JSON number, or quoted), range-checked as JsonFormat does. */
    private static void writeInteger(FieldDescriptor field, String text, int number, Wire out) {
        try {
            switch (field.getType()) {
                case INT32 -> {
                    out.tag(number, 0);
                    out.varint(Integer.parseInt(text));
                }
                case SINT32 -> {
                    int value = Integer.parseInt(text);
                    out.tag(number, 0);
                    out.varint(Integer.toUnsignedLong((value << 1) ^ (value >> 31)));
                }
                case SFIXED32 -> {
                    out.tag(number, 5);
                    out.fixed32(Integer.parseInt(text));
                }
                case UINT32, FIXED32 -> {
                    long value = Long.parseLong(text);
                    if (value < 0 || value > 0xFFFFFFFFL) {
                        throw Unsupported.INSTANCE;
                    }
                    if (field.getType() == FieldDescriptor.Type.UINT32) {
                        out.tag(number, 0);
                        out.varint(value);
                    } else {
                        out.tag(number, 5);
                        out.fixed32((int) value);
                    }
                }
                case INT64 -> {
                    out.tag(number, 0);
                    out.varint(Long.parseLong(text));
                }
                case SINT64 -> {
                    long value = Long.parseLong(text);
                    out.tag(number, 0);
                    out.varint((value << 1) ^ (value >> 63));
                }
                case SFIXED64 -> {
                    out.tag(number, 1);
                    out.fixed64(Long.parseLong(text));
                }
                case UINT64, FIXED64 -> {
                    if (text.isEmpty() || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
                        throw Unsupported.INSTANCE;
                    }
                    long value = Long.parseUnsignedLong(text);
                    if (field.getType() == FieldDescriptor.Type.UINT64) {
                        out.tag(number, 0);
                        out.varint(value);
                    } else {
                        out.tag(number, 1);
                        out.fixed64(value);
                    }
                }
                default -> throw Unsupported.INSTANCE;
            }
        } catch (NumberFormatException e) {
            throw Unsupported.INSTANCE;
        }
    }

    /** Not the form this class reads: JsonFormat reads the document instead. */
    private static final class Unsupported extends RuntimeException {
        static final Unsupported INSTANCE = new Unsupported();

        private Unsupported() {
            super(null, null, false, false);
        }
    }

    /** Strict JSON tokens over UTF-8 bytes. */
    private static final class Reader {
        final byte[] json;
        int position;

        Reader(byte[] json) {
            this.json = json;
        }

        boolean more() {
            return position < json.length;
        }

        byte peek() {
            if (position >= json.length) {
                throw Unsupported.INSTANCE;
            }
            return json[position];
        }

        byte next() {
            byte b = peek();
            position++;
            return b;
        }

        void expect(char c) {
            if (next() != c) {
                throw Unsupported.INSTANCE;
            }
        }

        void whitespace() {
            while (position < json.length) {
                byte b = json[position];
                if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                    return;
                }
                position++;
            }
        }

        /** Opens an object or array: true when elements follow, false when it closed at once. */
        boolean opens(char open, char close) {
            expect(open);
            whitespace();
            if (peek() == close) {
                position++;
                return false;
            }
            return true;
        }

        /** After an element: true when a comma says another follows, false at the closing bracket. */
        boolean another(char close) {
            whitespace();
            byte next = next();
            if (next == ',') {
                return true;
            }
            if (next != close) {
                throw Unsupported.INSTANCE;
            }
            return false;
        }

        /** An object key without escapes (field names have none). */
        String plainKey() {
            expect('"');
            int from = position;
            while (true) {
                byte b = next();
                if (b == '"') {
                    return new String(json, from, position - 1 - from, StandardCharsets.UTF_8);
                }
                if (b == '\\' || (b >= 0 && b < 0x20)) {
                    throw Unsupported.INSTANCE;
                }
            }
        }

        /** A JSON string's value. */
        String string() {
            expect('"');
            int from = position;
            boolean ascii = true;
            while (true) {
                byte b = next();
                if (b == '"') {
                    return ascii ? new String(json, from, position - 1 - from, StandardCharsets.ISO_8859_1)
                            : utf8(from, position - 1);
                }
                if (b == '\\') {
                    position = from;
                    return escaped();
                }
                if (b >= 0 && b < 0x20) {
                    throw Unsupported.INSTANCE;
                }
                ascii &= b >= 0;
            }
        }

        private String escaped() {
            int from = position;
            StringBuilder text = new StringBuilder();
            int run = from;
            while (true) {
                byte b = next();
                if (b == '"') {
                    return text.append(utf8(run, position - 1)).toString();
                }
                if (b >= 0 && b < 0x20) {
                    throw Unsupported.INSTANCE;
                }
                if (b != '\\') {
                    continue;
                }
                text.append(utf8(run, position - 1));
                byte escape = next();
                switch (escape) {
                    case '"' -> text.append('"');
                    case '\\' -> text.append('\\');
                    case '/' -> text.append('/');
                    case 'b' -> text.append('\b');
                    case 'f' -> text.append('\f');
                    case 'n' -> text.append('\n');
                    case 'r' -> text.append('\r');
                    case 't' -> text.append('\t');
                    case 'u' -> {
                        if (position + 4 > json.length) {
                            throw Unsupported.INSTANCE;
                        }
                        int c = 0;
                        for (int i = 0; i < 4; i++) {
                            int digit = Character.digit(json[position++], 16);
                            if (digit < 0) {
                                throw Unsupported.INSTANCE;
                            }
                            c = c << 4 | digit;
                        }
                        // A surrogate written as an escape may be unpaired, which protobuf's
                        // encoding would not keep as JsonFormat keeps it.
                        if (Character.isSurrogate((char) c)) {
                            throw Unsupported.INSTANCE;
                        }
                        text.append((char) c);
                    }
                    default -> throw Unsupported.INSTANCE;
                }
                run = position;
            }
        }

        /**
         * UTF-8 text of the document. Malformed bytes would be replaced here one way and, as
         * JsonFormat decodes the whole document, maybe another: those documents are JsonFormat's.
         */
        private String utf8(int from, int to) {
            String text = new String(json, from, to - from, StandardCharsets.UTF_8);
            if (text.indexOf('\uFFFD') >= 0) {
                throw Unsupported.INSTANCE;
            }
            return text;
        }

        /** true or false. */
        boolean literal() {
            if (matches("true")) {
                return true;
            }
            if (matches("false")) {
                return false;
            }
            throw Unsupported.INSTANCE;
        }

        private boolean matches(String word) {
            int n = word.length();
            if (position + n > json.length) {
                return false;
            }
            for (int i = 0; i < n; i++) {
                if (json[position + i] != word.charAt(i)) {
                    return false;
                }
            }
            position += n;
            return true;
        }

        /** An integer as a JSON number without fraction or exponent, or as a quoted string. */
        String integer() {
            if (peek() == '"') {
                return string();
            }
            int from = position;
            int end = number();
            for (int i = from; i < end; i++) {
                if (json[i] == '.' || json[i] == 'e' || json[i] == 'E') {
                    throw Unsupported.INSTANCE;
                }
            }
            return new String(json, from, end - from, StandardCharsets.ISO_8859_1);
        }

        /** A JSON number, or "NaN", "Infinity", "-Infinity"; zero only when written as zero. */
        double floating() {
            if (peek() == '"') {
                return switch (string()) {
                    case "NaN" -> Double.NaN;
                    case "Infinity" -> Double.POSITIVE_INFINITY;
                    case "-Infinity" -> Double.NEGATIVE_INFINITY;
                    default -> throw Unsupported.INSTANCE;
                };
            }
            int from = position;
            int end = number();
            String text = new String(json, from, end - from, StandardCharsets.ISO_8859_1);
            double value = Double.parseDouble(text);
            if (Double.isInfinite(value)) {
                throw Unsupported.INSTANCE;
            }
            if (value == 0) {
                // A value too small for a double reads as zero here, not necessarily in JsonFormat.
                for (int i = from; i < end && json[i] != 'e' && json[i] != 'E'; i++) {
                    if (json[i] >= '1' && json[i] <= '9') {
                        throw Unsupported.INSTANCE;
                    }
                }
            }
            return value;
        }

        /** Moves past a number in JSON's grammar and returns where it ends. */
        private int number() {
            if (position < json.length && json[position] == '-') {
                position++;
            }
            if (position < json.length && json[position] == '0') {
                position++;
            } else if (!digits()) {
                throw Unsupported.INSTANCE;
            }
            if (position < json.length && json[position] == '.') {
                position++;
                if (!digits()) {
                    throw Unsupported.INSTANCE;
                }
            }
            if (position < json.length && (json[position] == 'e' || json[position] == 'E')) {
                position++;
                if (position < json.length && (json[position] == '+' || json[position] == '-')) {
                    position++;
                }
                if (!digits()) {
                    throw Unsupported.INSTANCE;
                }
            }
            return position;
        }

        private boolean digits() {
            int from = position;
            while (position < json.length && json[position] >= '0' && json[position] <= '9') {
                position++;
            }
            return position > from;
        }

        /** Moves past any JSON value (of an unknown field), checking its syntax. */
        void skipValue(int depth) {
            if (depth > MAX_DEPTH) {
                throw Unsupported.INSTANCE;
            }
            byte b = peek();
            switch (b) {
                case '"' -> string();
                case '{', '[' -> {
                    char close = b == '{' ? '}' : ']';
                    if (!opens((char) b, close)) {
                        return;
                    }
                    do {
                        whitespace();
                        if (close == '}') {
                            string();
                            whitespace();
                            expect(':');
                            whitespace();
                        }
                        skipValue(depth + 1);
                    } while (another(close));
                }
                case 't', 'f' -> literal();
                // null: JsonFormat decides what an unknown field's null means.
                default -> number();
            }
        }
    }

    /** The binary encoding being written. */
    private static final class Wire extends GrowingBytes {

        Wire(int capacity) {
            super(capacity);
        }

        void tag(int number, int wireType) {
            varint(Integer.toUnsignedLong(number << 3 | wireType));
        }

        void varint(long value) {
            ensure(10);
            while ((value & ~0x7FL) != 0) {
                bytes[length++] = (byte) ((value & 0x7F) | 0x80);
                value >>>= 7;
            }
            bytes[length++] = (byte) value;
        }

        /** An int32 or enum: negative values take ten bytes, as protobuf writes them. */
        void varint(int value) {
            varint((long) value);
        }

        void fixed32(int value) {
            ensure(4);
            for (int i = 0; i < 4; i++) {
                bytes[length++] = (byte) (value >>> (8 * i));
            }
        }

        void fixed64(long value) {
            ensure(8);
            for (int i = 0; i < 8; i++) {
                bytes[length++] = (byte) (value >>> (8 * i));
            }
        }

        void string(int number, String value) {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            tag(number, 2);
            varint(utf8.length);
            append(utf8, 0, utf8.length);
        }

        void lengthDelimited(Wire nested) {
            varint(nested.length);
            append(nested.bytes, 0, nested.length);
        }

        void secondsAndNanos(long seconds, int nanos) {
            if (seconds != 0) {
                tag(1, 0);
                varint(seconds);
            }
            if (nanos != 0) {
                tag(2, 0);
                varint(nanos);
            }
        }
    }
}
