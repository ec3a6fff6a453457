package ai.sentiric.support.errors;

import io.grpc.Status;
import org.springframework.http.HttpStatus;

/**
 * The families of domain error, each with its one gRPC status and HTTP status, and the stable
 * RFC 9457 problem type URI that REST clients can switch on.
 */
public enum ErrorKind {
    NOT_FOUND(Status.Code.NOT_FOUND, HttpStatus.NOT_FOUND, "not-found"),
    ALREADY_EXISTS(Status.Code.ALREADY_EXISTS, HttpStatus.CONFLICT, "already-exists"),
    INVALID_ARGUMENT(Status.Code.INVALID_ARGUMENT, HttpStatus.BAD_REQUEST, "invalid-argument"),
    FAILED_PRECONDITION(Status.Code.FAILED_PRECONDITION, HttpStatus.CONFLICT, "failed-precondition"),
    UNAUTHENTICATED(Status.Code.UNAUTHENTICATED, HttpStatus.UNAUTHORIZED, "unauthenticated"),
    PERMISSION_DENIED(Status.Code.PERMISSION_DENIED, HttpStatus.FORBIDDEN, "permission-denied"),
    RESOURCE_EXHAUSTED(Status.Code.RESOURCE_EXHAUSTED, HttpStatus.SERVICE_UNAVAILABLE, "resource-exhausted"),
    UNAVAILABLE(Status.Code.UNAVAILABLE, HttpStatus.SERVICE_UNAVAILABLE, "unavailable");

    /** Prefix of every problem type URI of the platform. */
    public static final String TYPE_BASE = "https://sentiric.ai/problems/";

    private final Status.Code grpc;
    private final HttpStatus http;
    private final String slug;

    ErrorKind(Status.Code grpc, HttpStatus http, String slug) {
        this.grpc = grpc;
        this.http = http;
        this.slug = slug;
    }

    public Status.Code grpc() {
        return grpc;
    }

    public HttpStatus http() {
        return http;
    }

    public String typeUri() {
        return TYPE_BASE + slug;
    }
}
