package ai.sentiric.user.user;

import ai.sentiric.proto.event.v1.ChangeKind;
import ai.sentiric.support.errors.DomainException;
import ai.sentiric.support.phone.PhoneNumbers;
import ai.sentiric.support.warmup.WarmUp;
import ai.sentiric.user.tenant.Tenant;
import ai.sentiric.user.tenant.TenantService;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Users and their contacts, always within one tenant: a user id or contact of another tenant is
 * NOT_FOUND. Contact values are normalised before they are stored or looked up, so "0555 111 22
 * 33" and "+905551112233" are the same phone contact of a Turkish tenant.
 */
@Service
@Transactional(readOnly = true)
public class UserService implements WarmUp {

    /** A user to create, with its first (primary) contact. */
    public record NewUser(UserType userType, @Nullable String name, ContactType contactType, String contactValue,
                          @Nullable String preferredLanguageCode) {
    }

    /** Changes to a user; a null field is left as it is, an empty string clears it. */
    public record UserPatch(@Nullable String name, @Nullable UserType userType, @Nullable String preferredLanguageCode) {
    }

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern TELEGRAM = Pattern.compile("^[a-z0-9_]{5,32}$");
    private static final Pattern LANGUAGE = Pattern.compile("^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$");

    private final UserRepository users;
    private final ContactRepository contacts;
    private final TenantService tenants;
    private final PhoneNumbers phones;
    private final ApplicationEventPublisher changes;

    public UserService(UserRepository users, ContactRepository contacts, TenantService tenants, PhoneNumbers phones,
                       ApplicationEventPublisher changes) {
        this.users = users;
        this.contacts = contacts;
        this.tenants = tenants;
        this.phones = phones;
        this.changes = changes;
    }

    public User get(String tenantId, UUID userId) {
        return users.findByIdAndTenantId(userId, tenantId).orElseThrow(() -> DomainException.notFound("user", userId));
    }

    public Page<User> list(String tenantId, @Nullable UserType type, Pageable page) {
        tenants.get(tenantId);
        Page<User> found = type == null ? users.findByTenantId(tenantId, page) : users.findByTenantIdAndUserType(tenantId, type, page);
        // Load every user's contacts now, in batches, while the session is open.
        found.forEach(user -> user.getContacts().size());
        return found;
    }

    /**
     * Prepares the two reads of {@link #findByContact} (the contact, then the tenant) with a tenant
     * that cannot exist, so the first caller look-up after a (re)start does not wait for them.
     */
    @Override
    public void warmUp() {
        contacts.findByTenantIdAndContactTypeAndContactValue("", ContactType.PHONE, "");
        try {
            findByContact("", ContactType.PHONE, "");
        } catch (DomainException expected) {
            // NOT_FOUND: no tenant "".
        }
    }

    /** The contact (and through it the user) with this value; NOT_FOUND when the tenant has none. */
    public Contact findByContact(String tenantId, ContactType type, String value) {
        Tenant tenant = tenants.get(tenantId);
        String normalized = normalize(tenant, type, value);
        Contact contact = contacts.findByTenantIdAndContactTypeAndContactValue(tenantId, type, normalized)
                .orElseThrow(() -> DomainException.notFound(type.name().toLowerCase(Locale.ROOT) + " contact", "(masked)"));
        contact.getUser().getContacts().size();
        return contact;
    }

    @Transactional
    public User create(String tenantId, NewUser request) {
        Tenant tenant = tenants.active(tenantId);
        String value = normalize(tenant, request.contactType(), request.contactValue());
        requireFree(tenantId, request.contactType(), value);
        User user = new User(UUID.randomUUID(), tenantId, blankToNull(request.name()), request.userType(),
                language(request.preferredLanguageCode()));
        user.addContact(request.contactType(), value, true);
        users.saveAndFlush(user);
        changes.publishEvent(new UserChanged(tenantId, user.getId(), ChangeKind.CHANGE_KIND_CREATED));
        return user;
    }

    @Transactional
    public User update(String tenantId, UUID userId, UserPatch patch) {
        User user = get(tenantId, userId);
        if (patch.name() != null) {
            user.setName(blankToNull(patch.name()));
        }
        if (patch.userType() != null) {
            user.setUserType(patch.userType());
        }
        if (patch.preferredLanguageCode() != null) {
            user.setPreferredLanguageCode(language(patch.preferredLanguageCode()));
        }
        users.saveAndFlush(user);
        changes.publishEvent(new UserChanged(tenantId, userId, ChangeKind.CHANGE_KIND_UPDATED));
        return user;
    }

    @Transactional
    public void delete(String tenantId, UUID userId) {
        users.delete(get(tenantId, userId));
        users.flush();
        changes.publishEvent(new UserChanged(tenantId, userId, ChangeKind.CHANGE_KIND_DELETED));
    }

    @Transactional
    public User addContact(String tenantId, UUID userId, ContactType type, String value, boolean primary) {
        User user = get(tenantId, userId);
        String normalized = normalize(tenants.get(tenantId), type, value);
        requireFree(tenantId, type, normalized);
        boolean firstOfType = user.getContacts().stream().noneMatch(c -> c.getContactType() == type);
        user.addContact(type, normalized, primary || firstOfType);
        users.saveAndFlush(user);
        changes.publishEvent(new UserChanged(tenantId, userId, ChangeKind.CHANGE_KIND_UPDATED));
        return user;
    }

    @Transactional
    public User updateContact(String tenantId, long contactId, @Nullable String value, @Nullable Boolean primary) {
        Contact contact = contacts.findByIdAndTenantId(contactId, tenantId)
                .orElseThrow(() -> DomainException.notFound("contact", contactId));
        User user = get(tenantId, contact.getUser().getId());
        if (value != null) {
            String normalized = normalize(tenants.get(tenantId), contact.getContactType(), value);
            if (!normalized.equals(contact.getContactValue())) {
                requireFree(tenantId, contact.getContactType(), normalized);
                contact.setContactValue(normalized);
            }
        }
        if (Boolean.TRUE.equals(primary)) {
            user.makePrimary(contact);
        } else if (Boolean.FALSE.equals(primary)) {
            contact.setPrimary(false);
        }
        users.saveAndFlush(user);
        changes.publishEvent(new UserChanged(tenantId, user.getId(), ChangeKind.CHANGE_KIND_UPDATED));
        return user;
    }

    @Transactional
    public User deleteContact(String tenantId, long contactId) {
        Contact contact = contacts.findByIdAndTenantId(contactId, tenantId)
                .orElseThrow(() -> DomainException.notFound("contact", contactId));
        User user = get(tenantId, contact.getUser().getId());
        user.removeContact(contact);
        users.saveAndFlush(user);
        changes.publishEvent(new UserChanged(tenantId, user.getId(), ChangeKind.CHANGE_KIND_UPDATED));
        return user;
    }

    private void requireFree(String tenantId, ContactType type, String value) {
        if (contacts.existsByTenantIdAndContactTypeAndContactValue(tenantId, type, value)) {
            throw DomainException.alreadyExists("this " + type.name().toLowerCase(Locale.ROOT) + " contact already belongs to a user of the tenant");
        }
    }

    /** The stored form of a contact value, or INVALID_ARGUMENT. */
    String normalize(Tenant tenant, ContactType type, @Nullable String value) {
        if (value == null || value.isBlank()) {
            throw DomainException.invalid("a contact value is required");
        }
        String trimmed = value.strip();
        return switch (type) {
            case PHONE, WHATSAPP -> phones.toE164(trimmed, tenant.getDefaultRegion());
            case EMAIL -> {
                if (!EMAIL.matcher(trimmed).matches()) {
                    throw DomainException.invalid("'" + trimmed + "' is not an e-mail address");
                }
                yield trimmed.toLowerCase(Locale.ROOT);
            }
            case TELEGRAM -> {
                String handle = (trimmed.startsWith("@") ? trimmed.substring(1) : trimmed).toLowerCase(Locale.ROOT);
                if (!TELEGRAM.matcher(handle).matches()) {
                    throw DomainException.invalid("'" + trimmed + "' is not a Telegram user name");
                }
                yield handle;
            }
        };
    }

    private static @Nullable String language(@Nullable String code) {
        String value = blankToNull(code);
        if (value != null && !LANGUAGE.matcher(value).matches()) {
            throw DomainException.invalid("'" + value + "' is not a language code");
        }
        return value;
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
