package ai.sentiric.dialplan.trunk;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;

/** A carrier connection: the source addresses it sends from and the codecs it offers. */
@Entity
@Table(name = "sip_trunks")
public class SipTrunk {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;
    private String tenantId;
    private String name;
    @JdbcTypeCode(SqlTypes.JSON)
    private List<String> allowedCidrs = new ArrayList<>();
    @JdbcTypeCode(SqlTypes.JSON)
    private List<String> codecs = new ArrayList<>();
    private boolean active = true;
    private Instant updatedAt = Instant.now();

    protected SipTrunk() {
        this.tenantId = "";
        this.name = "";
    }

    SipTrunk(String tenantId, String name, List<String> allowedCidrs, List<String> codecs, boolean active) {
        this.tenantId = tenantId;
        change(name, allowedCidrs, codecs, active);
    }

    @PreUpdate
    void touch() {
        updatedAt = Instant.now();
    }

    void change(String name, List<String> allowedCidrs, List<String> codecs, boolean active) {
        this.name = name;
        this.allowedCidrs = new ArrayList<>(allowedCidrs);
        this.codecs = new ArrayList<>(codecs);
        this.active = active;
    }

    public long getId() { return id == null ? 0 : id; }
    public String getTenantId() { return tenantId; }
    public String getName() { return name; }
    public List<String> getAllowedCidrs() { return List.copyOf(allowedCidrs); }
    public List<String> getCodecs() { return List.copyOf(codecs); }
    public boolean isActive() { return active; }
    public Instant getUpdatedAt() { return updatedAt; }
}
