package ai.sentiric.events;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Duration;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Durations;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Renders a message as protobuf JSON byte for byte as {@code JsonFormat.printer()
 * .omittingInsignificantWhitespace()} does, but from the message's binary encoding instead of
 * through reflection: the generated code serializes, and this walks the wire bytes with the
 * descriptors, copying strings as the UTF-8 they already are. Events are rendered on every call's
 * path, and JsonFormat, which reads each field through reflection and escapes every string with a
 * new gson writer, was 7 % of sip-signaling's CPU per call.
 *
 * <p>Covers every field type and, of the well-known types, {@code Timestamp} and {@code Duration};
 * a message that holds one of the others (Any, Struct, the wrappers, FieldMask) or whose bytes are
 * not in the canonical order generated code writes (each field once, by number) is rendered by
 * JsonFormat instead, so the output never differs.
 */
final class WireJsonPrinter {

    /** Well-known types JsonFormat prints its own way and this class leaves to it. */
    private static final Set<String> SPECIAL = Set.of("google.protobuf.Any", "google.protobuf.Struct",
            "google.protobuf.Value", "google.protobuf.ListValue", "google.protobuf.FieldMask",
            "google.protobuf.BoolValue", "google.protobuf.Int32Value", "google.protobuf.UInt32Value",
            "google.protobuf.Int64Value", "google.protobuf.UInt64Value", "google.protobuf.StringValue",
            "google.protobuf.BytesValue", "google.protobuf.FloatValue", "google.protobuf.DoubleValue");
    private static final String TIMESTAMP = Timestamp.getDescriptor().getFullName();
    private static final String DURATION = Duration.getDescriptor().getFullName();
    private static final Map<Descriptor, Shape> SHAPES = new ConcurrentHashMap<>();
    private static final Map<Descriptor, Boolean> COVERED = new ConcurrentHashMap<>();
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private WireJsonPrinter() {
    }

    /** The JSON of {@code message}, or null when it is one this class leaves to JsonFormat. */
    static byte @Nullable [] print(Message message) {
        Shape shape = shape(message.getDescriptorForType());
        if (shape == null) {
            return null;
        }
        byte[] wire = message.toByteArray();
        Writer out = new Writer(wire.length * 2 + 64);
        try {
            writeMessage(shape, new Reader(wire, 0, wire.length), out);
        } catch (NotCanonical e) {
            return null;
        }
        return out.toByteArray();
    }

    // ---- shapes: per message type, its fields by number and their JSON names, built once ----

    /** A message type as the walk needs it; null for one that holds a type left to JsonFormat. */
    private static @Nullable Shape shape(Descriptor type) {
        Shape known = SHAPES.get(type);
        if (known != null) {
            return known;
        }
        return covers(type) ? SHAPES.computeIfAbsent(type, Shape::new) : null;
    }

    /**
     * Whether messages of this type, and every type they hold, are ones this class (and
     * {@link WireJsonParser}) handle: no group and no well-known type with a JSON form of its own
     * but Timestamp and Duration.
     */
    static boolean covers(Descriptor type) {
        Boolean known = COVERED.get(type);
        return known != null ? known : COVERED.computeIfAbsent(type, t -> printable(t, new HashSet<>()));
    }

    private static boolean printable(Descriptor type, Set<Descriptor> seen) {
        if (!seen.add(type)) {
            return true;
        }
        if (SPECIAL.contains(type.getFullName())) {
            return false;
        }
        for (FieldDescriptor field : type.getFields()) {
            switch (field.getType()) {
                case GROUP -> {
                    return false;
                }
                case ENUM -> {
                    if (field.getEnumType().getFullName().equals("google.protobuf.NullValue")) {
                        return false;
                    }
                }
                case MESSAGE -> {
                    if (!printable(field.getMessageType(), seen)) {
                        return false;
                    }
                }
                default -> {
                }
            }
        }
        return true;
    }

    /** A field and its {@code "jsonName":}, rendered once. */
    private record Field(FieldDescriptor descriptor, byte[] name) {
    }

    /** A message type's fields by number: an array up to 1023, a map beyond. */
    private static final class Shape {
        final Field[] byNumber;
        final Map<Integer, Field> sparse;

        Shape(Descriptor type) {
            int dense = 0;
            for (FieldDescriptor field : type.getFields()) {
                if (field.getNumber() < 1024) {
                    dense = Math.max(dense, field.getNumber() + 1);
                }
            }
            byNumber = new Field[dense];
            Map<Integer, Field> far = new HashMap<>();
            for (FieldDescriptor descriptor : type.getFields()) {
                Field field = new Field(descriptor, ("\"" + descriptor.getJsonName() + "\":").getBytes(StandardCharsets.UTF_8));
                if (descriptor.getNumber() < dense) {
                    byNumber[descriptor.getNumber()] = field;
                } else {
                    far.put(descriptor.getNumber(), field);
                }
            }
            sparse = Map.copyOf(far);
        }

        @Nullable Field field(int number) {
            return number < byNumber.length ? byNumber[number] : sparse.get(number);
        }
    }

    // ---- the walk ----

    private static void writeMessage(Shape shape, Reader in, Writer out) {
        out.put('{');
        int last = 0;
        @Nullable FieldDescriptor open = null;
        while (in.more()) {
            int tag = in.varint32();
            int number = tag >>> 3;
            int wireType = tag & 7;
            Field known = shape.field(number);
            if (known == null) {
                in.skip(wireType);
                continue;
            }
            FieldDescriptor field = known.descriptor();
            if (field == open) {
                // Another element of the repeated field being written (or another packed run of it).
                out.put(',');
            } else {
                if (number <= last) {
                    throw NotCanonical.INSTANCE;
                }
                if (open != null) {
                    out.put(open.isMapField() ? '}' : ']');
                    open = null;
                }
                if (last > 0) {
                    out.put(',');
                }
                out.put(known.name());
                if (field.isMapField()) {
                    out.put('{');
                    open = field;
                } else if (field.isRepeated()) {
                    out.put('[');
                    open = field;
                }
                last = number;
            }
            if (field.isMapField()) {
                writeMapEntry(field, in.slice(), out);
            } else if (field.isRepeated() && wireType == 2 && field.getType() != FieldDescriptor.Type.STRING
                    && field.getType() != FieldDescriptor.Type.BYTES && field.getType() != FieldDescriptor.Type.MESSAGE) {
                Reader packed = in.slice();
                boolean firstElement = true;
                while (packed.more()) {
                    if (!firstElement) {
                        out.put(',');
                    }
                    firstElement = false;
                    writeValue(field, wireType(field), packed, out, false);
                }
            } else {
                writeValue(field, wireType, in, out, false);
            }
        }
        if (open != null) {
            out.put(open.isMapField() ? '}' : ']');
        }
        out.put('}');
    }

    private static void writeMapEntry(FieldDescriptor mapField, Reader entry, Writer out) {
        Descriptor type = mapField.getMessageType();
        FieldDescriptor keyField = type.findFieldByNumber(1);
        FieldDescriptor valueField = type.findFieldByNumber(2);
        int keyAt = -1;
        int keyType = 0;
        int valueAt = -1;
        int valueType = 0;
        while (entry.more()) {
            int tag = entry.varint32();
            if (tag >>> 3 == 1) {
                keyAt = entry.position;
                keyType = tag & 7;
            } else if (tag >>> 3 == 2) {
                valueAt = entry.position;
                valueType = tag & 7;
            }
            entry.skip(tag & 7);
        }
        if (keyAt < 0) {
            writeDefault(keyField, out, true);
        } else {
            writeValue(keyField, keyType, entry.at(keyAt), out, true);
        }
        out.put(':');
        if (valueAt < 0) {
            writeDefault(valueField, out, false);
        } else {
            writeValue(valueField, valueType, entry.at(valueAt), out, false);
        }
    }

    /** A map entry's key or value that its bytes left out: the type's default. */
    private static void writeDefault(FieldDescriptor field, Writer out, boolean quoted) {
        switch (field.getJavaType()) {
            case STRING, BYTE_STRING -> out.put("\"\"");
            case BOOLEAN -> out.put(quoted ? "\"false\"" : "false");
            case FLOAT, DOUBLE -> out.put(quoted ? "\"0.0\"" : "0.0");
            case LONG -> out.put("\"0\"");
            case INT -> out.put(quoted ? "\"0\"" : "0");
            case ENUM -> writeEnum(field, 0, out);
            case MESSAGE -> {
                Shape shape = shape(field.getMessageType());
                if (shape == null) {
                    throw NotCanonical.INSTANCE;
                }
                writeMessage(shape, new Reader(new byte[0], 0, 0), out);
            }
        }
    }

    private static void writeValue(FieldDescriptor field, int wireType, Reader in, Writer out, boolean quoted) {
        if (wireType != wireType(field)) {
            throw NotCanonical.INSTANCE;
        }
        switch (field.getType()) {
            case INT32 -> number(Integer.toString(in.varint32()), out, quoted);
            case SINT32 -> number(Integer.toString(decodeZigZag(in.varint32())), out, quoted);
            case SFIXED32 -> number(Integer.toString(in.fixed32()), out, quoted);
            case UINT32 -> number(Integer.toUnsignedString(in.varint32()), out, quoted);
            case FIXED32 -> number(Integer.toUnsignedString(in.fixed32()), out, quoted);
            case INT64 -> number(Long.toString(in.varint64()), out, true);
            case SINT64 -> number(Long.toString(decodeZigZag(in.varint64())), out, true);
            case SFIXED64 -> number(Long.toString(in.fixed64()), out, true);
            case UINT64 -> number(Long.toUnsignedString(in.varint64()), out, true);
            case FIXED64 -> number(Long.toUnsignedString(in.fixed64()), out, true);
            case BOOL -> number(in.varint64() != 0 ? "true" : "false", out, quoted);
            case FLOAT -> {
                float value = Float.intBitsToFloat(in.fixed32());
                floating(value, Float.toString(value), out, quoted);
            }
            case DOUBLE -> {
                double value = Double.longBitsToDouble(in.fixed64());
                floating(value, Double.toString(value), out, quoted);
            }
            case ENUM -> writeEnum(field, in.varint32(), out);
            case STRING -> {
                int length = in.varint32();
                out.string(in.buffer, in.take(length), length);
            }
            case BYTES -> {
                int length = in.varint32();
                int from = in.take(length);
                out.put('"');
                out.put(Base64.getEncoder().encode(Arrays.copyOfRange(in.buffer, from, from + length)));
                out.put('"');
            }
            case MESSAGE -> writeNested(field.getMessageType(), in.slice(), out);
            case GROUP -> throw NotCanonical.INSTANCE;
        }
    }

    private static void writeNested(Descriptor type, Reader in, Writer out) {
        String name = type.getFullName();
        if (name.equals(TIMESTAMP) || name.equals(DURATION)) {
            String text;
            try {
                ByteBuffer bytes = ByteBuffer.wrap(in.buffer, in.position, in.limit - in.position);
                text = name.equals(TIMESTAMP) ? timestamp(Timestamp.parseFrom(bytes)) : Durations.toString(Duration.parseFrom(bytes));
            } catch (InvalidProtocolBufferException e) {
                throw NotCanonical.INSTANCE;
            }
            out.put('"');
            out.put(text);
            out.put('"');
        } else {
            Shape shape = shape(type);
            if (shape == null) {
                throw NotCanonical.INSTANCE;
            }
            writeMessage(shape, in, out);
        }
    }

    /** RFC 3339 in UTC with 0, 3, 6 or 9 fraction digits, as {@code Timestamps.toString}. */
    static String timestamp(Timestamp value) {
        long seconds = value.getSeconds();
        int nanos = value.getNanos();
        // 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z, as Timestamps.checkValid.
        if (seconds < -62_135_596_800L || seconds > 253_402_300_799L || nanos < 0 || nanos > 999_999_999) {
            throw new IllegalArgumentException("Timestamp is not valid. Seconds (" + seconds + ") and nanos (" + nanos
                    + ") must be in range");
        }
        LocalDateTime time = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        StringBuilder text = new StringBuilder(30);
        pad(text, time.getYear(), 4).append('-');
        pad(text, time.getMonthValue(), 2).append('-');
        pad(text, time.getDayOfMonth(), 2).append('T');
        pad(text, time.getHour(), 2).append(':');
        pad(text, time.getMinute(), 2).append(':');
        pad(text, time.getSecond(), 2);
        if (nanos != 0) {
            text.append('.');
            if (nanos % 1_000_000 == 0) {
                pad(text, nanos / 1_000_000, 3);
            } else if (nanos % 1_000 == 0) {
                pad(text, nanos / 1_000, 6);
            } else {
                pad(text, nanos, 9);
            }
        }
        return text.append('Z').toString();
    }

    private static StringBuilder pad(StringBuilder text, int value, int digits) {
        String number = Integer.toString(value);
        for (int i = number.length(); i < digits; i++) {
            text.append('0');
        }
        return text.append(number);
    }

    private static void writeEnum(FieldDescriptor field, int number, Writer out) {
        EnumValueDescriptor value = field.getEnumType().findValueByNumber(number);
        if (value == null) {
            out.put(Integer.toString(number));
        } else {
            out.put('"');
            out.put(value.getName());
            out.put('"');
        }
    }

    private static void number(String text, Writer out, boolean quoted) {
        if (quoted) {
            out.put('"');
        }
        out.put(text);
        if (quoted) {
            out.put('"');
        }
    }

    /** A float or double: NaN and the infinities quoted, else {@code text}, Java's own rendering. */
    private static void floating(double value, String text, Writer out, boolean quoted) {
        if (Double.isNaN(value)) {
            out.put("\"NaN\"");
        } else if (Double.isInfinite(value)) {
            out.put(value < 0 ? "\"-Infinity\"" : "\"Infinity\"");
        } else {
            number(text, out, quoted);
        }
    }

    private static int wireType(FieldDescriptor field) {
        return switch (field.getType()) {
            case INT32, INT64, UINT32, UINT64, SINT32, SINT64, BOOL, ENUM -> 0;
            case FIXED64, SFIXED64, DOUBLE -> 1;
            case STRING, BYTES, MESSAGE -> 2;
            case GROUP -> 3;
            case FIXED32, SFIXED32, FLOAT -> 5;
        };
    }

    private static int decodeZigZag(int n) {
        return (n >>> 1) ^ -(n & 1);
    }

    private static long decodeZigZag(long n) {
        return (n >>> 1) ^ -(n & 1);
    }

    /** The bytes are not as generated code writes them: JsonFormat renders the message instead. */
    private static final class NotCanonical extends RuntimeException {
        static final NotCanonical INSTANCE = new NotCanonical();

        private NotCanonical() {
            super(null, null, false, false);
        }
    }

    /** Reads the protobuf wire format from a range of an array. */
    private static final class Reader {
        final byte[] buffer;
        int position;
        final int limit;

        Reader(byte[] buffer, int position, int limit) {
            this.buffer = buffer;
            this.position = position;
            this.limit = limit;
        }

        boolean more() {
            return position < limit;
        }

        /** A reader at {@code offset} of the same range. */
        Reader at(int offset) {
            return new Reader(buffer, offset, limit);
        }

        /** The length-delimited value here, as a reader of its own; this one moves past it. */
        Reader slice() {
            int length = varint32();
            int from = take(length);
            return new Reader(buffer, from, from + length);
        }

        /** Moves past {@code length} bytes and returns where they start. */
        int take(int length) {
            int from = position;
            if (length < 0 || length > limit - position) {
                throw NotCanonical.INSTANCE;
            }
            position += length;
            return from;
        }

        int varint32() {
            return (int) varint64();
        }

        long varint64() {
            long result = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (position >= limit) {
                    throw NotCanonical.INSTANCE;
                }
                byte b = buffer[position++];
                result |= (long) (b & 0x7f) << shift;
                if (b >= 0) {
                    return result;
                }
            }
            throw NotCanonical.INSTANCE;
        }

        int fixed32() {
            int from = take(4);
            return (buffer[from] & 0xff) | (buffer[from + 1] & 0xff) << 8 | (buffer[from + 2] & 0xff) << 16
                    | (buffer[from + 3] & 0xff) << 24;
        }

        long fixed64() {
            return (fixed32() & 0xffffffffL) | (long) fixed32() << 32;
        }

        void skip(int wireType) {
            switch (wireType) {
                case 0 -> varint64();
                case 1 -> take(8);
                case 2 -> take(varint32());
                case 5 -> take(4);
                default -> throw NotCanonical.INSTANCE;
            }
        }
    }

    /** A growing UTF-8 buffer. */
    private static final class Writer extends GrowingBytes {

        Writer(int capacity) {
            super(capacity);
        }

        void put(char ascii) {
            ensure(1);
            bytes[length++] = (byte) ascii;
        }

        void put(String ascii) {
            int n = ascii.length();
            ensure(n);
            for (int i = 0; i < n; i++) {
                bytes[length++] = (byte) ascii.charAt(i);
            }
        }

        void put(byte[] raw) {
            append(raw, 0, raw.length);
        }

        /**
         * A JSON string from UTF-8 bytes, escaped as gson's default writer escapes (which
         * JsonFormat uses): quote, backslash, control characters, the HTML-sensitive
         * {@code < > & = '} and the line and paragraph separators U+2028 and U+2029.
         */
        void string(byte[] utf8, int from, int count) {
            ensure(count + 2);
            bytes[length++] = '"';
            int end = from + count;
            for (int i = from; i < end; i++) {
                byte b = utf8[i];
                if (b >= 0) {
                    char c = (char) b;
                    switch (c) {
                        case '"' -> put("\\\"");
                        case '\\' -> put("\\\\");
                        case '\t' -> put("\\t");
                        case '\b' -> put("\\b");
                        case '\n' -> put("\\n");
                        case '\r' -> put("\\r");
                        case '\f' -> put("\\f");
                        case '<', '>', '&', '=', '\'' -> unicode(c);
                        default -> {
                            if (c < 0x20) {
                                unicode(c);
                            } else {
                                ensure(1);
                                bytes[length++] = b;
                            }
                        }
                    }
                } else if (b == (byte) 0xe2 && i + 2 < end && utf8[i + 1] == (byte) 0x80
                        && (utf8[i + 2] == (byte) 0xa8 || utf8[i + 2] == (byte) 0xa9)) {
                    unicode(utf8[i + 2] == (byte) 0xa8 ? '\u2028' : '\u2029');
                    i += 2;
                } else {
                    ensure(1);
                    bytes[length++] = b;
                }
            }
            put('"');
        }

        private void unicode(char c) {
            ensure(6);
            bytes[length++] = '\\';
            bytes[length++] = 'u';
            bytes[length++] = HEX[c >> 12 & 0xf];
            bytes[length++] = HEX[c >> 8 & 0xf];
            bytes[length++] = HEX[c >> 4 & 0xf];
            bytes[length++] = HEX[c & 0xf];
        }
    }
}
