package ai.sentiric.support.grpc;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The gRPC server's handler threads ({@code sentiric.grpc.server}).
 *
 * @param handlerThreads platform threads that run the service's gRPC handlers; requests beyond
 *        them wait in a queue. Default 16: handlers here answer from memory or block briefly on
 *        the database or another service, so 16 keep a service busy; a handler that blocks for a
 *        call's whole duration must not run on them (streams are served asynchronously).
 */
@ConfigurationProperties("sentiric.grpc.server")
public record GrpcServerProperties(@DefaultValue("16") int handlerThreads) {

    public GrpcServerProperties {
        if (handlerThreads < 1) {
            throw new IllegalArgumentException("sentiric.grpc.server.handler-threads must be at least 1, not " + handlerThreads);
        }
    }
}
