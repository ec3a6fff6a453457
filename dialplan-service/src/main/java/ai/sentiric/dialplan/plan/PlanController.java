package ai.sentiric.dialplan.plan;

import ai.sentiric.support.errors.DomainException;
import ai.sentiric.support.web.PageResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** REST: a tenant's dialplans. */
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/dialplans")
class PlanController {

    record PlanBody(@Nullable @Pattern(regexp = "^[A-Za-z0-9_.-]{1,64}$") String id,
                    @Nullable @Size(max = 500) String description,
                    @NotNull ActionType actionType,
                    @Nullable Map<@NotBlank @Size(max = 64) String, @NotNull @Size(max = 2000) String> actionData) {
    }

    record PlanResponse(String id, String tenantId, String description, ActionType actionType, Map<String, String> actionData,
                        Instant updatedAt) {
        static PlanResponse of(Dialplan p) {
            return new PlanResponse(p.getId(), p.getTenantId(), p.getDescription(), p.getActionType(), p.getActionData(),
                    p.getUpdatedAt());
        }
    }

    private final PlanService plans;

    PlanController(PlanService plans) {
        this.plans = plans;
    }

    @GetMapping
    PageResponse<PlanResponse> list(@PathVariable String tenantId, @RequestParam(defaultValue = "0") int page,
                                    @RequestParam(defaultValue = "50") int size) {
        return PageResponse.of(plans.list(tenantId, PageResponse.request(page, size, Sort.by("id"))), PlanResponse::of);
    }

    @PostMapping
    ResponseEntity<PlanResponse> create(@PathVariable String tenantId, @Valid @RequestBody PlanBody body) {
        if (body.id() == null) {
            throw DomainException.invalid("id is required");
        }
        Dialplan plan = plans.create(tenantId, body.id(), description(body), body.actionType(), data(body));
        return ResponseEntity.created(URI.create("/api/v1/tenants/" + tenantId + "/dialplans/" + plan.getId()))
                .body(PlanResponse.of(plan));
    }

    @GetMapping("/{id}")
    PlanResponse get(@PathVariable String tenantId, @PathVariable String id) {
        return PlanResponse.of(plans.get(tenantId, id));
    }

    @PutMapping("/{id}")
    PlanResponse update(@PathVariable String tenantId, @PathVariable String id, @Valid @RequestBody PlanBody body) {
        return PlanResponse.of(plans.update(tenantId, id, description(body), body.actionType(), data(body)));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String tenantId, @PathVariable String id) {
        plans.delete(tenantId, id);
    }

    private static String description(PlanBody body) {
        return body.description() == null ? "" : body.description();
    }

    private static Map<String, String> data(PlanBody body) {
        return body.actionData() == null ? Map.of() : body.actionData();
    }
}
