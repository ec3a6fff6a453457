package ai.sentiric.cdr.calls;

import ai.sentiric.cdr.CdrProperties;
import ai.sentiric.support.errors.DomainException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** REST: a tenant's calls, one call in full, and daily aggregates. The tenant is in every path. */
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/calls")
class CallController {

    private static final Set<String> STATUSES = Set.of("PENDING", "RINGING", "ANSWERED", "COMPLETED");
    private static final Set<String> DISPOSITIONS = Set.of("ANSWERED", "NO_ANSWER", "BUSY", "FAILED", "CANCELLED");

    private final CallQueries calls;
    private final CdrProperties properties;

    CallController(CallQueries calls, CdrProperties properties) {
        this.calls = calls;
        this.properties = properties;
    }

    /** {@code ?from=&to=&status=&disposition=&number=&limit=&cursor=}, newest first. */
    @GetMapping
    CallQueries.Page list(@PathVariable String tenantId, @RequestParam(required = false) @Nullable Instant from,
                          @RequestParam(required = false) @Nullable Instant to, @RequestParam(required = false) @Nullable String status,
                          @RequestParam(required = false) @Nullable String disposition,
                          @RequestParam(required = false) @Nullable String number, @RequestParam(defaultValue = "50") int limit,
                          @RequestParam(required = false) @Nullable String cursor) {
        if (limit < 1 || limit > properties.maxPageSize()) {
            throw DomainException.invalid("limit must be between 1 and " + properties.maxPageSize());
        }
        return calls.list(tenantId, new CallQueries.Filter(from, to, oneOf(status, STATUSES, "status"),
                oneOf(disposition, DISPOSITIONS, "disposition"), number), limit, cursor);
    }

    @GetMapping("/{callId}")
    CallQueries.CallDetail detail(@PathVariable String tenantId, @PathVariable String callId) {
        return calls.detail(tenantId, callId);
    }

    /** {@code ?from=&to=&zone=Europe/Istanbul}: one row per local day with calls; at most 366 days. */
    @GetMapping("/stats/daily")
    List<CallQueries.DailyStats> daily(@PathVariable String tenantId, @RequestParam Instant from, @RequestParam Instant to,
                                       @RequestParam(defaultValue = "UTC") String zone) {
        if (!to.isAfter(from) || Duration.between(from, to).toDays() > 366) {
            throw DomainException.invalid("from must be before to, at most 366 days apart");
        }
        try {
            return calls.daily(tenantId, from, to, ZoneId.of(zone));
        } catch (DateTimeException e) {
            throw DomainException.invalid("'" + zone + "' is not a time zone");
        }
    }

    private static @Nullable String oneOf(@Nullable String value, Set<String> allowed, String name) {
        if (value == null) {
            return null;
        }
        String upper = value.toUpperCase(Locale.ROOT);
        if (!allowed.contains(upper)) {
            throw DomainException.invalid(name + " is one of " + allowed);
        }
        return upper;
    }
}
