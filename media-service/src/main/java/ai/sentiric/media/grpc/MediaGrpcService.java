package ai.sentiric.media.grpc;

import ai.sentiric.events.EventPublisher;
import ai.sentiric.media.MediaMetrics;
import ai.sentiric.media.MediaProperties;
import ai.sentiric.media.engine.audio.Resampler;
import ai.sentiric.media.engine.playback.AudioClips;
import ai.sentiric.media.engine.playback.Playback;
import ai.sentiric.media.engine.playback.PlaybackResult;
import ai.sentiric.media.engine.session.MediaEngine;
import ai.sentiric.media.engine.session.SessionSpec;
import ai.sentiric.proto.media.v1.*;
import ai.sentiric.support.errors.DomainException;
import ai.sentiric.support.errors.ErrorKind;
import ai.sentiric.support.grpc.NonBlockingRpc;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** The MediaService contract, adapted onto the engine: proto in, engine call, proto out. */
@Service
public class MediaGrpcService extends MediaServiceGrpc.MediaServiceImplBase {

    private static final Logger log = LoggerFactory.getLogger(MediaGrpcService.class);

    private final MediaEngine engine;
    private final AudioClips clips;
    private final MediaProperties properties;
    private final MediaMetrics metrics;
    private final EventPublisher publisher;

    public MediaGrpcService(MediaEngine engine, AudioClips clips, MediaProperties properties, MediaMetrics metrics,
            EventPublisher publisher) {
        this.engine = engine;
        this.clips = clips;
        this.properties = properties;
        this.metrics = metrics;
        this.publisher = publisher;
    }

    /**
     * Binds a socket and, for a recorded call, creates its file: on the transport thread. No new
     * session starts while half the event backlog waits for the broker, so that the reports of the
     * sessions already running find room in it (signalling answers the caller 503).
     */
    @Override
    @NonBlockingRpc
    public void allocatePort(AllocatePortRequest request, StreamObserver<AllocatePortResponse> response) {
        String callId = required(request.getCallId(), "call_id");
        SessionSpec spec = new SessionSpec(callId, request.getTenantId(), remote(request.getRemoteRtpAddr()),
                request.getCodec() == Codec.CODEC_PCMA, request.getTelephoneEventPayloadType(),
                request.getMode() == SessionMode.SESSION_MODE_ECHO);
        if (publisher.backlogHalfFull() && !engine.hasSession(callId)) {
            metrics.refusedBusBehind();
            throw new DomainException(ErrorKind.RESOURCE_EXHAUSTED, publisher.unconfirmed()
                    + " events wait for the broker: no new media session until it confirms them");
        }
        MediaEngine.Allocation allocation;
        try {
            allocation = engine.allocate(spec);
        } catch (MediaEngine.NoPortException e) {
            throw new DomainException(ErrorKind.RESOURCE_EXHAUSTED, e.getMessage());
        }
        if (request.hasRecording() && !allocation.existing()) {
            record(callId, request.getRecording().getStereo());
        }
        reply(response, AllocatePortResponse.newBuilder().setRtpPort(allocation.port())
                .setRtpHost(properties.advertisedAddress()).build());
    }

    /**
     * Ends the session, closes its recording and publishes its reports (a socket write each, the
     * broker's confirm not awaited): on the transport thread. Were the broker to stop reading
     * (flow control), the publish would block there, as it would block every pool thread.
     */
    @Override
    @NonBlockingRpc
    public void releasePort(ReleasePortRequest request, StreamObserver<ReleasePortResponse> response) {
        String callId = required(request.getCallId(), "call_id");
        engine.release(callId).orElseThrow(() -> unknownCall(callId));
        reply(response, ReleasePortResponse.getDefaultInstance());
    }

    @Override
    public void playAudio(PlayAudioRequest request, StreamObserver<PlayAudioResponse> response) {
        String callId = required(request.getCallId(), "call_id");
        short[] samples;
        try {
            engine.requireSession(callId);
            samples = clips.load(required(request.getAudioUri(), "audio_uri"));
        } catch (MediaEngine.UnknownCallException e) {
            throw unknownCall(callId);
        } catch (AudioClips.BadAudioException e) {
            throw DomainException.invalid(e.getMessage());
        }
        whenPlayed(play(callId, Playback.of(samples)), result -> PlayAudioResponse.newBuilder()
                .setResult(result(result)).setPlayedMs((int) result.playedMillis()).build(), response);
    }

    @Override
    public StreamObserver<PlayStreamRequest> playStream(StreamObserver<PlayStreamResponse> response) {
        return new StreamObserver<>() {
            private final Resampler downsampler = Resampler.downsampler16kTo8k();
            private @Nullable Playback playback;

            @Override
            public void onNext(PlayStreamRequest chunk) {
                try {
                    if (playback == null) {
                        Playback started = Playback.stream();
                        whenPlayed(play(required(chunk.getCallId(), "call_id"), started), result -> PlayStreamResponse.newBuilder()
                                .setResult(result(result)).setPlayedMs((int) result.playedMillis()).build(), response);
                        playback = started;
                    }
                    playback.append(AudioClips.pcm(chunk.getPcm().toByteArray(),
                            chunk.getSampleRateHz() == 0 ? 16000 : chunk.getSampleRateHz(), downsampler));
                } catch (AudioClips.BadAudioException e) {
                    fail(Status.INVALID_ARGUMENT.withDescription(e.getMessage()));
                } catch (DomainException e) {
                    fail(Status.fromCode(e.kind().grpc()).withDescription(e.getMessage()));
                }
            }

            @Override
            public void onError(Throwable t) {
                if (playback != null) {
                    playback.interrupt();
                }
            }

            @Override
            public void onCompleted() {
                if (playback == null) {
                    fail(Status.INVALID_ARGUMENT.withDescription("the stream carried no audio"));
                } else {
                    playback.close();
                }
            }

            private void fail(Status status) {
                if (playback != null) {
                    playback.result().cancel(false);
                    playback.interrupt();
                }
                response.onError(status.asRuntimeException());
            }
        };
    }

    @Override
    public void stopAudio(StopAudioRequest request, StreamObserver<StopAudioResponse> response) {
        String callId = required(request.getCallId(), "call_id");
        try {
            reply(response, StopAudioResponse.newBuilder().setFlushedMs((int) engine.stopAudio(callId)).build());
        } catch (MediaEngine.UnknownCallException e) {
            throw unknownCall(callId);
        }
    }

    @Override
    public void streamAudio(StreamAudioRequest request, StreamObserver<StreamAudioResponse> response) {
        String callId = required(request.getCallId(), "call_id");
        var observer = (ServerCallStreamObserver<StreamAudioResponse>) response;
        var subscriber = new StreamAudioSubscriber(observer, metrics);
        try {
            AutoCloseable subscription = engine.subscribe(callId, subscriber);
            observer.setOnCancelHandler(() -> {
                try {
                    subscription.close();
                } catch (Exception ignored) {
                    // Unsubscribing only removes a list entry.
                }
            });
        } catch (MediaEngine.UnknownCallException e) {
            throw unknownCall(callId);
        }
    }

    @Override
    public void startRecording(StartRecordingRequest request, StreamObserver<StartRecordingResponse> response) {
        String callId = required(request.getCallId(), "call_id");
        try {
            engine.startRecording(callId, request.getStereo());
        } catch (MediaEngine.UnknownCallException e) {
            throw unknownCall(callId);
        } catch (UncheckedIOException e) {
            throw new DomainException(ErrorKind.UNAVAILABLE, e.getMessage());
        }
        reply(response, StartRecordingResponse.getDefaultInstance());
    }

    @Override
    public void stopRecording(StopRecordingRequest request, StreamObserver<StopRecordingResponse> response) {
        String callId = required(request.getCallId(), "call_id");
        try {
            var recording = engine.stopRecording(callId)
                    .orElseThrow(() -> new DomainException(ErrorKind.FAILED_PRECONDITION, "call " + callId + " is not recording"));
            reply(response, StopRecordingResponse.newBuilder().setRecordingUri(recording.file().toUri().toString()).build());
        } catch (MediaEngine.UnknownCallException e) {
            throw unknownCall(callId);
        } catch (IOException e) {
            throw new DomainException(ErrorKind.UNAVAILABLE, "recording not written: " + e.getMessage());
        }
    }

    /** The recording asked for with the allocation: a failure costs the recording, not the call. */
    private void record(String callId, boolean stereo) {
        try {
            engine.startRecording(callId, stereo);
        } catch (MediaEngine.UnknownCallException e) {
            // Released already (a CANCEL overtook the allocation): nothing to record.
        } catch (UncheckedIOException e) {
            log.warn("call {} not recorded: {}", callId, e.getMessage());
        }
    }

    private CompletableFuture<PlaybackResult> play(String callId, Playback playback) {
        try {
            return engine.play(callId, playback);
        } catch (MediaEngine.UnknownCallException e) {
            throw unknownCall(callId);
        }
    }

    private static <T> void whenPlayed(CompletableFuture<PlaybackResult> played,
                                       Function<PlaybackResult, T> toProto, StreamObserver<T> response) {
        played.whenComplete((result, failure) -> {
            if (result != null) {
                reply(response, toProto.apply(result));
            }
        });
    }

    private static DomainException unknownCall(String callId) {
        return DomainException.notFound("media session of call", callId);
    }

    private static ai.sentiric.proto.media.v1.PlaybackResult result(PlaybackResult result) {
        return result.finished() ? ai.sentiric.proto.media.v1.PlaybackResult.PLAYBACK_RESULT_FINISHED
                : ai.sentiric.proto.media.v1.PlaybackResult.PLAYBACK_RESULT_INTERRUPTED;
    }

    private static @Nullable InetSocketAddress remote(String address) {
        if (address.isBlank()) {
            return null;
        }
        int colon = address.lastIndexOf(':');
        try {
            return new InetSocketAddress(address.substring(0, colon).replace("[", "").replace("]", ""),
                    Integer.parseInt(address.substring(colon + 1)));
        } catch (RuntimeException e) {
            throw DomainException.invalid("remote_rtp_addr '" + address + "' is not host:port");
        }
    }

    private static String required(String value, String field) {
        if (value.isBlank()) {
            throw DomainException.invalid(field + " is required");
        }
        return value;
    }

    private static <T> void reply(StreamObserver<T> response, T message) {
        response.onNext(message);
        response.onCompleted();
    }
}
