package ai.sentiric.user.user;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;

/** Users, always read within one tenant. */
public interface UserRepository extends JpaRepository<User, UUID> {

    @EntityGraph(attributePaths = "contacts")
    Optional<User> findByIdAndTenantId(UUID id, String tenantId);

    Page<User> findByTenantId(String tenantId, Pageable page);

    Page<User> findByTenantIdAndUserType(String tenantId, UserType userType, Pageable page);
}
