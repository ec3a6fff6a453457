package ai.sentiric.user.sip;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

/** SIP credentials; listed and deleted within one tenant, found by name for digest checks. */
public interface SipCredentialRepository extends JpaRepository<SipCredential, Long> {

    Optional<SipCredential> findBySipUsername(String sipUsername);

    Optional<SipCredential> findBySipUsernameAndTenantId(String sipUsername, String tenantId);

    List<SipCredential> findByTenantIdOrderBySipUsername(String tenantId);

    boolean existsBySipUsername(String sipUsername);
}
