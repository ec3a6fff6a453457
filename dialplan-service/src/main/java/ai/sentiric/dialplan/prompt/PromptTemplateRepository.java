package ai.sentiric.dialplan.prompt;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

/** Prompt templates, read within a tenant and `system`. */
public interface PromptTemplateRepository extends JpaRepository<PromptTemplate, LocalizedKey> {

    List<PromptTemplate> findByIdAndTenantIdIn(String id, List<String> tenantIds);

    List<PromptTemplate> findByTenantIdOrderByIdAscLanguageCodeAsc(String tenantId);
}
