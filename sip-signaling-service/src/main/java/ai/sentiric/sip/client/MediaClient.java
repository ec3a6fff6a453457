package ai.sentiric.sip.client;

import ai.sentiric.proto.media.v1.AllocatePortRequest;
import ai.sentiric.proto.media.v1.AllocatePortResponse;
import ai.sentiric.proto.media.v1.Codec;
import ai.sentiric.proto.media.v1.MediaServiceGrpc;
import ai.sentiric.proto.media.v1.RecordingOptions;
import ai.sentiric.proto.media.v1.ReleasePortRequest;
import ai.sentiric.proto.media.v1.ReleasePortResponse;
import ai.sentiric.proto.media.v1.SessionMode;
import ai.sentiric.sip.SipProperties;
import ai.sentiric.sip.sdp.SdpNegotiation;
import ai.sentiric.support.warmup.WarmUp;
import ai.sentiric.support.warmup.WarmUpCall;
import io.grpc.Status;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.stereotype.Component;

/** media-service: an RTP session per call, released whatever way the call ends. */
@Component
public class MediaClient implements WarmUp {

    private static final Logger log = LoggerFactory.getLogger(MediaClient.class);

    /** Releases are retried this often when media-service is slow or unreachable. */
    private static final int RELEASE_ATTEMPTS = 3;
    private static final long RELEASE_BACKOFF_MILLIS = 250;

    private final GrpcChannelFactory channels;
    private final MediaServiceGrpc.MediaServiceStub media;
    private final long deadlineMillis;

    public MediaClient(GrpcChannelFactory channels, SipProperties properties) {
        this.channels = channels;
        this.media = MediaServiceGrpc.newStub(channels.createChannel("media-service")).withExecutor(Runnable::run);
        this.deadlineMillis = properties.rpcDeadline().toMillis();
    }

    /**
     * Opens the call's media session; {@code record}: recorded from its start (a mono mix), in the
     * same round trip. media-service treats a recording that cannot start as costing the
     * recording, not the call. Completes on the transport thread that read the reply.
     */
    public CompletableFuture<AllocatePortResponse> allocate(String callId, String tenantId, SdpNegotiation.Agreed agreed, boolean echo, boolean record) {
        AllocatePortRequest.Builder request = AllocatePortRequest.newBuilder()
                .setCallId(callId).setTenantId(tenantId)
                .setMode(echo ? SessionMode.SESSION_MODE_ECHO : SessionMode.SESSION_MODE_NORMAL)
                .setRemoteRtpAddr(agreed.remoteHost() + ":" + agreed.remotePort())
                .setCodec(agreed.alaw() ? Codec.CODEC_PCMA : Codec.CODEC_PCMU)
                .setTelephoneEventPayloadType(agreed.telephoneEventPayloadType());
        if (record) {
            request.setRecording(RecordingOptions.getDefaultInstance());
        }
        return Reply.start(reply -> stub().allocatePort(request.build(), reply));
    }

    /**
     * Releases the call's port, trying again while media-service is slow or unreachable: a session
     * left behind keeps sending RTP to a caller who hung up, and under load such leftovers are what
     * turns a busy media-service into an overloaded one. A session media already ended (inactivity)
     * is not an error; when every attempt fails, media's inactivity timeout reclaims the port. The
     * future completes once the port is released or given up on, never exceptionally.
     */
    public CompletableFuture<Void> release(String callId) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        release(ReleasePortRequest.newBuilder().setCallId(callId).build(), 1, done);
        return done;
    }

    private void release(ReleasePortRequest request, int attempt, CompletableFuture<Void> done) {
        Reply.<ReleasePortResponse>start(reply -> stub().releasePort(request, reply)).whenComplete((released, failure) -> {
            Status status = failure == null ? Status.OK : Status.fromThrowable(failure);
            Status.Code code = status.getCode();
            boolean retryable = code == Status.Code.DEADLINE_EXCEEDED || code == Status.Code.UNAVAILABLE
                    || code == Status.Code.RESOURCE_EXHAUSTED;
            if (code == Status.Code.OK || code == Status.Code.NOT_FOUND) {
                done.complete(null);
            } else if (!retryable || attempt == RELEASE_ATTEMPTS) {
                log.warn("RTP port of call {} not released after {} attempt(s): {}", request.getCallId(), attempt, status);
                done.complete(null);
            } else {
                // The backoff gives an overloaded media-service room.
                CompletableFuture.delayedExecutor(RELEASE_BACKOFF_MILLIS * attempt, TimeUnit.MILLISECONDS)
                        .execute(() -> release(request, attempt + 1, done));
            }
        });
    }

    /**
     * An AllocatePort that media-service refuses (it names no call): loads the call path on both
     * sides and allocates nothing (see {@link WarmUpCall}).
     */
    @Override
    public void warmUp() {
        WarmUpCall.to(channels, "media-service", channel -> MediaServiceGrpc.newBlockingStub(channel)
                .allocatePort(AllocatePortRequest.getDefaultInstance()));
    }

    /** Whether an AllocatePort that failed this way may still have created a session. */
    public static boolean mayHaveAllocated(Status failure) {
        Status.Code code = failure.getCode();
        return code == Status.Code.DEADLINE_EXCEEDED || code == Status.Code.CANCELLED || code == Status.Code.UNKNOWN
                || code == Status.Code.INTERNAL;
    }

    private MediaServiceGrpc.MediaServiceStub stub() {
        return media.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS);
    }
}
