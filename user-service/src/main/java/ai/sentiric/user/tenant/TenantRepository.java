package ai.sentiric.user.tenant;

import org.springframework.data.jpa.repository.JpaRepository;

/** Tenants by id. */
public interface TenantRepository extends JpaRepository<Tenant, String> {

    boolean existsByNameIgnoreCase(String name);
}
