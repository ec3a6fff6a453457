package ai.sentiric.support.errors;

import io.grpc.Status;
import io.grpc.StatusException;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.grpc.server.exception.GrpcExceptionHandler;
import org.springframework.grpc.server.exception.GrpcExceptionHandlerInterceptor;

/**
 * Maps domain errors to gRPC status codes, so no RPC ever answers UNKNOWN for a client's mistake.
 * A uniqueness violation that slipped past a service's own checks is ALREADY_EXISTS.
 */
public class GrpcErrors implements GrpcExceptionHandler {

    @Override
    public @Nullable StatusException handleException(Throwable exception) {
        if (exception instanceof DomainException domain) {
            return Status.fromCode(domain.kind().grpc()).withDescription(domain.getMessage()).asException();
        }
        if (exception instanceof DataIntegrityViolationException) {
            return Status.ALREADY_EXISTS.withDescription("conflicts with existing data").asException();
        }
        if (exception instanceof IllegalArgumentException) {
            return Status.INVALID_ARGUMENT.withDescription(exception.getMessage()).asException();
        }
        return null;
    }

    /**
     * The exception handler interceptor, ordered just inside the server metrics (order 0): a
     * mapped status then passes through the timed call.
     */
    public static final class Interceptor extends GrpcExceptionHandlerInterceptor implements Ordered {

        public Interceptor(GrpcExceptionHandler handler) {
            super(handler);
        }

        @Override
        public int getOrder() {
            return 1;
        }
    }
}
