package ai.sentiric.dialplan.trunk;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

/** Trunks, administered within one tenant; matched across all active ones by source address. */
public interface SipTrunkRepository extends JpaRepository<SipTrunk, Long> {

    Optional<SipTrunk> findByIdAndTenantId(long id, String tenantId);

    List<SipTrunk> findByTenantIdOrderByName(String tenantId);

    List<SipTrunk> findByActiveTrue();

    boolean existsByTenantIdAndName(String tenantId, String name);
}
