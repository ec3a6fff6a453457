package ai.sentiric.user.tenant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A tenant's API key, known by its SHA-256 only; the prefix lets operators tell keys apart. */
@Entity
@Table(name = "tenant_api_keys")
public class ApiKey {

    @Id
    private UUID id;
    private String tenantId;
    private String name;
    private String keyPrefix;
    private String keyHash;
    @Column(insertable = false, updatable = false)
    private @Nullable Instant createdAt;
    private @Nullable Instant revokedAt;

    protected ApiKey() {
        this(UUID.randomUUID(), "", "", "", "");
    }

    ApiKey(UUID id, String tenantId, String name, String keyPrefix, String keyHash) {
        this.id = id;
        this.tenantId = tenantId;
        this.name = name;
        this.keyPrefix = keyPrefix;
        this.keyHash = keyHash;
    }

    public UUID getId() { return id; }
    public String getTenantId() { return tenantId; }
    public String getName() { return name; }
    public String getKeyPrefix() { return keyPrefix; }
    public @Nullable Instant getCreatedAt() { return createdAt; }
    public @Nullable Instant getRevokedAt() { return revokedAt; }

    void revoke() {
        if (revokedAt == null) {
            revokedAt = Instant.now();
        }
    }
}
