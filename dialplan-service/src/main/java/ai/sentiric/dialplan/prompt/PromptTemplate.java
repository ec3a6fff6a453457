package ai.sentiric.dialplan.prompt;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** A text the agent fills in and sends to the LLM (or as SMS / e-mail), in one language. */
@Entity
@Table(name = "prompt_templates")
@IdClass(LocalizedKey.class)
public class PromptTemplate implements Localized {

    @Id
    private String tenantId;
    @Id
    private String id;
    @Id
    private String languageCode;
    private String templateType;
    private String content;

    protected PromptTemplate() {
        this("", "", "", "PROMPT", "");
    }

    PromptTemplate(String tenantId, String id, String languageCode, String templateType, String content) {
        this.tenantId = tenantId;
        this.id = id;
        this.languageCode = languageCode;
        this.templateType = templateType;
        this.content = content;
    }

    void change(String templateType, String content) {
        this.templateType = templateType;
        this.content = content;
    }

    @Override public String getTenantId() { return tenantId; }
    @Override public String getId() { return id; }
    @Override public String getLanguageCode() { return languageCode; }
    public String getTemplateType() { return templateType; }
    public String getContent() { return content; }
}
