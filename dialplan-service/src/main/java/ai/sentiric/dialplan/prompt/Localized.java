package ai.sentiric.dialplan.prompt;

/** Something kept per tenant, id and language. */
interface Localized {

    String getTenantId();

    String getId();

    String getLanguageCode();
}
