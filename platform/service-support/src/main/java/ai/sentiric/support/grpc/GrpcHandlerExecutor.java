package ai.sentiric.support.grpc;

import io.grpc.ServerBuilder;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.grpc.server.ServerBuilderCustomizer;

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
 */
public final class GrpcHandlerExecutor<T extends ServerBuilder<T>> implements ServerBuilderCustomizer<T>, DisposableBean {

    private final ExecutorService handlers;

    public GrpcHandlerExecutor(GrpcServerProperties properties) {
        this.handlers = Executors.newFixedThreadPool(properties.handlerThreads(),
                Thread.ofPlatform().name("grpc-handler-", 0).daemon().factory());
    }

    @Override
    public void customize(T builder) {
        builder.executor(handlers);
    }

    /** After the server stopped (it stops first: it was created after this bean). */
    @Override
    public void destroy() {
        handlers.shutdown();
    }
}
