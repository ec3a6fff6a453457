package ai.sentiric.support.tracing;

import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.util.function.Supplier;
import org.slf4j.MDC;

/**
 * Takes the caller's {@code x-trace-id} (or starts a trace) and keeps it in the MDC while the
 * RPC's callbacks run, so that logs and the events a call publishes carry it.
 */
public class TraceIdServerInterceptor implements ServerInterceptor {

    static final Metadata.Key<String> KEY = Metadata.Key.of(TraceIds.GRPC_METADATA, Metadata.ASCII_STRING_MARSHALLER);

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String traceId = TraceIds.orNew(headers.get(KEY));
        ServerCall.Listener<Q> delegate = withTrace(traceId, () -> next.startCall(call, headers));
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(delegate) {
            @Override
            public void onMessage(Q message) {
                withTrace(traceId, () -> {
                    super.onMessage(message);
                    return null;
                });
            }

            @Override
            public void onHalfClose() {
                withTrace(traceId, () -> {
                    super.onHalfClose();
                    return null;
                });
            }
        };
    }

    private static <T> T withTrace(String traceId, Supplier<T> action) {
        String previous = MDC.get(TraceIds.MDC_KEY);
        MDC.put(TraceIds.MDC_KEY, traceId);
        try {
            return action.get();
        } finally {
            if (previous == null) {
                MDC.remove(TraceIds.MDC_KEY);
            } else {
                MDC.put(TraceIds.MDC_KEY, previous);
            }
        }
    }
}
