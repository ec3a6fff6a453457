package ai.sentiric.bench;

import ai.sentiric.events.EventCodec;
import ai.sentiric.proto.dialplan.v1.ActionType;
import ai.sentiric.proto.dialplan.v1.DialplanAction;
import ai.sentiric.proto.dialplan.v1.ResolveDialplanResponse;
import ai.sentiric.proto.event.v1.CallDirection;
import ai.sentiric.proto.event.v1.CallEnded;
import ai.sentiric.proto.event.v1.CallStarted;
import ai.sentiric.proto.event.v1.Disposition;
import ai.sentiric.proto.event.v1.EventEnvelope;
import ai.sentiric.proto.event.v1.HangupSource;
import ai.sentiric.proto.event.v1.MediaInfo;
import ai.sentiric.proto.event.v1.MediaQuality;
import ai.sentiric.proto.user.v1.Contact;
import ai.sentiric.proto.user.v1.User;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.JsonFormat;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Rendering events as JSON and reading them back, in one process: protobuf's JsonFormat printer
 * and parser (what EventCodec used until 2026-12-04) against {@link EventCodec#encode} and
 * {@link EventCodec#decode}, on the events of one call as sip-signaling and media-service publish
 * them and cdr-service reads them (call.started with the dialplan resolution, call.answered,
 * call.ended, media.quality). Rounds alternate between old and new, so that both see the same
 * machine; reports the median time and heap allocated per event over the rounds.
 *
 * <p>Arguments: rounds (default 15), events per round (default 200,000).
 */
public final class EventJsonBench {

    private static final JsonFormat.Printer JSON_FORMAT = JsonFormat.printer().omittingInsignificantWhitespace();
    private static final JsonFormat.Parser JSON_FORMAT_PARSER = JsonFormat.parser().ignoringUnknownFields();
    /** Where each result goes, so that the compiler cannot leave the work out. */
    static Object last;

    private EventJsonBench() {
    }

    public static void main(String[] args) throws InvalidProtocolBufferException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        List<EventEnvelope> events = callEvents();
        Function<EventEnvelope, Object> jsonFormatPrint = event -> {
            try {
                return JSON_FORMAT.print(event).getBytes(StandardCharsets.UTF_8);
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException(e);
            }
        };
        Function<EventEnvelope, Object> codecPrint = EventCodec::encode;
        List<byte[]> documents = new ArrayList<>();
        for (EventEnvelope event : events) {
            byte[] json = EventCodec.encode(event);
            if (!Arrays.equals((byte[]) jsonFormatPrint.apply(event), json) || !EventCodec.decode(json).equals(event)) {
                throw new IllegalStateException("the two differ on " + event.getPayloadCase());
            }
            documents.add(json);
        }
        Function<byte[], Object> jsonFormatParse = json -> {
            try {
                EventEnvelope.Builder builder = EventEnvelope.newBuilder();
                JSON_FORMAT_PARSER.merge(new String(json, StandardCharsets.UTF_8), builder);
                return builder.build();
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException(e);
            }
        };
        Function<byte[], Object> codecParse = json -> {
            try {
                return EventCodec.decode(json);
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException(e);
            }
        };
        System.out.printf("events of one call (%s), %d rounds of %,d events each, alternated%n",
                events.stream().map(e -> e.getPayloadCase().name().toLowerCase()).toList(), rounds, perRound);
        compare("render", events, perRound, rounds, "JsonFormat printer", jsonFormatPrint, "EventCodec.encode", codecPrint);
        compare("read", documents, perRound, rounds, "JsonFormat parser", jsonFormatParse, "EventCodec.decode", codecParse);
    }

    private static <T> void compare(String what, List<T> inputs, int perRound, int rounds, String oldLabel,
                                    Function<T, Object> old, String newLabel, Function<T, Object> now) {
        // Warm-up: both paths compiled before the first measured round.
        round(old, inputs, perRound);
        round(now, inputs, perRound);
        List<double[]> before = new ArrayList<>();
        List<double[]> after = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            before.add(round(old, inputs, perRound));
            after.add(round(now, inputs, perRound));
        }
        System.out.println(what + ":");
        report(oldLabel, before);
        report(newLabel, after);
    }

    /** One round: {ns per event, bytes allocated per event}. */
    private static <T> double[] round(Function<T, Object> work, List<T> inputs, int count) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocated = threads.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            last = work.apply(inputs.get(i & 3));
        }
        long nanos = System.nanoTime() - start;
        long bytes = threads.getCurrentThreadAllocatedBytes() - allocated;
        return new double[] {(double) nanos / count, (double) bytes / count};
    }

    private static void report(String label, List<double[]> rounds) {
        double[] nanos = rounds.stream().mapToDouble(r -> r[0]).sorted().toArray();
        double[] bytes = rounds.stream().mapToDouble(r -> r[1]).sorted().toArray();
        System.out.printf("  %-20s median %,7.0f ns/event (rounds %,.0f-%,.0f), %,6.0f bytes allocated/event%n",
                label, nanos[nanos.length / 2], nanos[0], nanos[nanos.length - 1], bytes[bytes.length / 2]);
    }

    private static List<EventEnvelope> callEvents() {
        String callId = UUID.randomUUID() + "@10.0.0.1";
        String tenant = "demo";
        Timestamp now = Timestamp.newBuilder().setSeconds(1_796_371_200L).setNanos(123_456_000).build();
        EventEnvelope.Builder envelope = EventEnvelope.newBuilder().setEventId(UUID.randomUUID().toString())
                .setTraceId("4bf92f3577b34da6a3ce929d0e0e4736").setCallId(callId).setTenantId(tenant).setTimestamp(now);
        ResolveDialplanResponse resolution = ResolveDialplanResponse.newBuilder()
                .setDialplanId("dp-demo-assistant").setTenantId(tenant)
                .setAction(DialplanAction.newBuilder().setType(ActionType.ACTION_TYPE_START_AI_CONVERSATION)
                        .putData("bot_id", "demo-assistant").putData("record", "true").putData("welcome", "Merhaba, size nasıl yardımcı olabilirim?"))
                .setMatchedUser(User.newBuilder().setId("u-1").setTenantId(tenant).setName("Ayşe Yılmaz")
                        .addContacts(Contact.newBuilder().setId(7).setUserId("u-1").setContactValue("+905551112233").setIsPrimary(true)))
                .setLanguageCode("tr-TR").setCallerE164("+905551112233")
                .build();
        return List.of(
                envelope.clone().setEventType("call.started").setCallStarted(CallStarted.newBuilder()
                        .setFromUri("sip:05551112233@10.0.0.1").setToUri("sip:902124548592@10.0.0.2")
                        .setCallerNumber("05551112233").setCalleeNumber("902124548592")
                        .setDirection(CallDirection.CALL_DIRECTION_INBOUND).setDialplanResolution(resolution)
                        .setMediaInfo(MediaInfo.newBuilder().setCallerRtpAddr("10.0.0.1:40000").setServerRtpPort(10_002).setCodec("PCMU")))
                        .build(),
                envelope.clone().setEventType("call.answered")
                        .setCallAnswered(ai.sentiric.proto.event.v1.CallAnswered.getDefaultInstance()).build(),
                envelope.clone().setEventType("call.ended").setCallEnded(CallEnded.newBuilder().setReason("caller-hangup")
                        .setSipCode(200).setSipReason("OK").setHangupSource(HangupSource.HANGUP_SOURCE_CALLER)
                        .setDisposition(Disposition.DISPOSITION_ANSWERED)).build(),
                envelope.clone().setEventType("media.quality").setMediaQuality(MediaQuality.newBuilder()
                        .setPacketsReceived(15).setPacketsSent(15).setJitterMs(0.42).setMos(4.38)).build());
    }
}
