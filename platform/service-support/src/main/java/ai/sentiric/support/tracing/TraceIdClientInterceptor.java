package ai.sentiric.support.tracing;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import org.slf4j.MDC;

/** Forwards the current trace id to the services this one calls. */
public class TraceIdClientInterceptor implements ClientInterceptor {

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        String traceId = MDC.get(TraceIds.MDC_KEY);
        return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
            @Override
            public void start(Listener<R> listener, Metadata headers) {
                if (traceId != null) {
                    headers.put(TraceIdServerInterceptor.KEY, traceId);
                }
                super.start(listener, headers);
            }
        };
    }
}
