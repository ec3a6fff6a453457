package ai.sentiric.user.tenant;

import ai.sentiric.support.errors.DomainException;
import ai.sentiric.support.errors.ErrorKind;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Tenants and their API keys. */
@Service
@Transactional(readOnly = true)
public class TenantService {

    /** A tenant's settings as given on creation or change; null fields are left as they are. */
    public record TenantChange(@Nullable String name, @Nullable Boolean active, @Nullable String defaultRegion,
                               @Nullable String defaultLanguageCode, @Nullable String webhookUrl) {
    }

    /** A new key: the secret is shown once and never again. */
    public record IssuedKey(ApiKey key, String secret) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final TenantRepository tenants;
    private final ApiKeyRepository keys;

    public TenantService(TenantRepository tenants, ApiKeyRepository keys) {
        this.tenants = tenants;
        this.keys = keys;
    }

    public Page<Tenant> list(Pageable page) {
        return tenants.findAll(page);
    }

    public Tenant get(String id) {
        return tenants.findById(id).orElseThrow(() -> DomainException.notFound("tenant", id));
    }

    /** The tenant, if it exists and is active; FAILED_PRECONDITION when inactive. */
    public Tenant active(String id) {
        Tenant tenant = get(id);
        if (!tenant.isActive()) {
            throw new DomainException(ErrorKind.FAILED_PRECONDITION, "tenant '" + id + "' is inactive");
        }
        return tenant;
    }

    @Transactional
    public Tenant create(String id, TenantChange change) {
        if (tenants.existsById(id)) {
            throw DomainException.alreadyExists("tenant '" + id + "' already exists");
        }
        if (change.name() == null || tenants.existsByNameIgnoreCase(change.name())) {
            throw DomainException.alreadyExists("a tenant named '" + change.name() + "' already exists");
        }
        Tenant tenant = new Tenant(id, change.name(), region(change.defaultRegion(), "US"),
                change.defaultLanguageCode() == null ? "en" : change.defaultLanguageCode(), change.webhookUrl());
        if (change.active() != null) {
            tenant.setActive(change.active());
        }
        return tenants.save(tenant);
    }

    @Transactional
    public Tenant update(String id, TenantChange change) {
        Tenant tenant = get(id);
        if (change.name() != null && !change.name().equalsIgnoreCase(tenant.getName())) {
            if (tenants.existsByNameIgnoreCase(change.name())) {
                throw DomainException.alreadyExists("a tenant named '" + change.name() + "' already exists");
            }
            tenant.setName(change.name());
        }
        if (change.active() != null) {
            tenant.setActive(change.active());
        }
        if (change.defaultRegion() != null) {
            tenant.setDefaultRegion(region(change.defaultRegion(), tenant.getDefaultRegion()));
        }
        if (change.defaultLanguageCode() != null) {
            tenant.setDefaultLanguageCode(change.defaultLanguageCode());
        }
        if (change.webhookUrl() != null) {
            tenant.setWebhookUrl(change.webhookUrl().isBlank() ? null : change.webhookUrl());
        }
        return tenant;
    }

    @Transactional
    public void delete(String id) {
        if ("system".equals(id)) {
            throw new DomainException(ErrorKind.FAILED_PRECONDITION, "the system tenant cannot be deleted");
        }
        tenants.delete(get(id));
    }

    @Transactional
    public IssuedKey issueKey(String tenantId, String name) {
        active(tenantId);
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String secret = "sk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        ApiKey key = keys.save(new ApiKey(UUID.randomUUID(), tenantId, name, secret.substring(0, 10), sha256(secret)));
        return new IssuedKey(key, secret);
    }

    public List<ApiKey> keys(String tenantId) {
        get(tenantId);
        return keys.findByTenantIdOrderByCreatedAtDesc(tenantId);
    }

    @Transactional
    public void revokeKey(String tenantId, UUID keyId) {
        keys.findByIdAndTenantId(keyId, tenantId).orElseThrow(() -> DomainException.notFound("API key", keyId)).revoke();
    }

    /** The key behind a secret, if it is valid and its tenant active; UNAUTHENTICATED otherwise. */
    public ApiKey verify(String secret) {
        return keys.findByKeyHashAndRevokedAtIsNull(sha256(secret == null ? "" : secret))
                .filter(key -> tenants.findById(key.getTenantId()).map(Tenant::isActive).orElse(false))
                .orElseThrow(() -> new DomainException(ErrorKind.UNAUTHENTICATED, "unknown or revoked API key"));
    }

    private static String region(@Nullable String region, String fallback) {
        if (region == null || region.isBlank()) {
            return fallback;
        }
        String upper = region.toUpperCase(Locale.ROOT);
        if (!PhoneNumberUtil.getInstance().getSupportedRegions().contains(upper)) {
            throw DomainException.invalid("'" + region + "' is not a known region");
        }
        return upper;
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
