package ai.sentiric.events;


import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MessageOptions;
import com.google.protobuf.DescriptorProtos.OneofDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Duration;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.JsonFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** Random messages of every event type and of a message with every field type, for comparing with JsonFormat. */
final class RandomMessages {

    private static final List<String> TEXTS = List.of("", "a", "Ayşe Yılmaz", "+902124548592",
            "sip:+905551112233@10.0.0.1:5060;transport=udp", "quote \" backslash \\ slash /",
            "<script>alert('x')</script> a=b&c", "tab\tnewline\nreturn\rformfeed\fbackspace\b",
            "\u0000\u0001\u001f\u007f", "line\u2028paragraph\u2029", "emoji \uD83D\uDCDE call",
            "日本語のテキスト", "ends with \\");

    private RandomMessages() {
    }

    /** Sets about two thirds of the fields, nested messages down to three levels. */
    static void fill(Message.Builder builder, Random random) {
        fill(builder, random, 0);
    }

    private static void fill(Message.Builder builder, Random random, int depth) {
        for (FieldDescriptor field : builder.getDescriptorForType().getFields()) {
            if (random.nextInt(3) == 0) {
                continue;
            }
            if (field.isMapField()) {
                // Distinct keys, as a map holds them (generated messages would drop a repeated key
                // from the wire but not from what reflection lists).
                Set<Object> keys = new HashSet<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    Message.Builder entry = builder.newBuilderForField(field);
                    for (FieldDescriptor part : entry.getDescriptorForType().getFields()) {
                        if (random.nextInt(5) > 0) {
                            entry.setField(part, value(entry, part, random, depth + 1));
                        }
                    }
                    Message built = entry.build();
                    if (keys.add(built.getField(built.getDescriptorForType().findFieldByNumber(1)))) {
                        builder.addRepeatedField(field, built);
                    }
                }
            } else if (field.isRepeated()) {
                for (int i = random.nextInt(4); i > 0; i--) {
                    builder.addRepeatedField(field, value(builder, field, random, depth + 1));
                }
            } else {
                builder.setField(field, value(builder, field, random, depth + 1));
            }
        }
    }

    private static Object value(Message.Builder builder, FieldDescriptor field, Random random, int depth) {
        return switch (field.getJavaType()) {
            case INT -> pick(random, 0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, random.nextInt(), random.nextInt(300));
            case LONG -> pick(random, 0L, 1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, random.nextLong(), (long) random.nextInt(300));
            case FLOAT -> pick(random, 0f, -0f, 1.5f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
                    random.nextFloat() * 1e6f, 1e-10f, Float.MAX_VALUE);
            case DOUBLE -> pick(random, 0d, -0d, 4.25d, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                    random.nextDouble() * 1e9, 1e-300, Double.MAX_VALUE, 12345678.9);
            case BOOLEAN -> random.nextBoolean();
            case STRING -> TEXTS.get(random.nextInt(TEXTS.size()));
            case BYTE_STRING -> {
                byte[] bytes = new byte[random.nextInt(12)];
                random.nextBytes(bytes);
                yield ByteString.copyFrom(bytes);
            }
            case ENUM -> {
                List<EnumValueDescriptor> values = field.getEnumType().getValues();
                yield random.nextInt(8) == 0 ? field.getEnumType().findValueByNumberCreatingIfUnknown(77)
                        : values.get(random.nextInt(values.size()));
            }
            case MESSAGE -> message(builder, field, random, depth);
        };
    }

    private static Message message(Message.Builder builder, FieldDescriptor field, Random random, int depth) {
        String type = field.getMessageType().getFullName();
        if (type.equals("google.protobuf.Timestamp")) {
            long seconds = pick(random, 0L, -62_135_596_800L, 253_402_300_799L, 1_796_000_000L + random.nextInt(1_000_000));
            int nanos = pick(random, 0, 1, 999_999_999, 123_000_000, 456_000, random.nextInt(1_000_000_000));
            return Timestamp.newBuilder().setSeconds(seconds).setNanos(nanos).build();
        }
        if (type.equals("google.protobuf.Duration")) {
            long seconds = pick(random, 0L, 1L, -5L, 315_576_000_000L, (long) random.nextInt(100_000));
            int nanos = seconds < 0 ? -pick(random, 0, 5_000_000) : pick(random, 0, 1, 500_000_000, 999_999_999);
            return Duration.newBuilder().setSeconds(seconds).setNanos(nanos).build();
        }
        Message.Builder nested = builder.newBuilderForField(field);
        if (depth < 3) {
            fill(nested, random, depth);
        }
        return nested.build();
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... values) {
        return values[random.nextInt(values.length)];
    }

    /**
     * A proto3 message with a field of every type (bytes only when asked), repeated and single,
     * maps, a oneof and an optional.
     */
    static Descriptor allTypes(boolean withBytes) throws DescriptorValidationException {
        DescriptorProto.Builder all = DescriptorProto.newBuilder().setName("AllTypes");
        int number = 1;
        for (Type type : List.of(Type.TYPE_INT32, Type.TYPE_SINT32, Type.TYPE_SFIXED32, Type.TYPE_UINT32, Type.TYPE_FIXED32,
                Type.TYPE_INT64, Type.TYPE_SINT64, Type.TYPE_SFIXED64, Type.TYPE_UINT64, Type.TYPE_FIXED64, Type.TYPE_BOOL,
                Type.TYPE_FLOAT, Type.TYPE_DOUBLE, Type.TYPE_STRING, Type.TYPE_BYTES)) {
            if (type == Type.TYPE_BYTES && !withBytes) {
                continue;
            }
            String name = type.name().substring(5).toLowerCase();
            all.addField(field("single_" + name, number++, type, null));
            all.addField(field("many_" + name, number++, type, null).setLabel(Label.LABEL_REPEATED));
        }
        all.addField(field("single_color", number++, Type.TYPE_ENUM, ".test.Color"));
        all.addField(field("many_color", number++, Type.TYPE_ENUM, ".test.Color").setLabel(Label.LABEL_REPEATED));
        all.addField(field("single_inner", number++, Type.TYPE_MESSAGE, ".test.Inner"));
        all.addField(field("many_inner", number++, Type.TYPE_MESSAGE, ".test.Inner").setLabel(Label.LABEL_REPEATED));
        all.addField(field("at", number++, Type.TYPE_MESSAGE, ".google.protobuf.Timestamp"));
        all.addField(field("ats", number++, Type.TYPE_MESSAGE, ".google.protobuf.Timestamp").setLabel(Label.LABEL_REPEATED));
        all.addField(field("took", number++, Type.TYPE_MESSAGE, ".google.protobuf.Duration"));
        all.addOneofDecl(OneofDescriptorProto.newBuilder().setName("choice"));
        all.addField(field("choice_text", number++, Type.TYPE_STRING, null).setOneofIndex(0));
        all.addField(field("choice_inner", number++, Type.TYPE_MESSAGE, ".test.Inner").setOneofIndex(0));
        all.addOneofDecl(OneofDescriptorProto.newBuilder().setName("_maybe"));
        all.addField(field("maybe", number++, Type.TYPE_INT32, null).setOneofIndex(1).setProto3Optional(true));
        number = map(all, "by_name", number, Type.TYPE_STRING, Type.TYPE_INT32, null);
        number = map(all, "by_id", number, Type.TYPE_INT64, Type.TYPE_MESSAGE, ".test.Inner");
        number = map(all, "by_flag", number, Type.TYPE_BOOL, Type.TYPE_ENUM, ".test.Color");
        number = map(all, "by_port", number, Type.TYPE_UINT32, Type.TYPE_STRING, null);
        map(all, "when", number, Type.TYPE_SINT32, Type.TYPE_MESSAGE, ".google.protobuf.Timestamp");
        all.addField(field("far_away", 2_000_000, Type.TYPE_STRING, null));
        DescriptorProto inner = DescriptorProto.newBuilder().setName("Inner")
                .addField(field("text", 1, Type.TYPE_STRING, null))
                .addField(field("count", 2, Type.TYPE_UINT64, null))
                .addField(field("child", 3, Type.TYPE_MESSAGE, ".test.Inner"))
                .build();
        EnumDescriptorProto color = EnumDescriptorProto.newBuilder().setName("Color")
                .addValue(EnumValueDescriptorProto.newBuilder().setName("COLOR_UNSPECIFIED").setNumber(0))
                .addValue(EnumValueDescriptorProto.newBuilder().setName("COLOR_RED").setNumber(1))
                .addValue(EnumValueDescriptorProto.newBuilder().setName("COLOR_GREEN").setNumber(2))
                .build();
        FileDescriptorProto file = FileDescriptorProto.newBuilder().setName("all_types.proto").setPackage("test")
                .setSyntax("proto3").addDependency("google/protobuf/timestamp.proto")
                .addDependency("google/protobuf/duration.proto")
                .addMessageType(all).addMessageType(inner).addEnumType(color).build();
        return FileDescriptor.buildFrom(file, new FileDescriptor[] {Timestamp.getDescriptor().getFile(),
                Duration.getDescriptor().getFile()}).findMessageTypeByName("AllTypes");
    }

    private static int map(DescriptorProto.Builder message, String name, int number, Type key, Type value, String valueType) {
        String entry = Character.toUpperCase(name.charAt(0)) + name.substring(1).replace("_", "") + "Entry";
        message.addNestedType(DescriptorProto.newBuilder().setName(entry)
                .setOptions(MessageOptions.newBuilder().setMapEntry(true))
                .addField(field("key", 1, key, null))
                .addField(field("value", 2, value, valueType)));
        message.addField(field(name, number, Type.TYPE_MESSAGE, ".test.AllTypes." + entry).setLabel(Label.LABEL_REPEATED));
        return number + 1;
    }

    private static FieldDescriptorProto.Builder field(String name, int number, Type type, String typeName) {
        FieldDescriptorProto.Builder field = FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(type)
                .setLabel(Label.LABEL_OPTIONAL);
        return typeName == null ? field : field.setTypeName(typeName);
    }
}
