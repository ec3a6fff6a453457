package ai.sentiric.user.sip;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A SIP account of a user: its name and HA1 = MD5(username:realm:password), never the password. */
@Entity
@Table(name = "sip_credentials")
public class SipCredential {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;
    private String tenantId;
    private UUID userId;
    private String sipUsername;
    private String realm;
    private String ha1Hash;
    @Column(insertable = false, updatable = false)
    private @Nullable Instant createdAt;

    protected SipCredential() {
        this("", new UUID(0, 0), "", "", "");
    }

    SipCredential(String tenantId, UUID userId, String sipUsername, String realm, String ha1Hash) {
        this.tenantId = tenantId;
        this.userId = userId;
        this.sipUsername = sipUsername;
        this.realm = realm;
        this.ha1Hash = ha1Hash;
    }

    public String getTenantId() { return tenantId; }
    public UUID getUserId() { return userId; }
    public String getSipUsername() { return sipUsername; }
    public String getRealm() { return realm; }
    public String getHa1Hash() { return ha1Hash; }
    public @Nullable Instant getCreatedAt() { return createdAt; }
}
