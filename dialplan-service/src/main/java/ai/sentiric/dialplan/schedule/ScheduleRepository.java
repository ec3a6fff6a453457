package ai.sentiric.dialplan.schedule;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

/** Schedules, read within one tenant. */
public interface ScheduleRepository extends JpaRepository<Schedule, UUID> {

    Optional<Schedule> findByIdAndTenantId(UUID id, String tenantId);

    List<Schedule> findByTenantIdOrderByName(String tenantId);

    boolean existsByTenantIdAndName(String tenantId, String name);
}
