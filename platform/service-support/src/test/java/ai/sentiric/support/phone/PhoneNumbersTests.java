package ai.sentiric.support.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.sentiric.support.errors.DomainException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Numbers as people and carriers write them, to E.164; not the original's Turkey-only rule. */
class PhoneNumbersTests {

    private final PhoneNumbers phones = new PhoneNumbers();

    @ParameterizedTest
    @CsvSource({
            "0555 111 22 33, TR, +905551112233",
            "+90 555 111 2233, US, +905551112233",
            "00905551112233, DE, +905551112233",
            "905551112233, TR, +905551112233",
            "(415) 555-0123, US, +14155550123",
            "14155550123, TR, +14155550123",
            "030 1234567, DE, +49301234567",
            "+44 20 7946 0958, TR, +442079460958"
    })
    void readsNationalInternationalAndPlusLessNumbers(String raw, String region, String e164) {
        assertThat(phones.toE164(raw, region)).isEqualTo(e164);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "anonymous", "12", "call me maybe"})
    void refusesWhatIsNotANumber(String raw) {
        assertThatThrownBy(() -> phones.toE164(raw, "TR")).isInstanceOf(DomainException.class);
    }

    @Test
    void aRememberedNumberIsStillReadInItsOwnRegionAndARefusalIsNotRemembered() {
        assertThat(phones.toE164("2125550100", "US")).isEqualTo("+12125550100");
        assertThat(phones.toE164("2125550100", "TR")).isEqualTo("+902125550100");
        assertThat(phones.toE164("2125550100", "US")).isEqualTo("+12125550100");
        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> phones.toE164("12", "TR")).isInstanceOf(DomainException.class);
        }
    }
}
