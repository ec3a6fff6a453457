package ai.sentiric.user.user;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

/** Contacts, always read within one tenant. */
public interface ContactRepository extends JpaRepository<Contact, Long> {

    Optional<Contact> findByTenantIdAndContactTypeAndContactValue(String tenantId, ContactType type, String value);

    Optional<Contact> findByIdAndTenantId(long id, String tenantId);

    boolean existsByTenantIdAndContactTypeAndContactValue(String tenantId, ContactType type, String value);
}
