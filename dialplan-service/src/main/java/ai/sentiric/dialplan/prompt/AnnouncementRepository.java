package ai.sentiric.dialplan.prompt;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

/** Announcements, read within a tenant and `system`. */
public interface AnnouncementRepository extends JpaRepository<Announcement, LocalizedKey> {

    List<Announcement> findByIdAndTenantIdIn(String id, List<String> tenantIds);

    List<Announcement> findByTenantIdOrderByIdAscLanguageCodeAsc(String tenantId);
}
