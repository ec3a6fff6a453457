package ai.sentiric.dialplan.schedule;

import ai.sentiric.dialplan.CatalogChanged;
import ai.sentiric.dialplan.route.InboundRouteRepository;
import ai.sentiric.support.errors.DomainException;
import ai.sentiric.support.errors.ErrorKind;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A tenant's schedules; each is checked by parsing it before it is stored. */
@Service
@Transactional(readOnly = true)
public class ScheduleService {

    private final ScheduleRepository schedules;
    private final InboundRouteRepository routes;
    private final ApplicationEventPublisher events;

    public ScheduleService(ScheduleRepository schedules, InboundRouteRepository routes, ApplicationEventPublisher events) {
        this.schedules = schedules;
        this.routes = routes;
        this.events = events;
    }

    public List<Schedule> list(String tenantId) {
        return schedules.findByTenantIdOrderByName(tenantId);
    }

    public Schedule get(String tenantId, UUID id) {
        return schedules.findByIdAndTenantId(id, tenantId).orElseThrow(() -> DomainException.notFound("schedule", id));
    }

    @Transactional
    public Schedule create(String tenantId, String name, String timeZone, Map<String, List<Map<String, String>>> weekly,
                           List<String> holidays) {
        OpeningHours.parse(timeZone, weekly, holidays);
        if (schedules.existsByTenantIdAndName(tenantId, name)) {
            throw DomainException.alreadyExists("a schedule named '" + name + "' already exists");
        }
        return schedules.saveAndFlush(new Schedule(UUID.randomUUID(), tenantId, name, timeZone, weekly, holidays));
    }

    @Transactional
    public Schedule update(String tenantId, UUID id, String name, String timeZone, Map<String, List<Map<String, String>>> weekly,
                           List<String> holidays) {
        OpeningHours.parse(timeZone, weekly, holidays);
        Schedule schedule = get(tenantId, id);
        if (!schedule.getName().equals(name) && schedules.existsByTenantIdAndName(tenantId, name)) {
            throw DomainException.alreadyExists("a schedule named '" + name + "' already exists");
        }
        schedule.change(name, timeZone, weekly, holidays);
        schedules.saveAndFlush(schedule);
        events.publishEvent(new CatalogChanged(tenantId, "schedule"));
        return schedule;
    }

    @Transactional
    public void delete(String tenantId, UUID id) {
        Schedule schedule = get(tenantId, id);
        if (routes.existsByScheduleId(id)) {
            throw new DomainException(ErrorKind.FAILED_PRECONDITION, "schedule '" + schedule.getName() + "' is used by an inbound route");
        }
        schedules.delete(schedule);
    }
}
