package ai.sentiric.dialplan;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * dialplan-service settings ({@code sentiric.dialplan.*}).
 *
 * @param defaultRegion the region for reading dialled numbers written nationally
 * @param guestDialplanId the system plan for unknown callers on routes that name none
 * @param failsafeDialplanId the system plan when a route's own failsafe is missing
 * @param unroutedDialplanId the system plan for numbers with no route; none: such calls are NOT_FOUND (SIP 404)
 * @param routeCacheTtl how long a route and its plans are kept; writes here clear the cache at once
 * @param callerCacheTtl how long a caller look-up is kept; user.changed events clear the tenant's entries at once
 * @param cacheSize the most entries each cache holds
 * @param userLookupTimeout how long a caller look-up in user-service may take before the call gets the failsafe plan
 */
@ConfigurationProperties("sentiric.dialplan")
public record DialplanProperties(
        @DefaultValue("US") String defaultRegion,
        @DefaultValue("DP_GUEST_ENTRY") String guestDialplanId,
        @DefaultValue("DP_SYSTEM_FAILSAFE") String failsafeDialplanId,
        @Nullable String unroutedDialplanId,
        @DefaultValue("60s") Duration routeCacheTtl,
        @DefaultValue("30s") Duration callerCacheTtl,
        @DefaultValue("100000") long cacheSize,
        @DefaultValue("2s") Duration userLookupTimeout) {
}
