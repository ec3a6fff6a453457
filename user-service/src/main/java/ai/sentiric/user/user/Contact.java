package ai.sentiric.user.user;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/** One way to reach a user, unique within the tenant by type and value. */
@Entity
@Table(name = "contacts")
public class Contact {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;
    private String tenantId;
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "user_id")
    private User user;
    @Enumerated(EnumType.STRING)
    private ContactType contactType;
    private String contactValue;
    private boolean isPrimary;

    protected Contact() {
        this.tenantId = "";
        this.user = null;
        this.contactType = ContactType.PHONE;
        this.contactValue = "";
    }

    Contact(User user, ContactType contactType, String contactValue, boolean isPrimary) {
        this.tenantId = user.getTenantId();
        this.user = user;
        this.contactType = contactType;
        this.contactValue = contactValue;
        this.isPrimary = isPrimary;
    }

    public long getId() { return id == null ? 0 : id; }
    public String getTenantId() { return tenantId; }
    public User getUser() { return user; }
    public ContactType getContactType() { return contactType; }
    public String getContactValue() { return contactValue; }
    public boolean isPrimary() { return isPrimary; }

    void setContactValue(String contactValue) { this.contactValue = contactValue; }
    void setPrimary(boolean primary) { this.isPrimary = primary; }
}
