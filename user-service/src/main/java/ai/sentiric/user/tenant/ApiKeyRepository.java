package ai.sentiric.user.tenant;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

/** API keys; always read within one tenant, except the look-up by hash that identifies it. */
public interface ApiKeyRepository extends JpaRepository<ApiKey, UUID> {

    List<ApiKey> findByTenantIdOrderByCreatedAtDesc(String tenantId);

    Optional<ApiKey> findByIdAndTenantId(UUID id, String tenantId);

    Optional<ApiKey> findByKeyHashAndRevokedAtIsNull(String keyHash);
}
