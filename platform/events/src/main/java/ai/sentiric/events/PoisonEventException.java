package ai.sentiric.events;

/** An event that no retry can process (malformed, inconsistent, unknown): dead-letter it now. */
public class PoisonEventException extends RuntimeException {

    public PoisonEventException(String message) {
        super(message);
    }
}
