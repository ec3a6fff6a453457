package ai.sentiric.sip.call;

import ai.sentiric.events.EventPublisher;
import ai.sentiric.proto.dialplan.v1.ResolveDialplanResponse;
import ai.sentiric.proto.event.v1.CallAnswered;
import ai.sentiric.proto.event.v1.CallDirection;
import ai.sentiric.proto.event.v1.CallEnded;
import ai.sentiric.proto.event.v1.CallStarted;
import ai.sentiric.proto.event.v1.EventEnvelope;
import ai.sentiric.proto.event.v1.MediaInfo;
import ai.sentiric.sip.sdp.SdpNegotiation;
import com.google.protobuf.Timestamp;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Announces a call's life: {@code call.started} when it is accepted, {@code call.answered} on
 * the ACK (or a BYE before it), {@code call.ended} on every way it ends. Asynchronous with
 * publisher confirms: the SIP path never waits for the broker, and a failed publish is logged
 * with the call id.
 */
@Component
class CallAnnouncer {

    private static final Logger log = LoggerFactory.getLogger(CallAnnouncer.class);

    private final EventPublisher publisher;

    CallAnnouncer(EventPublisher publisher) {
        this.publisher = publisher;
    }

    /**
     * Whether the broker is so far behind that a new call's events might not find room among those
     * waiting for it (half the publisher's backlog waits): a call that cannot be recorded is not
     * taken (its INVITE gets 503).
     */
    boolean brokerBehind() {
        return publisher.backlogHalfFull();
    }

    void started(Call call, String trunkName, ResolveDialplanResponse resolution, SdpNegotiation.Agreed media, int rtpPort) {
        publish(call, EventEnvelope.newBuilder().setCallStarted(CallStarted.newBuilder()
                .setFromUri(call.invite.fromUri())
                .setToUri(call.invite.toUri())
                .setCallerNumber(call.invite.fromUser())
                .setCalleeNumber(call.invite.requestUser())
                .setDirection(CallDirection.CALL_DIRECTION_INBOUND)
                .setTrunkName(trunkName)
                .setDialplanResolution(resolution)
                .setMediaInfo(MediaInfo.newBuilder()
                        .setCallerRtpAddr(media.remoteHost() + ":" + media.remotePort())
                        .setServerRtpPort(rtpPort)
                        .setCodec(media.codecName()))), call.arrivedAt);
    }

    /** {@code call.answered} at {@code at}: the ACK's arrival, or our 200's when a BYE came before any ACK. */
    void answered(Call call, Instant at) {
        publish(call, EventEnvelope.newBuilder().setCallAnswered(CallAnswered.getDefaultInstance()), at);
    }

    void ended(Call call, Ending ending) {
        publish(call, EventEnvelope.newBuilder().setCallEnded(CallEnded.newBuilder()
                .setReason(ending.reason())
                .setSipCode(ending.sipCode())
                .setSipReason(ending.sipReason())
                .setHangupSource(ending.source())
                .setDisposition(ending.disposition())), Instant.now());
    }

    private void publish(Call call, EventEnvelope.Builder event, Instant at) {
        event.setCallId(call.callId).setTenantId(call.tenantId() == null ? "" : call.tenantId())
                .setTimestamp(Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()));
        // The callback waits for the broker's confirm, seconds when the broker is behind: it holds
        // the call's id and the event's kind, not the call, whose dialog, transactions and parsed
        // messages would otherwise live as long and be promoted by sip-signaling's collections.
        String callId = call.callId;
        EventEnvelope.PayloadCase kind = event.getPayloadCase();
        publisher.publishAsync(event.build()).whenComplete((published, failure) -> {
            if (failure != null) {
                log.error("{} of call {} not published: {}", kind, callId, failure.toString());
            }
        });
    }
}
