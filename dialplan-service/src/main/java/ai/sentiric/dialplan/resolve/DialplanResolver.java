package ai.sentiric.dialplan.resolve;

import ai.sentiric.dialplan.DialplanMetrics;
import ai.sentiric.dialplan.DialplanProperties;
import ai.sentiric.dialplan.plan.ActionType;
import ai.sentiric.dialplan.plan.PlanService;
import ai.sentiric.dialplan.resolve.RouteCatalog.Plan;
import ai.sentiric.dialplan.resolve.RouteCatalog.Route;
import ai.sentiric.dialplan.resolve.UserDirectory.Caller;
import ai.sentiric.proto.dialplan.v1.DialplanAction;
import ai.sentiric.proto.dialplan.v1.ResolveDialplanResponse;
import ai.sentiric.proto.dialplan.v1.Resolution;
import ai.sentiric.support.errors.DomainException;
import ai.sentiric.support.errors.ErrorKind;
import ai.sentiric.support.logging.Pii;
import ai.sentiric.support.phone.PhoneNumbers;
import ai.sentiric.support.warmup.WarmUp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionException;

/**
 * Decides what happens to a call, in the order dialplan.proto documents: route, maintenance,
 * anonymous callers, caller identity, schedule, then the active or guest plan, with a failsafe
 * chain that ends in a built-in announcement, so that a routed call always gets a playable plan.
 */
@Service
public class DialplanResolver implements WarmUp {

    private static final Logger log = LoggerFactory.getLogger(DialplanResolver.class);

    /** What plays when even the system's failsafe plan is gone. */
    static final Plan ULTIMATE_FAILSAFE = new Plan(PlanService.SYSTEM, "ULTIMATE_FAILSAFE", ActionType.PLAY_ANNOUNCEMENT,
            Map.of("announcement_id", "ANNOUNCE_SYSTEM_ERROR"));

    /** Where a resolution reads routes, plans and callers. */
    private interface Lookups {
        Optional<Route> route(String e164);

        Optional<Plan> plan(String tenantId, @Nullable String id);

        Caller caller(String tenantId, String caller);
    }

    /** Thrown by the memory-only look-ups at the first thing not in memory; no stack trace, it is expected. */
    private static final class NotInMemory extends RuntimeException {
        NotInMemory() {
            super("not in memory", null, false, false);
        }
    }

    private static final NotInMemory NOT_IN_MEMORY = new NotInMemory();

    private final PhoneNumbers phones;
    private final DialplanProperties properties;
    private final DialplanMetrics metrics;
    /** The caches' loaders fill what they miss from the database and user-service. */
    private final Lookups loading;
    /** Only what the caches hold; the first miss ends the resolution with {@link NotInMemory}. */
    private final Lookups inMemory;

    public DialplanResolver(RouteCatalog catalog, UserDirectory directory, PhoneNumbers phones, DialplanProperties properties,
                            DialplanMetrics metrics) {
        this.phones = phones;
        this.properties = properties;
        this.metrics = metrics;
        this.loading = new Lookups() {
            @Override
            public Optional<Route> route(String e164) {
                return catalog.route(e164);
            }

            @Override
            public Optional<Plan> plan(String tenantId, @Nullable String id) {
                return catalog.plan(tenantId, id);
            }

            @Override
            public Caller caller(String tenantId, String caller) {
                return directory.caller(tenantId, caller);
            }
        };
        this.inMemory = new Lookups() {
            @Override
            public Optional<Route> route(String e164) {
                return cached(catalog.cachedRoute(e164));
            }

            @Override
            public Optional<Plan> plan(String tenantId, @Nullable String id) {
                return id == null ? Optional.empty() : cached(catalog.cachedPlan(tenantId, id));
            }

            @Override
            public Caller caller(String tenantId, String caller) {
                return cached(directory.cachedCaller(tenantId, caller));
            }
        };
    }

    private static <T> T cached(@Nullable T value) {
        if (value == null) {
            throw NOT_IN_MEMORY;
        }
        return value;
    }

    /** Loads the phone-number metadata of the default region, which the first resolution would otherwise wait for. */
    @Override
    public void warmUp() {
        callerE164("2125550100");
    }

    /**
     * @throws DomainException NOT_FOUND for a number with no route (and no unrouted plan),
     *         PERMISSION_DENIED for a withheld caller on a route that blocks them,
     *         UNAVAILABLE when the catalogue cannot be read
     */
    public ResolveDialplanResponse resolve(String caller, String destination, @Nullable Instant callTime) {
        metrics.resolutionLoading();
        return resolve(caller, destination, callTime, loading);
    }

    /**
     * The same resolution when every route, plan and caller it needs is in the caches (as for all
     * but a new caller or a catalogue just changed); empty, having waited for nothing and recorded
     * nothing, when one is not: then {@link #resolve} it where waiting is allowed.
     *
     * @throws DomainException as {@link #resolve}
     */
    public Optional<ResolveDialplanResponse> resolveFromMemory(String caller, String destination, @Nullable Instant callTime) {
        try {
            return Optional.of(resolve(caller, destination, callTime, inMemory));
        } catch (NotInMemory e) {
            return Optional.empty();
        }
    }

    private ResolveDialplanResponse resolve(String caller, String destination, @Nullable Instant callTime, Lookups lookups) {
        long started = System.nanoTime();
        @Nullable String outcome = "error";
        try {
            ResolveDialplanResponse response = decide(caller, destination, callTime == null ? Instant.now() : callTime, lookups);
            outcome = response.getResolution().name();
            return response;
        } catch (NotInMemory e) {
            outcome = null;
            throw e;
        } catch (DomainException e) {
            outcome = e.kind().name();
            throw e;
        } catch (DataAccessException | TransactionException e) {
            outcome = ErrorKind.UNAVAILABLE.name();
            log.error("dialplan catalogue unreadable: {}", e.toString());
            throw new DomainException(ErrorKind.UNAVAILABLE, "the dialplan catalogue is unavailable");
        } finally {
            if (outcome != null) {
                metrics.resolved(outcome, Duration.ofNanos(System.nanoTime() - started));
            }
        }
    }

    private ResolveDialplanResponse decide(String caller, String destination, Instant at, Lookups lookups) {
        String number = dialled(destination);
        Optional<Route> found = lookups.route(number);
        if (found.isEmpty()) {
            return unrouted(number, lookups);
        }
        Route route = found.get();
        var settings = route.settings();
        boolean withheld = phones.isWithheld(caller);
        String callerE164 = withheld ? "" : callerE164(caller);
        var response = ResolveDialplanResponse.newBuilder()
                .setTenantId(route.tenantId())
                .setInboundRoute(route.toProto())
                .setLanguageCode(settings.defaultLanguageCode())
                .setCallerE164(callerE164);

        if (settings.maintenanceMode()) {
            return finish(response, failsafe(route, lookups), Resolution.RESOLUTION_MAINTENANCE);
        }
        if (withheld && settings.blockAnonymous()) {
            throw new DomainException(ErrorKind.PERMISSION_DENIED, "anonymous callers are blocked on " + number);
        }

        Caller identity = withheld ? new Caller.Unknown() : lookups.caller(route.tenantId(), caller);
        if (identity instanceof Caller.Known known) {
            var user = known.match().getUser();
            response.setMatchedUser(user).setMatchedContact(known.match().getContact())
                    .setCallerE164(known.match().getContact().getContactValue());
            if (user.hasPreferredLanguageCode() && !user.getPreferredLanguageCode().isBlank()) {
                response.setLanguageCode(user.getPreferredLanguageCode());
            }
        }

        if (route.hours() != null && settings.offHoursDialplanId() != null && !route.hours().isOpen(at)) {
            Optional<Plan> offHours = lookups.plan(route.tenantId(), settings.offHoursDialplanId());
            if (offHours.isPresent()) {
                return finish(response, offHours.get(), Resolution.RESOLUTION_OFF_HOURS);
            }
        }
        return switch (identity) {
            case Caller.LookupFailed failed -> {
                metrics.userLookupFailed();
                log.warn("caller look-up failed for tenant {} ({}): failsafe plan", route.tenantId(), failed.reason());
                yield finish(response, failsafe(route, lookups), Resolution.RESOLUTION_FAILSAFE);
            }
            case Caller.Known known -> planOrFailsafe(response, route, settings.activeDialplanId(), Resolution.RESOLUTION_ACTIVE, lookups);
            case Caller.Unknown unknown -> planOrFailsafe(response, route,
                    settings.guestDialplanId() != null ? settings.guestDialplanId() : properties.guestDialplanId(),
                    Resolution.RESOLUTION_GUEST, lookups);
        };
    }

    private ResolveDialplanResponse planOrFailsafe(ResolveDialplanResponse.Builder response, Route route, @Nullable String planId,
                                                   Resolution resolution, Lookups lookups) {
        Optional<Plan> plan = lookups.plan(route.tenantId(), planId);
        if (plan.isEmpty()) {
            log.warn("route {} names plan '{}' that does not exist: failsafe plan", Pii.maskPhone(route.phoneNumber()), planId);
            return finish(response, failsafe(route, lookups), Resolution.RESOLUTION_FAILSAFE);
        }
        return finish(response, plan.get(), resolution);
    }

    /** The route's failsafe plan, else the system's, else the built-in announcement. */
    private Plan failsafe(Route route, Lookups lookups) {
        return lookups.plan(route.tenantId(), route.settings().failsafeDialplanId())
                .or(() -> lookups.plan(PlanService.SYSTEM, properties.failsafeDialplanId()))
                .orElse(ULTIMATE_FAILSAFE);
    }

    private ResolveDialplanResponse unrouted(String number, Lookups lookups) {
        String planId = properties.unroutedDialplanId();
        Optional<Plan> plan = planId == null || planId.isBlank() ? Optional.empty() : lookups.plan(PlanService.SYSTEM, planId);
        if (plan.isEmpty()) {
            throw DomainException.notFound("inbound route", Pii.maskPhone(number));
        }
        return finish(ResolveDialplanResponse.newBuilder().setTenantId(PlanService.SYSTEM).setLanguageCode("en"),
                plan.get(), Resolution.RESOLUTION_UNROUTED);
    }

    private static ResolveDialplanResponse finish(ResolveDialplanResponse.Builder response, Plan plan, Resolution resolution) {
        return response.setDialplanId(plan.id())
                .setAction(DialplanAction.newBuilder()
                        .setType(ai.sentiric.proto.dialplan.v1.ActionType.valueOf("ACTION_TYPE_" + plan.type().name()))
                        .putAllData(plan.data()))
                .setResolution(resolution)
                .build();
    }

    private String dialled(String destination) {
        try {
            return phones.toE164(destination, properties.defaultRegion());
        } catch (DomainException e) {
            throw DomainException.notFound("inbound route", destination == null ? "" : Pii.maskPhone(destination));
        }
    }

    private String callerE164(String caller) {
        try {
            return phones.toE164(caller, properties.defaultRegion());
        } catch (DomainException e) {
            return "";
        }
    }
}
