package ai.sentiric.dialplan.prompt;

import jakarta.persistence.Entity;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** A text the agent fills in and sends to the LLM (or as SMS / e-mail), in one language. */
@Entity
@Table(name = "prompt_templates")
@IdClass(LocalizedKey.class)
public class PromptTemplate extends Localized {

    private String templateType;
    private String content;

    protected PromptTemplate() {
        this("", "", "", "PROMPT", "");
    }

    PromptTemplate(String tenantId, String id, String languageCode, String templateType, String content) {
        super(tenantId, id, languageCode);
        this.templateType = templateType;
        this.content = content;
    }

    void change(String templateType, String content) {
        this.templateType = templateType;
        this.content = content;
    }

    public String getTemplateType() { return templateType; }
    public String getContent() { return content; }
}
