package ai.sentiric.user.operator;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A person who signs in to the dashboard or API for a tenant. */
@Entity
@Table(name = "operators")
public class Operator {

    @Id
    private UUID id;
    private String tenantId;
    private String email;
    private String passwordHash;
    @Enumerated(EnumType.STRING)
    private OperatorRole role;
    @Column(insertable = false, updatable = false)
    private @Nullable Instant createdAt;
    private @Nullable Instant lastLoginAt;

    protected Operator() {
        this(UUID.randomUUID(), "", "", "", OperatorRole.VIEWER);
    }

    Operator(UUID id, String tenantId, String email, String passwordHash, OperatorRole role) {
        this.id = id;
        this.tenantId = tenantId;
        this.email = email;
        this.passwordHash = passwordHash;
        this.role = role;
    }

    public UUID getId() { return id; }
    public String getTenantId() { return tenantId; }
    public String getEmail() { return email; }
    public OperatorRole getRole() { return role; }
    public @Nullable Instant getCreatedAt() { return createdAt; }
    public @Nullable Instant getLastLoginAt() { return lastLoginAt; }

    String getPasswordHash() { return passwordHash; }
    void setPasswordHash(String passwordHash) { this.passwordHash = passwordHash; }
    void loggedIn() { this.lastLoginAt = Instant.now(); }
}
