package ai.sentiric.support.grpc;

import io.grpc.BindableService;
import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.ServerBuilder;
import io.grpc.ServerCall;
import io.grpc.ServerCallExecutorSupplier;
import io.grpc.ServerMethodDefinition;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.grpc.server.ServerBuilderCustomizer;
import org.springframework.grpc.server.exception.GrpcExceptionHandler;

/**
 * Runs the gRPC server's handlers on a fixed pool of named platform threads with a queue, in
 * place of grpc-java's default, an unbounded cached pool that hands every callback over through a
 * {@code SynchronousQueue}. Under load that hand-over is the cost: each task wakes a parked thread
 * (or spins for one), and ResolveDialplan at saturation did 18,100 resolutions/s with it, 33,000
 * with this pool (ResolveDialplanBench against one dialplan-service restarted with each, side by
 * side; README, Performance), because a busy thread
 * takes the next request from the queue without sleeping in between. Virtual threads did 24,900,
 * and they load classes pinned to their carrier, which hung a service at start once
 * (spring-boot#51463; see {@code SupportAutoConfiguration#sentiricWarmUps}).
 *
 * <p>Handlers marked {@link NonBlockingRpc} skip the pool: they run on the transport thread that
 * read the request. A unary call on the pool is handed over up to five times (call start, message,
 * half-close, ready, close), a thread wake-up each; under the SIP benchmark media-service spent
 * 0.47 ms of CPU per call on its pool threads for 0.22 ms of handler work, and ran its two calls
 * per call in 0.75 ms instead of 1.06 ms (dialplan 0.15 instead of 0.32 ms) with every handler on
 * the transport threads (README, Performance).
 */
public final class GrpcHandlerExecutor<T extends ServerBuilder<T>> implements ServerBuilderCustomizer<T>, DisposableBean {

    private final ExecutorService handlers;
    private final Supplier<List<BindableService>> services;
    private final GrpcExceptionHandler errors;

    /**
     * @param services the server's services, whose {@link NonBlockingRpc} handlers run on the
     *        transport threads; asked for when the server is built
     * @param errors maps what an {@link #offload offloaded} handler throws, as the server's exception
     *        handler does for the others
     */
    public GrpcHandlerExecutor(GrpcServerProperties properties, Supplier<List<BindableService>> services,
                               GrpcExceptionHandler errors) {
        this.handlers = Executors.newFixedThreadPool(properties.handlerThreads(),
                Thread.ofPlatform().name("grpc-handler-", 0).daemon().factory());
        this.services = services;
        this.errors = errors;
    }

    /**
     * For a {@link NonBlockingRpc} handler that found it must wait after all (what it needs is not
     * in memory): answers the call with what {@code work} returns, computed on the handler pool,
     * with the call's gRPC context and logging context; a failure is mapped to its status as the
     * server maps a handler's.
     */
    public <R> void offload(StreamObserver<R> response, Supplier<R> work) {
        Map<String, String> logging = MDC.getCopyOfContextMap();
        handlers.execute(Context.current().wrap(() -> {
            if (logging != null) {
                MDC.setContextMap(logging);
            }
            try {
                R answer;
                try {
                    answer = work.get();
                } catch (RuntimeException e) {
                    StatusException status = errors.handleException(e);
                    response.onError(status != null ? status : Status.INTERNAL.withDescription(e.toString()).asException());
                    return;
                }
                response.onNext(answer);
                response.onCompleted();
            } catch (StatusRuntimeException e) {
                // The caller cancelled or its deadline passed meanwhile: nobody is left to answer.
            } finally {
                MDC.clear();
            }
        }));
    }

    @Override
    public void customize(T builder) {
        Set<String> nonBlocking = nonBlockingMethods(services.get());
        // The server's own executor runs each call's start (method look-up, interceptors); the
        // supplier then moves every call but the non-blocking ones onto the pool.
        builder.directExecutor();
        builder.callExecutor(new ServerCallExecutorSupplier() {
            @Override
            public @Nullable <ReqT, RespT> Executor getExecutor(ServerCall<ReqT, RespT> call, Metadata metadata) {
                return nonBlocking.contains(call.getMethodDescriptor().getFullMethodName()) ? null : handlers;
            }
        });
    }

    /** After the server stopped (it stops first: it was created after this bean). */
    @Override
    public void destroy() {
        handlers.shutdown();
    }

    /** The full names ({@code package.Service/Method}) of the RPCs whose handler is marked {@link NonBlockingRpc}. */
    private static Set<String> nonBlockingMethods(List<BindableService> services) {
        Set<String> names = new HashSet<>();
        for (BindableService service : services) {
            Class<?> implementation = AopUtils.getTargetClass(service);
            for (ServerMethodDefinition<?, ?> method : service.bindService().getMethods()) {
                String rpc = method.getMethodDescriptor().getBareMethodName();
                if (rpc != null && handlerMarked(implementation, Character.toLowerCase(rpc.charAt(0)) + rpc.substring(1))) {
                    names.add(method.getMethodDescriptor().getFullMethodName());
                }
            }
        }
        return Set.copyOf(names);
    }

    private static boolean handlerMarked(Class<?> implementation, String javaName) {
        for (Method method : implementation.getMethods()) {
            if (method.getName().equals(javaName) && AnnotatedElementUtils.hasAnnotation(method, NonBlockingRpc.class)) {
                return true;
            }
        }
        return false;
    }
}
