package ai.sentiric.sip.client;

import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * A unary call's reply as a future: the observer an asynchronous stub completes. With the stubs'
 * direct executor it completes on the transport thread that read the reply, so what depends on it
 * runs there too, without a hand-off to another thread.
 */
final class Reply<T> extends CompletableFuture<T> implements StreamObserver<T> {

    private @Nullable T value;

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
