package ai.sentiric.user.user;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import org.hibernate.annotations.BatchSize;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A person a tenant knows: a caller, or one of its agents or admins. */
@Entity
@Table(name = "users")
public class User {

    @Id
    private UUID id;
    private String tenantId;
    private @Nullable String name;
    @Enumerated(EnumType.STRING)
    private UserType userType;
    private @Nullable String preferredLanguageCode;
    @Column(insertable = false, updatable = false)
    private @Nullable Instant createdAt;
    private Instant updatedAt = Instant.now();
    @OneToMany(mappedBy = "user", cascade = CascadeType.ALL, orphanRemoval = true)
    @BatchSize(size = 100)
    @OrderBy("id")
    private List<Contact> contacts = new ArrayList<>();

    protected User() {
        this(UUID.randomUUID(), "", null, UserType.CALLER, null);
    }

    public User(UUID id, String tenantId, @Nullable String name, UserType userType, @Nullable String preferredLanguageCode) {
        this.id = id;
        this.tenantId = tenantId;
        this.name = name;
        this.userType = userType;
        this.preferredLanguageCode = preferredLanguageCode;
    }

    @PreUpdate
    void touch() {
        updatedAt = Instant.now();
    }

    public UUID getId() { return id; }
    public String getTenantId() { return tenantId; }
    public @Nullable String getName() { return name; }
    public UserType getUserType() { return userType; }
    public @Nullable String getPreferredLanguageCode() { return preferredLanguageCode; }
    public @Nullable Instant getCreatedAt() { return createdAt; }
    public List<Contact> getContacts() { return contacts; }

    public void setName(@Nullable String name) { this.name = name; }
    public void setUserType(UserType userType) { this.userType = userType; }
    public void setPreferredLanguageCode(@Nullable String code) { this.preferredLanguageCode = code; }

    /** Adds a contact; a primary one demotes the other primary contacts of its type. */
    Contact addContact(ContactType type, String value, boolean primary) {
        Contact contact = new Contact(this, type, value, primary);
        contacts.add(contact);
        if (primary) {
            makePrimary(contact);
        }
        return contact;
    }

    void makePrimary(Contact primary) {
        contacts.stream().filter(c -> c != primary && c.getContactType() == primary.getContactType())
                .forEach(c -> c.setPrimary(false));
        primary.setPrimary(true);
    }

    void removeContact(Contact contact) {
        contacts.remove(contact);
        updatedAt = Instant.now();
    }
}
