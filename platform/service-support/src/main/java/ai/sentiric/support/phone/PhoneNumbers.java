package ai.sentiric.support.phone;

import ai.sentiric.support.errors.DomainException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Locale;
import java.util.Set;

/**
 * Reads phone numbers as people and carriers write them ("0555 111 22 33", "+90 555 111 2233",
 * "00905551112233", "905551112233") and gives the one E.164 form contacts are stored and found by.
 */
public class PhoneNumbers {

    private static final Set<String> WITHHELD = Set.of("", "anonymous", "unknown", "restricted", "private", "unavailable");

    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    /**
     * Parsing runs a dozen regular expressions (12 % of dialplan-service's CPU per call), while
     * calls come from and go to the same numbers again and again. A failed parse is not kept.
     */
    private final Cache<String, String> e164 = Caffeine.newBuilder().maximumSize(100_000).build();

    /**
     * The E.164 form of a number, reading national numbers with {@code region}. A string of
     * digits that is not valid as a national number but is valid with a leading '+' (a carrier
     * that drops the '+') is read as international.
     *
     * @throws DomainException INVALID_ARGUMENT when it is not a possible phone number
     */
    public String toE164(String raw, String region) {
        return e164.get(region + '|' + raw, key -> parse(raw, region));
    }

    private String parse(String raw, String region) {
        String value = raw == null ? "" : raw.strip();
        if (value.startsWith("00")) {
            value = "+" + value.substring(2);
        }
        try {
            PhoneNumber national = util.parse(value, region);
            if (util.isValidNumber(national) || value.startsWith("+")) {
                return check(national, raw);
            }
            if (value.chars().allMatch(Character::isDigit)) {
                PhoneNumber international = util.parse("+" + value, region);
                if (util.isValidNumber(international)) {
                    return format(international);
                }
            }
            return check(national, raw);
        } catch (NumberParseException e) {
            throw DomainException.invalid("'" + raw + "' is not a phone number: " + e.getMessage());
        }
    }

    /** True for a caller id that is withheld or not a number ("anonymous", empty, "Restricted"). */
    public boolean isWithheld(String raw) {
        String value = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
        return WITHHELD.contains(value) || value.chars().noneMatch(Character::isDigit);
    }

    private String check(PhoneNumber number, String raw) {
        if (!util.isPossibleNumber(number)) {
            throw DomainException.invalid("'" + raw + "' is not a possible phone number");
        }
        return format(number);
    }

    private String format(PhoneNumber number) {
        return util.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
    }
}
