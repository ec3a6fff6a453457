package ai.sentiric.dialplan.route;

import ai.sentiric.dialplan.CatalogChanged;
import ai.sentiric.dialplan.DialplanProperties;
import ai.sentiric.dialplan.plan.PlanService;
import ai.sentiric.dialplan.schedule.ScheduleService;
import ai.sentiric.dialplan.trunk.TrunkService;
import ai.sentiric.dialplan.resolve.UserDirectory;
import ai.sentiric.support.errors.DomainException;
import ai.sentiric.support.phone.PhoneNumbers;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A tenant's inbound routes. A route is stored only when everything it names exists for its
 * tenant: the tenant itself (asked of user-service), its plans (its own or `system`'s), its
 * schedule and trunk.
 */
@Service
@Transactional(readOnly = true)
public class RouteService {

    private final InboundRouteRepository routes;
    private final PlanService plans;
    private final ScheduleService schedules;
    private final TrunkService trunks;
    private final UserDirectory directory;
    private final PhoneNumbers phones;
    private final DialplanProperties properties;
    private final ApplicationEventPublisher events;

    public RouteService(InboundRouteRepository routes, PlanService plans, ScheduleService schedules, TrunkService trunks,
                        UserDirectory directory, PhoneNumbers phones, DialplanProperties properties,
                        ApplicationEventPublisher events) {
        this.routes = routes;
        this.plans = plans;
        this.schedules = schedules;
        this.trunks = trunks;
        this.directory = directory;
        this.phones = phones;
        this.properties = properties;
        this.events = events;
    }

    public Page<InboundRoute> list(String tenantId, Pageable page) {
        return routes.findByTenantId(tenantId, page);
    }

    public InboundRoute get(String tenantId, String phoneNumber) {
        String number = phones.toE164(phoneNumber, properties.defaultRegion());
        return routes.findByPhoneNumberAndTenantId(number, tenantId).orElseThrow(() -> DomainException.notFound("inbound route", number));
    }

    @Transactional
    public InboundRoute create(String tenantId, String phoneNumber, InboundRoute.Settings settings) {
        String number = phones.toE164(phoneNumber, properties.defaultRegion());
        directory.requireTenant(tenantId);
        validate(tenantId, settings);
        if (routes.existsById(number)) {
            throw DomainException.alreadyExists("number " + number + " already has a route");
        }
        InboundRoute route = routes.saveAndFlush(new InboundRoute(number, tenantId, settings));
        events.publishEvent(new CatalogChanged(tenantId, "route"));
        return route;
    }

    @Transactional
    public InboundRoute update(String tenantId, String phoneNumber, InboundRoute.Settings settings) {
        InboundRoute route = get(tenantId, phoneNumber);
        validate(tenantId, settings);
        route.apply(settings);
        routes.saveAndFlush(route);
        events.publishEvent(new CatalogChanged(tenantId, "route"));
        return route;
    }

    @Transactional
    public void delete(String tenantId, String phoneNumber) {
        routes.delete(get(tenantId, phoneNumber));
        events.publishEvent(new CatalogChanged(tenantId, "route"));
    }

    private void validate(String tenantId, InboundRoute.Settings settings) {
        Stream.of(settings.activeDialplanId(), settings.offHoursDialplanId(), settings.failsafeDialplanId(), settings.guestDialplanId())
                .forEach(planId -> requirePlan(tenantId, planId));
        if (settings.scheduleId() != null) {
            schedules.get(tenantId, settings.scheduleId());
        }
        if (settings.sipTrunkId() != null) {
            trunks.get(tenantId, settings.sipTrunkId());
        }
        if (settings.offHoursDialplanId() != null && settings.scheduleId() == null) {
            throw DomainException.invalid("an off-hours plan needs a schedule to say when the hours are off");
        }
    }

    private void requirePlan(String tenantId, @Nullable String planId) {
        if (planId != null && plans.visible(tenantId, planId).isEmpty()) {
            throw DomainException.invalid("dialplan '" + planId + "' does not exist for tenant '" + tenantId + "'");
        }
    }
}
