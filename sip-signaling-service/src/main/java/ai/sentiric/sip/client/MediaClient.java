package ai.sentiric.sip.client;

import ai.sentiric.proto.media.v1.AllocatePortRequest;
import ai.sentiric.proto.media.v1.AllocatePortResponse;
import ai.sentiric.proto.media.v1.Codec;
import ai.sentiric.proto.media.v1.MediaServiceGrpc;
import ai.sentiric.proto.media.v1.ReleasePortRequest;
import ai.sentiric.proto.media.v1.SessionMode;
import ai.sentiric.proto.media.v1.StartRecordingRequest;
import ai.sentiric.sip.SipProperties;
import ai.sentiric.sip.sdp.SdpNegotiation;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.stereotype.Component;

/** media-service: an RTP session per call, released whatever way the call ends. */
@Component
public class MediaClient {

    private static final Logger log = LoggerFactory.getLogger(MediaClient.class);

    private final MediaServiceGrpc.MediaServiceBlockingStub media;
    private final long deadlineMillis;

    public MediaClient(GrpcChannelFactory channels, SipProperties properties) {
        this.media = MediaServiceGrpc.newBlockingStub(channels.createChannel("media-service"));
        this.deadlineMillis = properties.rpcDeadline().toMillis();
    }

    public AllocatePortResponse allocate(String callId, String tenantId, SdpNegotiation.Agreed agreed, boolean echo) {
        return stub().allocatePort(AllocatePortRequest.newBuilder()
                .setCallId(callId).setTenantId(tenantId)
                .setMode(echo ? SessionMode.SESSION_MODE_ECHO : SessionMode.SESSION_MODE_NORMAL)
                .setRemoteRtpAddr(agreed.remoteHost() + ":" + agreed.remotePort())
                .setCodec(agreed.alaw() ? Codec.CODEC_PCMA : Codec.CODEC_PCMU)
                .setTelephoneEventPayloadType(agreed.telephoneEventPayloadType())
                .build());
    }

    /** Records the call (a mono mix) until its session ends; a failure costs the recording, not the call. */
    public void startRecording(String callId) {
        try {
            stub().startRecording(StartRecordingRequest.newBuilder().setCallId(callId).build());
        } catch (StatusRuntimeException e) {
            log.warn("call {} not recorded: {}", callId, e.getStatus());
        }
    }

    /**
     * Releases the call's port; a session media already ended (inactivity) is not an error, and
     * when media cannot be reached its inactivity timeout reclaims the port.
     */
    public void release(String callId) {
        try {
            stub().releasePort(ReleasePortRequest.newBuilder().setCallId(callId).build());
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() != Status.Code.NOT_FOUND) {
                log.warn("RTP port of call {} not released: {}", callId, e.getStatus());
            }
        }
    }

    private MediaServiceGrpc.MediaServiceBlockingStub stub() {
        return media.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS);
    }
}
