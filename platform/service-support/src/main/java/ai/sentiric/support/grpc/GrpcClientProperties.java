package ai.sentiric.support.grpc;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The event loop of a service's gRPC channels ({@code sentiric.grpc.client}).
 *
 * @param eventLoopThreads threads that read and write every gRPC channel the service opens; default
 *        1, so that a call started from another call's reply is written on the same thread (see
 *        {@link GrpcClientEventLoop})
 */
@ConfigurationProperties("sentiric.grpc.client")
public record GrpcClientProperties(@DefaultValue("1") int eventLoopThreads) {

    public GrpcClientProperties {
        if (eventLoopThreads < 1) {
            throw new IllegalArgumentException("sentiric.grpc.client.event-loop-threads must be at least 1, not " + eventLoopThreads);
        }
    }
}
