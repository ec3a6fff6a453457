package ai.sentiric.dialplan.prompt;

import ai.sentiric.dialplan.CatalogChanged;
import ai.sentiric.support.errors.DomainException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Announcements and prompt templates. The one a call gets is, in this order: the tenant's own in
 * the call's language, `system`'s in that language, then `system`'s in the fallback language
 * (English). A guest on a tenant that recorded nothing still hears something.
 */
@Service
@Transactional(readOnly = true)
public class PromptService {

    static final String SYSTEM = "system";
    static final String FALLBACK_LANGUAGE = "en";
    static final Set<String> TEMPLATE_TYPES = Set.of("PROMPT", "SYSTEM_PROMPT", "RAG_PROMPT", "SMS", "EMAIL");

    private final AnnouncementRepository announcements;
    private final PromptTemplateRepository templates;
    private final ApplicationEventPublisher events;

    public PromptService(AnnouncementRepository announcements, PromptTemplateRepository templates, ApplicationEventPublisher events) {
        this.announcements = announcements;
        this.templates = templates;
        this.events = events;
    }

    public Announcement announcement(String tenantId, String id, String languageCode) {
        return best(announcements.findByIdAndTenantIdIn(id, List.of(tenantId, SYSTEM)), tenantId, languageCode)
                .orElseThrow(() -> DomainException.notFound("announcement", id));
    }

    public PromptTemplate template(String tenantId, String id, String languageCode) {
        return best(templates.findByIdAndTenantIdIn(id, List.of(tenantId, SYSTEM)), tenantId, languageCode)
                .orElseThrow(() -> DomainException.notFound("prompt template", id));
    }

    public List<Announcement> announcements(String tenantId) {
        return announcements.findByTenantIdOrderByIdAscLanguageCodeAsc(tenantId);
    }

    public List<PromptTemplate> templates(String tenantId) {
        return templates.findByTenantIdOrderByIdAscLanguageCodeAsc(tenantId);
    }

    @Transactional
    public Announcement putAnnouncement(String tenantId, String id, String languageCode, String audioPath, String text) {
        if (audioPath.startsWith("/") || audioPath.contains("..")) {
            throw DomainException.invalid("audioPath is relative to the assets root and may not leave it");
        }
        Announcement announcement = announcements.findById(new LocalizedKey(tenantId, id, languageCode))
                .orElseGet(() -> new Announcement(tenantId, id, languageCode, audioPath, text));
        announcement.change(audioPath, text);
        announcements.saveAndFlush(announcement);
        events.publishEvent(new CatalogChanged(tenantId, "announcement"));
        return announcement;
    }

    @Transactional
    public PromptTemplate putTemplate(String tenantId, String id, String languageCode, String templateType, String content) {
        if (!TEMPLATE_TYPES.contains(templateType)) {
            throw DomainException.invalid("templateType is one of " + TEMPLATE_TYPES);
        }
        PromptTemplate template = templates.findById(new LocalizedKey(tenantId, id, languageCode))
                .orElseGet(() -> new PromptTemplate(tenantId, id, languageCode, templateType, content));
        template.change(templateType, content);
        templates.saveAndFlush(template);
        events.publishEvent(new CatalogChanged(tenantId, "template"));
        return template;
    }

    @Transactional
    public void deleteAnnouncement(String tenantId, String id, String languageCode) {
        announcements.delete(announcements.findById(new LocalizedKey(tenantId, id, languageCode))
                .orElseThrow(() -> DomainException.notFound("announcement", id + "/" + languageCode)));
    }

    @Transactional
    public void deleteTemplate(String tenantId, String id, String languageCode) {
        templates.delete(templates.findById(new LocalizedKey(tenantId, id, languageCode))
                .orElseThrow(() -> DomainException.notFound("prompt template", id + "/" + languageCode)));
    }

    /** Tenant and language first, then `system` in the language, then `system` in the fallback language. */
    static <T extends Localized> Optional<T> best(List<T> candidates, String tenantId, String languageCode) {
        Comparator<T> preference = Comparator
                .comparing((T item) -> !item.getTenantId().equals(tenantId))
                .thenComparing(item -> !item.getLanguageCode().equals(languageCode));
        return candidates.stream()
                .filter(item -> item.getLanguageCode().equals(languageCode)
                        || (item.getTenantId().equals(SYSTEM) && item.getLanguageCode().equals(FALLBACK_LANGUAGE)))
                .min(preference);
    }
}
