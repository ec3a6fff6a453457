package ai.sentiric.dialplan.resolve;

import ai.sentiric.dialplan.CatalogChanged;
import ai.sentiric.dialplan.DialplanProperties;
import ai.sentiric.dialplan.plan.ActionType;
import ai.sentiric.dialplan.plan.PlanService;
import ai.sentiric.dialplan.route.InboundRoute;
import ai.sentiric.dialplan.route.InboundRouteRepository;
import ai.sentiric.dialplan.schedule.OpeningHours;
import ai.sentiric.dialplan.schedule.ScheduleRepository;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Routes and plans as resolution reads them, cached. Any committed change to the catalogue
 * clears both caches at once (changes are rare, resolutions many); the TTL bounds how long
 * another instance of the service may serve what this one changed.
 */
@Component
public class RouteCatalog {

    /** A route with its schedule already parsed. */
    public record Route(String phoneNumber, String tenantId, InboundRoute.Settings settings, @Nullable OpeningHours hours) {

        public ai.sentiric.proto.dialplan.v1.InboundRoute toProto() {
            var builder = ai.sentiric.proto.dialplan.v1.InboundRoute.newBuilder()
                    .setPhoneNumber(phoneNumber)
                    .setTenantId(tenantId)
                    .setMaintenanceMode(settings.maintenanceMode())
                    .setDefaultLanguageCode(settings.defaultLanguageCode())
                    .setBlockAnonymous(settings.blockAnonymous());
            Optional.ofNullable(settings.activeDialplanId()).ifPresent(builder::setActiveDialplanId);
            Optional.ofNullable(settings.offHoursDialplanId()).ifPresent(builder::setOffHoursDialplanId);
            Optional.ofNullable(settings.failsafeDialplanId()).ifPresent(builder::setFailsafeDialplanId);
            Optional.ofNullable(settings.guestDialplanId()).ifPresent(builder::setGuestDialplanId);
            Optional.ofNullable(settings.scheduleId()).ifPresent(id -> builder.setScheduleId(id.toString()));
            Optional.ofNullable(settings.sipTrunkId()).ifPresent(builder::setSipTrunkId);
            return builder.build();
        }
    }

    /** A plan as a call gets it. */
    public record Plan(String tenantId, String id, ActionType type, Map<String, String> data) {
    }

    private record PlanKey(String tenantId, String id) {
    }

    private final LoadingCache<String, Optional<Route>> routes;
    private final LoadingCache<PlanKey, Optional<Plan>> plans;

    public RouteCatalog(InboundRouteRepository routeRepository, ScheduleRepository schedules, PlanService planService,
                        DialplanProperties properties) {
        // Refreshed in the background after the TTL: a call never waits for the database once warm.
        this.routes = Caffeine.newBuilder().maximumSize(properties.cacheSize()).refreshAfterWrite(properties.routeCacheTtl())
                .build(number -> routeRepository.findById(number).map(route -> {
                    var settings = route.settings();
                    OpeningHours hours = settings.scheduleId() == null ? null
                            : schedules.findById(settings.scheduleId()).map(s -> s.openingHours()).orElse(null);
                    return new Route(route.getPhoneNumber(), route.getTenantId(), settings, hours);
                }));
        this.plans = Caffeine.newBuilder().maximumSize(properties.cacheSize()).refreshAfterWrite(properties.routeCacheTtl())
                .build(key -> planService.visible(key.tenantId(), key.id())
                        .map(plan -> new Plan(plan.getTenantId(), plan.getId(), plan.getActionType(), plan.getActionData())));
    }

    public Optional<Route> route(String e164) {
        return routes.get(e164);
    }

    /** The tenant's plan with this id, else the system's; empty for a null id. */
    public Optional<Plan> plan(String tenantId, @Nullable String id) {
        return id == null ? Optional.empty() : plans.get(new PlanKey(tenantId, id));
    }

    /** What {@link #route} would answer, if the cache holds it (a number without a route included); null when only the database can say. */
    public @Nullable Optional<Route> cachedRoute(String e164) {
        return routes.getIfPresent(e164);
    }

    /** What {@link #plan} would answer for this id, if the cache holds it; null when only the database can say. */
    public @Nullable Optional<Plan> cachedPlan(String tenantId, String id) {
        return plans.getIfPresent(new PlanKey(tenantId, id));
    }

    @TransactionalEventListener(fallbackExecution = true)
    void onChange(CatalogChanged change) {
        routes.invalidateAll();
        plans.invalidateAll();
    }
}
