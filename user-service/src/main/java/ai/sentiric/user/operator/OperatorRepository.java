package ai.sentiric.user.operator;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

/** Operators; listed within one tenant, found by e-mail to sign in. */
public interface OperatorRepository extends JpaRepository<Operator, UUID> {

    Optional<Operator> findByEmail(String email);

    Optional<Operator> findByIdAndTenantId(UUID id, String tenantId);

    Page<Operator> findByTenantId(String tenantId, Pageable page);

    boolean existsByEmail(String email);
}
