package ai.sentiric.sip.client;

import io.grpc.Context;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A unary call's reply as a future: the observer an asynchronous stub completes. With the stubs'
 * direct executor it completes on the transport thread that read the reply, so what depends on it
 * runs there too, without a hand-off to another thread.
 */
final class Reply<T> extends CompletableFuture<T> implements StreamObserver<T> {

    private @Nullable T value;

    /**
     * Starts a call and returns its reply, outside the gRPC context of whatever request set it off.
     * A call made for a SIP call must outlive that request: a TerminateCall's context is cancelled
     * as soon as its handler returns, and with it every call started in it (its ReleasePort failed
     * as CANCELLED and left the RTP port to media's inactivity timeout).
     */
    static <T> Reply<T> start(Consumer<StreamObserver<T>> call) {
        Reply<T> reply = new Reply<>();
        Context.current().fork().run(() -> call.accept(reply));
        return reply;
    }

    @Override
    public void onNext(T reply) {
        value = reply;
    }

    @Override
    public void onError(Throwable failure) {
        completeExceptionally(failure);
    }

    @Override
    public void onCompleted() {
        complete(value);
    }
}
