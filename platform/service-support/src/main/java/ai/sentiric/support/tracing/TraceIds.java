package ai.sentiric.support.tracing;

import java.util.UUID;
import java.util.regex.Pattern;

/** Trace ids: where they travel and how a missing or unsafe one is replaced. */
public final class TraceIds {

    /** The MDC key; the event library reads the same one. */
    public static final String MDC_KEY = "traceId";
    public static final String HTTP_HEADER = "X-Trace-ID";
    public static final String GRPC_METADATA = "x-trace-id";

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private TraceIds() {
    }

    public static String newId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /** The given id when it is safe to log and forward, a new one otherwise. */
    public static String orNew(String candidate) {
        return candidate != null && SAFE.matcher(candidate).matches() ? candidate : newId();
    }
}
