package ai.sentiric.dialplan.route;

import ai.sentiric.support.errors.DomainException;
import ai.sentiric.support.web.PageResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;
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

/** REST: a tenant's inbound routes, addressed by number ("+902124548590" or "902124548590"). */
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/inbound-routes")
class RouteController {

    private static final String PLAN_ID = "^[A-Za-z0-9_.-]{1,64}$";

    record RouteBody(@Nullable String phoneNumber,
                     @Nullable @Pattern(regexp = PLAN_ID) String activeDialplanId,
                     @Nullable @Pattern(regexp = PLAN_ID) String offHoursDialplanId,
                     @Nullable @Pattern(regexp = PLAN_ID) String failsafeDialplanId,
                     @Nullable @Pattern(regexp = PLAN_ID) String guestDialplanId,
                     @Nullable Boolean maintenanceMode,
                     @Nullable @Pattern(regexp = "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$") String defaultLanguageCode,
                     @Nullable Boolean blockAnonymous,
                     @Nullable UUID scheduleId,
                     @Nullable Long sipTrunkId) {
        InboundRoute.Settings settings() {
            return new InboundRoute.Settings(activeDialplanId, offHoursDialplanId, failsafeDialplanId, guestDialplanId,
                    Boolean.TRUE.equals(maintenanceMode), defaultLanguageCode == null ? "en" : defaultLanguageCode,
                    Boolean.TRUE.equals(blockAnonymous), scheduleId, sipTrunkId);
        }
    }

    record RouteResponse(String phoneNumber, String tenantId, InboundRoute.Settings settings, Instant updatedAt) {
        static RouteResponse of(InboundRoute r) {
            return new RouteResponse(r.getPhoneNumber(), r.getTenantId(), r.settings(), r.getUpdatedAt());
        }
    }

    private final RouteService routes;

    RouteController(RouteService routes) {
        this.routes = routes;
    }

    @GetMapping
    PageResponse<RouteResponse> list(@PathVariable String tenantId, @RequestParam(defaultValue = "0") int page,
                                     @RequestParam(defaultValue = "50") int size) {
        return PageResponse.of(routes.list(tenantId, PageResponse.request(page, size, Sort.by("phoneNumber"))), RouteResponse::of);
    }

    @PostMapping
    ResponseEntity<RouteResponse> create(@PathVariable String tenantId, @Valid @RequestBody RouteBody body) {
        if (body.phoneNumber() == null || body.phoneNumber().isBlank()) {
            throw DomainException.invalid("phoneNumber is required");
        }
        InboundRoute route = routes.create(tenantId, body.phoneNumber(), body.settings());
        return ResponseEntity.created(URI.create("/api/v1/tenants/" + tenantId + "/inbound-routes/" + route.getPhoneNumber()))
                .body(RouteResponse.of(route));
    }

    @GetMapping("/{phoneNumber}")
    RouteResponse get(@PathVariable String tenantId, @PathVariable String phoneNumber) {
        return RouteResponse.of(routes.get(tenantId, phoneNumber));
    }

    @PutMapping("/{phoneNumber}")
    RouteResponse update(@PathVariable String tenantId, @PathVariable String phoneNumber, @Valid @RequestBody RouteBody body) {
        return RouteResponse.of(routes.update(tenantId, phoneNumber, body.settings()));
    }

    @DeleteMapping("/{phoneNumber}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String tenantId, @PathVariable String phoneNumber) {
        routes.delete(tenantId, phoneNumber);
    }
}
