package ai.sentiric.user.tenant;

import ai.sentiric.support.web.PageResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.validator.constraints.URL;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** REST: tenants and their API keys. */
@RestController
@RequestMapping("/api/v1/tenants")
class TenantController {

    record CreateTenant(
            @NotBlank @Pattern(regexp = "^[a-z0-9][a-z0-9_-]{0,63}$", message = "lower-case letters, digits, _ and -") String id,
            @NotBlank @Size(max = 200) String name,
            @Nullable @Pattern(regexp = "^[A-Za-z]{2}$", message = "an ISO 3166 region such as TR or US") String defaultRegion,
            @Nullable @Pattern(regexp = "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$") String defaultLanguageCode,
            @Nullable @URL @Size(max = 2000) String webhookUrl,
            @Nullable Boolean active) {
    }

    record UpdateTenant(
            @Nullable @Size(min = 1, max = 200) String name,
            @Nullable @Pattern(regexp = "^[A-Za-z]{2}$") String defaultRegion,
            @Nullable @Pattern(regexp = "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$") String defaultLanguageCode,
            @Nullable @URL @Size(max = 2000) String webhookUrl,
            @Nullable Boolean active) {
    }

    record TenantResponse(String id, String name, boolean active, String defaultRegion, String defaultLanguageCode,
                          @Nullable String webhookUrl, @Nullable Instant createdAt) {
        static TenantResponse of(Tenant t) {
            return new TenantResponse(t.getId(), t.getName(), t.isActive(), t.getDefaultRegion(), t.getDefaultLanguageCode(),
                    t.getWebhookUrl(), t.getCreatedAt());
        }
    }

    record CreateKey(@NotBlank @Size(max = 100) String name) {
    }

    record KeyResponse(UUID id, String name, String prefix, @Nullable Instant createdAt, @Nullable Instant revokedAt,
                       @Nullable String secret) {
        static KeyResponse of(ApiKey key, @Nullable String secret) {
            return new KeyResponse(key.getId(), key.getName(), key.getKeyPrefix(), key.getCreatedAt(), key.getRevokedAt(), secret);
        }
    }

    private final TenantService tenants;

    TenantController(TenantService tenants) {
        this.tenants = tenants;
    }

    @GetMapping
    PageResponse<TenantResponse> list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return PageResponse.of(tenants.list(PageResponse.request(page, size, Sort.by("id"))), TenantResponse::of);
    }

    @PostMapping
    ResponseEntity<TenantResponse> create(@Valid @RequestBody CreateTenant body) {
        Tenant tenant = tenants.create(body.id(), new TenantService.TenantChange(body.name(), body.active(),
                body.defaultRegion(), body.defaultLanguageCode(), body.webhookUrl()));
        return ResponseEntity.created(URI.create("/api/v1/tenants/" + tenant.getId())).body(TenantResponse.of(tenant));
    }

    @GetMapping("/{tenantId}")
    TenantResponse get(@PathVariable String tenantId) {
        return TenantResponse.of(tenants.get(tenantId));
    }

    @PatchMapping("/{tenantId}")
    TenantResponse update(@PathVariable String tenantId, @Valid @RequestBody UpdateTenant body) {
        return TenantResponse.of(tenants.update(tenantId, new TenantService.TenantChange(body.name(), body.active(),
                body.defaultRegion(), body.defaultLanguageCode(), body.webhookUrl())));
    }

    @DeleteMapping("/{tenantId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String tenantId) {
        tenants.delete(tenantId);
    }

    /** The key's secret is in this response only. */
    @PostMapping("/{tenantId}/api-keys")
    @ResponseStatus(HttpStatus.CREATED)
    KeyResponse issueKey(@PathVariable String tenantId, @Valid @RequestBody CreateKey body) {
        var issued = tenants.issueKey(tenantId, body.name());
        return KeyResponse.of(issued.key(), issued.secret());
    }

    @GetMapping("/{tenantId}/api-keys")
    List<KeyResponse> keys(@PathVariable String tenantId) {
        return tenants.keys(tenantId).stream().map(key -> KeyResponse.of(key, null)).toList();
    }

    @DeleteMapping("/{tenantId}/api-keys/{keyId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revokeKey(@PathVariable String tenantId, @PathVariable UUID keyId) {
        tenants.revokeKey(tenantId, keyId);
    }
}
