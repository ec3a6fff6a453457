package ai.sentiric.dialplan.prompt;

import java.io.Serializable;
import java.util.Objects;

/** The key of announcements and templates: tenant, id and language. */
public class LocalizedKey implements Serializable {

    private String tenantId = "";
    private String id = "";
    private String languageCode = "";

    protected LocalizedKey() {
    }

    public LocalizedKey(String tenantId, String id, String languageCode) {
        this.tenantId = tenantId;
        this.id = id;
        this.languageCode = languageCode;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LocalizedKey key && key.tenantId.equals(tenantId) && key.id.equals(id)
                && key.languageCode.equals(languageCode);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tenantId, id, languageCode);
    }
}
