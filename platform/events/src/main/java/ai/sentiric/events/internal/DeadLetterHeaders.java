package ai.sentiric.events.internal;

/** Headers a dead-lettered message carries, to say why and where it came from. */
public final class DeadLetterHeaders {

    public static final String REASON = "x-sentiric-dead-letter-reason";
    public static final String ORIGINAL_QUEUE = "x-sentiric-original-queue";
    public static final String ORIGINAL_ROUTING_KEY = "x-sentiric-original-routing-key";
    public static final String ATTEMPTS = "x-sentiric-attempts";
    public static final String FAILED_AT = "x-sentiric-failed-at";

    private DeadLetterHeaders() {
    }
}
