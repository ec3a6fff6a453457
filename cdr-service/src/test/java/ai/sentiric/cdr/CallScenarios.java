package ai.sentiric.cdr;

import ai.sentiric.events.EventTypes;
import ai.sentiric.proto.dialplan.v1.Resolution;
import ai.sentiric.proto.dialplan.v1.ResolveDialplanResponse;
import ai.sentiric.proto.event.v1.*;
import ai.sentiric.proto.user.v1.Contact;
import ai.sentiric.proto.user.v1.User;
import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

/** The events of one realistic call, as the fleet publishes them. */
public final class CallScenarios {

    private CallScenarios() {
    }

    /** An answered call: started, identified, answered, two turns, usage, recording, quality, outcome, ended. */
    public static List<EventEnvelope> answered(String callId, String tenantId, Instant start) {
        List<EventEnvelope> events = new ArrayList<>();
        events.add(event(callId, tenantId, start, b -> b.setCallStarted(CallStarted.newBuilder()
                .setFromUri("sip:+905551112233@carrier").setToUri("sip:+902124548590@sentiric")
                .setCallerNumber("+905551112233").setCalleeNumber("+902124548590")
                .setDirection(CallDirection.CALL_DIRECTION_INBOUND).setTrunkName("local-carrier")
                .setDialplanResolution(ResolveDialplanResponse.newBuilder().setDialplanId("DP_DEMO_WELCOME").setTenantId(tenantId)
                        .setResolution(Resolution.RESOLUTION_ACTIVE)
                        .setMatchedUser(User.newBuilder().setId("user-" + tenantId).setTenantId(tenantId))
                        .setMatchedContact(Contact.newBuilder().setId(7)))
                .setMediaInfo(MediaInfo.newBuilder().setServerRtpPort(10002)))));
        events.add(event(callId, tenantId, start.plusMillis(150), b -> b.setUserIdentifiedForCall(
                UserIdentifiedForCall.newBuilder().setUserId("user-" + tenantId).setContactId(7))));
        events.add(event(callId, tenantId, start.plusMillis(400), b -> b.setCallAnswered(CallAnswered.getDefaultInstance())));
        for (int turn = 1; turn <= 2; turn++) {
            int number = turn;
            events.add(event(callId, tenantId, start.plusSeconds(10L * turn), b -> b.setDialogTurnCompleted(DialogTurnCompleted.newBuilder()
                    .setTurnNumber(number).setUserText("question " + number).setAgentText("answer \"" + number + "\"")
                    .addKnowledgeSources("faq.pdf").setSttMs(180).setLlmFirstTokenMs(240).setLlmTotalMs(600)
                    .setTtsFirstAudioMs(90).setResponseMs(520))));
        }
        events.add(event(callId, tenantId, start.plusSeconds(30), b -> b.setCostUsageReported(CostUsageReported.newBuilder()
                .setResourceType(ResourceType.RESOURCE_TYPE_LLM_OUTPUT_TOKEN).setQuantity(1000).setModel("gpt-4o-mini").setServiceName("agent-service"))));
        events.add(event(callId, tenantId, start.plusSeconds(30), b -> b.setCostUsageReported(CostUsageReported.newBuilder()
                .setResourceType(ResourceType.RESOURCE_TYPE_STT_SECOND).setQuantity(42.5).setServiceName("stt-tts-adapters"))));
        events.add(event(callId, tenantId, start.plusSeconds(65), b -> b.setCallEnded(CallEnded.newBuilder()
                .setReason("caller_bye").setSipCode(200).setSipReason("OK").setHangupSource(HangupSource.HANGUP_SOURCE_CALLER)
                .setDisposition(Disposition.DISPOSITION_ANSWERED))));
        events.add(event(callId, tenantId, start.plusSeconds(66), b -> b.setCallRecordingAvailable(CallRecordingAvailable.newBuilder()
                .setRecordingUri("file:///recordings/" + callId + ".wav").setDurationMs(64600).setChannels(2))));
        events.add(event(callId, tenantId, start.plusSeconds(66), b -> b.setMediaQuality(MediaQuality.newBuilder()
                .setPacketsReceived(3230).setPacketsLost(3).setJitterMs(4.2).setMos(4.3).setPacketsSent(3228))));
        events.add(event(callId, tenantId, start.plusSeconds(70), b -> b.setCallOutcomeClassified(CallOutcomeClassified.newBuilder()
                .setOutcomeType("question_answered").setSummary("Asked about opening hours").setConfidence(0.9f))));
        return events;
    }

    /** A call the caller hung up before it was answered. */
    public static List<EventEnvelope> cancelled(String callId, String tenantId, Instant start) {
        return List.of(
                event(callId, tenantId, start, b -> b.setCallStarted(CallStarted.newBuilder().setCallerNumber("+14155550123")
                        .setCalleeNumber("+14155550100").setDirection(CallDirection.CALL_DIRECTION_INBOUND))),
                event(callId, tenantId, start.plusSeconds(4), b -> b.setCallEnded(CallEnded.newBuilder().setReason("cancelled")
                        .setSipCode(487).setSipReason("Request Terminated").setHangupSource(HangupSource.HANGUP_SOURCE_CALLER)
                        .setDisposition(Disposition.DISPOSITION_CANCELLED))));
    }

    public static EventEnvelope event(String callId, String tenantId, Instant at,
                               UnaryOperator<EventEnvelope.Builder> payload) {
        EventEnvelope.Builder builder = EventEnvelope.newBuilder().setEventId(UUID.randomUUID().toString()).setCallId(callId)
                .setTenantId(tenantId).setTraceId("trace-" + callId)
                .setTimestamp(Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()));
        EventEnvelope event = payload.apply(builder).build();
        return event.toBuilder().setEventType(EventTypes.of(event.getPayloadCase()).orElseThrow()).build();
    }

    /** The same events for another call id (fresh event ids too, as a different call's would be). */
    public static List<EventEnvelope> withCallId(List<EventEnvelope> events, String callId) {
        return events.stream().map(e -> e.toBuilder().setCallId(callId).setEventId(UUID.randomUUID().toString()).build()).toList();
    }
}
