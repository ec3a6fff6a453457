package ai.sentiric.user.user;

/** How a user can be reached; phone and WhatsApp values are E.164 numbers. */
public enum ContactType {
    PHONE, EMAIL, WHATSAPP, TELEGRAM;

    public boolean isPhoneNumber() {
        return this == PHONE || this == WHATSAPP;
    }
}
