package ai.sentiric.media.grpc;

import ai.sentiric.media.MediaMetrics;
import ai.sentiric.media.engine.session.AudioSubscriber;
import ai.sentiric.proto.media.v1.StreamAudioResponse;
import com.google.protobuf.ByteString;
import io.grpc.stub.ServerCallStreamObserver;

/**
 * One {@code StreamAudio} call as an engine subscriber. The engine's clock must never wait for a
 * slow client, so a frame the transport is not ready for is dropped (and counted); DTMF digits
 * are always sent. Synchronized because the stream observer is not thread-safe and the session
 * may end from another thread than its clock.
 */
final class StreamAudioSubscriber implements AudioSubscriber {

    private final ServerCallStreamObserver<StreamAudioResponse> observer;
    private final MediaMetrics metrics;
    private boolean done;

    StreamAudioSubscriber(ServerCallStreamObserver<StreamAudioResponse> observer, MediaMetrics metrics) {
        this.observer = observer;
        this.metrics = metrics;
    }

    @Override
    public synchronized void frame(byte[] pcm16k, boolean voiceActive, long sequence) {
        if (done || observer.isCancelled()) {
            return;
        }
        if (!observer.isReady()) {
            metrics.streamFrameDropped();
            return;
        }
        observer.onNext(StreamAudioResponse.newBuilder().setPcm(ByteString.copyFrom(pcm16k))
                .setVoiceActive(voiceActive).setSequence(sequence).build());
    }

    @Override
    public synchronized void dtmf(char digit, long sequence) {
        if (!done && !observer.isCancelled()) {
            observer.onNext(StreamAudioResponse.newBuilder().setDtmfDigit(String.valueOf(digit)).setSequence(sequence).build());
        }
    }

    @Override
    public synchronized void ended() {
        if (!done) {
            done = true;
            if (!observer.isCancelled()) {
                observer.onCompleted();
            }
        }
    }
}
