package ai.sentiric.dialplan.plan;

import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

/** Plans, read within one tenant (and `system`'s, which every tenant may use). */
public interface DialplanRepository extends JpaRepository<Dialplan, Dialplan.Key> {

    Optional<Dialplan> findByTenantIdAndId(String tenantId, String id);

    Page<Dialplan> findByTenantId(String tenantId, Pageable page);

    List<Dialplan> findByIdAndTenantIdIn(String id, List<String> tenantIds);
}
