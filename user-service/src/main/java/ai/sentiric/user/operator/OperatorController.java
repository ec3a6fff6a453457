package ai.sentiric.user.operator;

import ai.sentiric.support.web.PageResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** REST: operator accounts of a tenant, and the login check the API gateway relies on. */
@RestController
class OperatorController {

    record CreateOperator(@NotBlank @Email @Size(max = 320) String email, @NotBlank @Size(min = 12, max = 256) String password,
                          @NotNull OperatorRole role) {
    }

    record Login(@NotBlank String email, @NotBlank String password) {
    }

    record OperatorResponse(UUID id, String tenantId, String email, OperatorRole role, @Nullable Instant createdAt,
                            @Nullable Instant lastLoginAt) {
        static OperatorResponse of(Operator o) {
            return new OperatorResponse(o.getId(), o.getTenantId(), o.getEmail(), o.getRole(), o.getCreatedAt(), o.getLastLoginAt());
        }
    }

    private final OperatorService operators;

    OperatorController(OperatorService operators) {
        this.operators = operators;
    }

    @GetMapping("/api/v1/tenants/{tenantId}/operators")
    PageResponse<OperatorResponse> list(@PathVariable String tenantId, @RequestParam(defaultValue = "0") int page,
                                        @RequestParam(defaultValue = "50") int size) {
        return PageResponse.of(operators.list(tenantId, PageResponse.request(page, size, Sort.by("email"))), OperatorResponse::of);
    }

    @PostMapping("/api/v1/tenants/{tenantId}/operators")
    @ResponseStatus(HttpStatus.CREATED)
    OperatorResponse create(@PathVariable String tenantId, @Valid @RequestBody CreateOperator body) {
        return OperatorResponse.of(operators.create(tenantId, body.email(), body.password(), body.role()));
    }

    @DeleteMapping("/api/v1/tenants/{tenantId}/operators/{operatorId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String tenantId, @PathVariable UUID operatorId) {
        operators.delete(tenantId, operatorId);
    }

    @PostMapping("/api/v1/auth/login")
    OperatorResponse login(@Valid @RequestBody Login body) {
        return OperatorResponse.of(operators.authenticate(body.email(), body.password()));
    }
}
