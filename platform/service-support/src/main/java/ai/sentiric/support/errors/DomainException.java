package ai.sentiric.support.errors;

/**
 * An error a client caused or must know about, with its {@link ErrorKind}. Services throw it from
 * their domain code; the gRPC and REST adapters turn it into a status or a problem detail.
 */
public class DomainException extends RuntimeException {

    private final ErrorKind kind;

    public DomainException(ErrorKind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public ErrorKind kind() {
        return kind;
    }

    public static DomainException notFound(String what, Object id) {
        return new DomainException(ErrorKind.NOT_FOUND, what + " '" + id + "' not found");
    }

    public static DomainException alreadyExists(String message) {
        return new DomainException(ErrorKind.ALREADY_EXISTS, message);
    }

    public static DomainException invalid(String message) {
        return new DomainException(ErrorKind.INVALID_ARGUMENT, message);
    }
}
