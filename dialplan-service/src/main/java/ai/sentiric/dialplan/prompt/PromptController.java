package ai.sentiric.dialplan.prompt;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** REST: a tenant's announcements and prompt templates, one per id and language. */
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}")
class PromptController {

    private static final String ID = "^[A-Za-z0-9_.-]{1,64}$";
    private static final String LANGUAGE = "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$";

    record AnnouncementBody(@NotBlank @Size(max = 500) String audioPath, @NotNull @Size(max = 2000) String text) {
    }

    record TemplateBody(@NotBlank String templateType, @NotBlank @Size(max = 20000) String content) {
    }

    record AnnouncementResponse(String tenantId, String id, String languageCode, String audioPath, String text) {
        static AnnouncementResponse of(Announcement a) {
            return new AnnouncementResponse(a.getTenantId(), a.getId(), a.getLanguageCode(), a.getAudioPath(), a.getText());
        }
    }

    record TemplateResponse(String tenantId, String id, String languageCode, String templateType, String content) {
        static TemplateResponse of(PromptTemplate t) {
            return new TemplateResponse(t.getTenantId(), t.getId(), t.getLanguageCode(), t.getTemplateType(), t.getContent());
        }
    }

    private final PromptService prompts;

    PromptController(PromptService prompts) {
        this.prompts = prompts;
    }

    @GetMapping("/announcements")
    List<AnnouncementResponse> announcements(@PathVariable String tenantId) {
        return prompts.announcements(tenantId).stream().map(AnnouncementResponse::of).toList();
    }

    @PutMapping("/announcements/{id}/{languageCode}")
    AnnouncementResponse putAnnouncement(@PathVariable String tenantId,
                                         @PathVariable @Pattern(regexp = ID) String id,
                                         @PathVariable @Pattern(regexp = LANGUAGE) String languageCode,
                                         @Valid @RequestBody AnnouncementBody body) {
        return AnnouncementResponse.of(prompts.putAnnouncement(tenantId, id, languageCode, body.audioPath(), body.text()));
    }

    @DeleteMapping("/announcements/{id}/{languageCode}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteAnnouncement(@PathVariable String tenantId, @PathVariable String id, @PathVariable String languageCode) {
        prompts.deleteAnnouncement(tenantId, id, languageCode);
    }

    @GetMapping("/prompt-templates")
    List<TemplateResponse> templates(@PathVariable String tenantId) {
        return prompts.templates(tenantId).stream().map(TemplateResponse::of).toList();
    }

    @PutMapping("/prompt-templates/{id}/{languageCode}")
    TemplateResponse putTemplate(@PathVariable String tenantId,
                                 @PathVariable @Pattern(regexp = ID) String id,
                                 @PathVariable @Pattern(regexp = LANGUAGE) String languageCode,
                                 @Valid @RequestBody TemplateBody body) {
        return TemplateResponse.of(prompts.putTemplate(tenantId, id, languageCode, body.templateType(), body.content()));
    }

    @DeleteMapping("/prompt-templates/{id}/{languageCode}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteTemplate(@PathVariable String tenantId, @PathVariable String id, @PathVariable String languageCode) {
        prompts.deleteTemplate(tenantId, id, languageCode);
    }
}
