package ai.sentiric.user.tenant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A business on the platform; everything else a tenant owns names it. */
@Entity
@Table(name = "tenants")
public class Tenant {

    @Id
    private String id;
    private String name;
    private boolean active = true;
    private String defaultRegion;
    private String defaultLanguageCode;
    private @Nullable String webhookUrl;
    @Column(insertable = false, updatable = false)
    private @Nullable Instant createdAt;
    private Instant updatedAt = Instant.now();

    protected Tenant() {
        this.id = "";
        this.name = "";
        this.defaultRegion = "US";
        this.defaultLanguageCode = "en";
    }

    public Tenant(String id, String name, String defaultRegion, String defaultLanguageCode, @Nullable String webhookUrl) {
        this.id = id;
        this.name = name;
        this.defaultRegion = defaultRegion;
        this.defaultLanguageCode = defaultLanguageCode;
        this.webhookUrl = webhookUrl;
    }

    @PreUpdate
    void touch() {
        updatedAt = Instant.now();
    }

    public String getId() { return id; }
    public String getName() { return name; }
    public boolean isActive() { return active; }
    public String getDefaultRegion() { return defaultRegion; }
    public String getDefaultLanguageCode() { return defaultLanguageCode; }
    public @Nullable String getWebhookUrl() { return webhookUrl; }
    public @Nullable Instant getCreatedAt() { return createdAt; }

    public void setName(String name) { this.name = name; }
    public void setActive(boolean active) { this.active = active; }
    public void setDefaultRegion(String defaultRegion) { this.defaultRegion = defaultRegion; }
    public void setDefaultLanguageCode(String defaultLanguageCode) { this.defaultLanguageCode = defaultLanguageCode; }
    public void setWebhookUrl(@Nullable String webhookUrl) { this.webhookUrl = webhookUrl; }
}
