package ai.sentiric.support.warmup;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.springframework.grpc.client.GrpcChannelFactory;

/**
 * One harmless request to a peer (one it refuses, or a read that finds nothing) that loads the
 * gRPC call path on both sides before the first real call needs it. It goes on a channel of its
 * own that waits until the peer is up: the calls' own channel must not try early, since a failed
 * connect puts a channel into reconnect backoff and its calls would fail fast for seconds after
 * the peer came up.
 */
public final class WarmUpCall {

    /** How long the call waits for the peer to come up. */
    private static final Duration WAIT = Duration.ofMinutes(1);

    private WarmUpCall() {
    }

    /** Makes {@code call} on a new channel to {@code target}, waiting up to a minute for it; refusals are expected. */
    public static void to(GrpcChannelFactory channels, String target, Consumer<Channel> call) {
        ManagedChannel channel = channels.createChannel(target);
        try {
            call.accept(ClientInterceptors.intercept(channel, new ClientInterceptor() {
                @Override
                public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
                    return next.newCall(method, options.withWaitForReady().withDeadlineAfter(WAIT.toMillis(), TimeUnit.MILLISECONDS));
                }
            }));
        } catch (StatusRuntimeException expected) {
            // Refused, as meant; or the peer did not come up in time, and the first real call finds out.
        } finally {
            channel.shutdownNow();
        }
    }
}
