package ai.sentiric.dialplan.plan;

import ai.sentiric.dialplan.CatalogChanged;
import ai.sentiric.dialplan.route.InboundRouteRepository;
import ai.sentiric.support.errors.DomainException;
import ai.sentiric.support.errors.ErrorKind;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Plans of a tenant, and the look-up that lets a tenant use `system`'s plans it does not override. */
@Service
@Transactional(readOnly = true)
public class PlanService {

    public static final String SYSTEM = "system";
    private static final Pattern TRANSFER_TARGET = Pattern.compile("^(sips?:[^\\s]+|\\+[1-9][0-9]{1,14})$");

    private final DialplanRepository plans;
    private final InboundRouteRepository routes;
    private final ApplicationEventPublisher events;

    public PlanService(DialplanRepository plans, InboundRouteRepository routes, ApplicationEventPublisher events) {
        this.plans = plans;
        this.routes = routes;
        this.events = events;
    }

    public Page<Dialplan> list(String tenantId, Pageable page) {
        return plans.findByTenantId(tenantId, page);
    }

    public Dialplan get(String tenantId, String id) {
        return plans.findByTenantIdAndId(tenantId, id).orElseThrow(() -> DomainException.notFound("dialplan", id));
    }

    /** The plan a tenant means by this id: its own, else the system's. */
    public Optional<Dialplan> visible(String tenantId, String id) {
        return plans.findByIdAndTenantIdIn(id, List.of(tenantId, SYSTEM)).stream()
                .min(Comparator.comparing((Dialplan plan) -> !plan.getTenantId().equals(tenantId)));
    }

    @Transactional
    public Dialplan create(String tenantId, String id, String description, ActionType type, Map<String, String> data) {
        validate(type, data);
        if (plans.existsById(new Dialplan.Key(tenantId, id))) {
            throw DomainException.alreadyExists("dialplan '" + id + "' already exists");
        }
        Dialplan plan = plans.saveAndFlush(new Dialplan(tenantId, id, description, type, data));
        events.publishEvent(new CatalogChanged(tenantId, "dialplan"));
        return plan;
    }

    @Transactional
    public Dialplan update(String tenantId, String id, String description, ActionType type, Map<String, String> data) {
        validate(type, data);
        Dialplan plan = get(tenantId, id);
        plan.change(description, type, data);
        plans.saveAndFlush(plan);
        events.publishEvent(new CatalogChanged(tenantId, "dialplan"));
        return plan;
    }

    @Transactional
    public void delete(String tenantId, String id) {
        Dialplan plan = get(tenantId, id);
        if (routes.referencesPlan(tenantId, id)) {
            throw new DomainException(ErrorKind.FAILED_PRECONDITION, "dialplan '" + id + "' is used by an inbound route");
        }
        plans.delete(plan);
        events.publishEvent(new CatalogChanged(tenantId, "dialplan"));
    }

    private static void validate(ActionType type, Map<String, String> data) {
        switch (type) {
            case PLAY_ANNOUNCEMENT -> {
                if (data.getOrDefault("announcement_id", "").isBlank()) {
                    throw DomainException.invalid("a PLAY_ANNOUNCEMENT plan needs action_data.announcement_id");
                }
            }
            case TRANSFER -> {
                if (!TRANSFER_TARGET.matcher(data.getOrDefault("target", "")).matches()) {
                    throw DomainException.invalid("a TRANSFER plan needs action_data.target: a SIP URI or an E.164 number");
                }
            }
            default -> {
            }
        }
    }
}
