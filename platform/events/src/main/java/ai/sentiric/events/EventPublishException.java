package ai.sentiric.events;

/** The broker did not confirm an event: it was not accepted and the caller must not assume it was. */
public class EventPublishException extends RuntimeException {

    public EventPublishException(String message, Throwable cause) {
        super(message, cause);
    }

    public EventPublishException(String message) {
        super(message);
    }
}
