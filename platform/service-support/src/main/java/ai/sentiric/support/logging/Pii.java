package ai.sentiric.support.logging;

/** Masks personal data before it reaches a log line. */
public final class Pii {

    private Pii() {
    }

    /** Keeps the country code's first digits and the last four: {@code +90555*****2233}. */
    public static String maskPhone(String number) {
        if (number == null || number.length() <= 6) {
            return "***";
        }
        int keepHead = Math.min(6, number.length() - 4);
        return number.substring(0, keepHead) + "*".repeat(number.length() - keepHead - 4) + number.substring(number.length() - 4);
    }

    /** Keeps the first letter and the domain: {@code a***@example.com}. */
    public static String maskEmail(String email) {
        int at = email == null ? -1 : email.indexOf('@');
        return at <= 0 ? "***" : email.charAt(0) + "***" + email.substring(at);
    }
}
