package ai.sentiric.support.grpc;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a gRPC handler (the method of a service implementation that serves one RPC) that never
 * waits: it answers from memory and at most makes a quick local system call (binding a socket,
 * writing a small file), never a database query, a call to another service, or a lock held across
 * either. Such a handler runs on the gRPC transport thread that read its request, with no hand-over
 * to the handler pool ({@link GrpcHandlerExecutor}). A handler that blocks there stalls every call
 * on that transport thread, and one that calls another service over gRPC from it can deadlock.
 * A client's calls share one connection and so one transport thread: mark only handlers short
 * enough that the client's next call does not mind waiting behind them.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface NonBlockingRpc {
}
