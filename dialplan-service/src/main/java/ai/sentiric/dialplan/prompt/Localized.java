package ai.sentiric.dialplan.prompt;

import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

/** Something kept per tenant, id and language: the key announcements and templates share. */
@MappedSuperclass
abstract class Localized {

    @Id
    private String tenantId;
    @Id
    private String id;
    @Id
    private String languageCode;

    protected Localized(String tenantId, String id, String languageCode) {
        this.tenantId = tenantId;
        this.id = id;
        this.languageCode = languageCode;
    }

    public String getTenantId() { return tenantId; }
    public String getId() { return id; }
    public String getLanguageCode() { return languageCode; }
}
