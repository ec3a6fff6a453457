package ai.sentiric.dialplan.route;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A dialled number: whose it is, which plans answer it, and when. */
@Entity
@Table(name = "inbound_routes")
public class InboundRoute {

    /** Everything about a route but its number and tenant. */
    public record Settings(@Nullable String activeDialplanId, @Nullable String offHoursDialplanId,
                           @Nullable String failsafeDialplanId, @Nullable String guestDialplanId, boolean maintenanceMode,
                           String defaultLanguageCode, boolean blockAnonymous, @Nullable UUID scheduleId,
                           @Nullable Long sipTrunkId) {
    }

    @Id
    private String phoneNumber;
    private String tenantId;
    private @Nullable String activeDialplanId;
    private @Nullable String offHoursDialplanId;
    private @Nullable String failsafeDialplanId;
    private @Nullable String guestDialplanId;
    private boolean maintenanceMode;
    private String defaultLanguageCode = "en";
    private boolean blockAnonymous;
    private @Nullable UUID scheduleId;
    private @Nullable Long sipTrunkId;
    private Instant updatedAt = Instant.now();

    protected InboundRoute() {
        this.phoneNumber = "";
        this.tenantId = "";
    }

    InboundRoute(String phoneNumber, String tenantId, Settings settings) {
        this.phoneNumber = phoneNumber;
        this.tenantId = tenantId;
        apply(settings);
    }

    @PreUpdate
    void touch() {
        updatedAt = Instant.now();
    }

    void apply(Settings settings) {
        this.activeDialplanId = settings.activeDialplanId();
        this.offHoursDialplanId = settings.offHoursDialplanId();
        this.failsafeDialplanId = settings.failsafeDialplanId();
        this.guestDialplanId = settings.guestDialplanId();
        this.maintenanceMode = settings.maintenanceMode();
        this.defaultLanguageCode = settings.defaultLanguageCode();
        this.blockAnonymous = settings.blockAnonymous();
        this.scheduleId = settings.scheduleId();
        this.sipTrunkId = settings.sipTrunkId();
    }

    public Settings settings() {
        return new Settings(activeDialplanId, offHoursDialplanId, failsafeDialplanId, guestDialplanId, maintenanceMode,
                defaultLanguageCode, blockAnonymous, scheduleId, sipTrunkId);
    }

    public String getPhoneNumber() { return phoneNumber; }
    public String getTenantId() { return tenantId; }
    public Instant getUpdatedAt() { return updatedAt; }
}
