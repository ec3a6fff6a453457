package ai.sentiric.dialplan.route;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/** Routes by number (the resolution's key) and by tenant (administration). */
public interface InboundRouteRepository extends JpaRepository<InboundRoute, String> {

    Optional<InboundRoute> findByPhoneNumberAndTenantId(String phoneNumber, String tenantId);

    Page<InboundRoute> findByTenantId(String tenantId, Pageable page);

    boolean existsByScheduleId(UUID scheduleId);

    boolean existsBySipTrunkId(long sipTrunkId);

    /** Whether a route would lose its plan: the tenant's own routes, or any route for a `system` plan. */
    @Query("""
            select count(r) > 0 from InboundRoute r
            where (r.tenantId = :tenantId or :tenantId = 'system')
              and (r.activeDialplanId = :planId or r.offHoursDialplanId = :planId
                   or r.failsafeDialplanId = :planId or r.guestDialplanId = :planId)""")
    boolean referencesPlan(String tenantId, String planId);
}
