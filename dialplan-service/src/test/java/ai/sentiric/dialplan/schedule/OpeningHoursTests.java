package ai.sentiric.dialplan.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.sentiric.support.errors.DomainException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpeningHoursTests {

    private final OpeningHours istanbulOffice = OpeningHours.parse("Europe/Istanbul",
            Map.of("MONDAY", List.of(Map.of("from", "09:00", "to", "12:30"), Map.of("from", "13:30", "to", "18:00")),
                    "saturday", List.of(Map.of("from", "10:00", "to", "24:00"))),
            List.of("2026-01-05"));

    @Test
    void opensWithinRangesInTheScheduleTimeZone() {
        assertThat(istanbulOffice.isOpen(Instant.parse("2026-11-23T06:00:00Z"))).isTrue();   // Monday 09:00 local
        assertThat(istanbulOffice.isOpen(Instant.parse("2026-11-23T05:59:59Z"))).isFalse();  // 08:59:59 local
        assertThat(istanbulOffice.isOpen(Instant.parse("2026-11-23T09:45:00Z"))).isFalse();  // lunch, 12:45 local
        assertThat(istanbulOffice.isOpen(Instant.parse("2026-11-23T15:00:00Z"))).isFalse();  // 18:00 local: end excluded
        assertThat(istanbulOffice.isOpen(Instant.parse("2026-11-24T07:00:00Z"))).isFalse();  // Tuesday: not listed
        assertThat(istanbulOffice.isOpen(Instant.parse("2026-11-28T20:59:00Z"))).isTrue();   // Saturday 23:59 local, "24:00"
    }

    @Test
    void holidaysCloseTheWholeLocalDay() {
        assertThat(istanbulOffice.isOpen(Instant.parse("2026-01-05T07:00:00Z"))).isFalse();
        assertThat(istanbulOffice.isOpen(Instant.parse("2026-01-12T07:00:00Z"))).isTrue();
    }

    @Test
    void followsDaylightSavingInItsZone() {
        OpeningHours berlin = OpeningHours.parse("Europe/Berlin",
                Map.of("MONDAY", List.of(Map.of("from", "09:00", "to", "10:00"))), List.of());
        assertThat(berlin.isOpen(Instant.parse("2026-07-06T07:30:00Z"))).isTrue();   // CEST, UTC+2
        assertThat(berlin.isOpen(Instant.parse("2026-01-05T08:30:00Z"))).isTrue();   // CET, UTC+1
        assertThat(berlin.isOpen(Instant.parse("2026-07-06T08:30:00Z"))).isFalse();
    }

    @Test
    void refusesWhatCannotBeEvaluated() {
        assertThatThrownBy(() -> OpeningHours.parse("Mars/Olympus", Map.of(), List.of())).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> OpeningHours.parse("UTC", Map.of("FUNDAY", List.of()), List.of())).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> OpeningHours.parse("UTC", Map.of("MONDAY", List.of(Map.of("from", "18:00", "to", "09:00"))), List.of()))
                .isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> OpeningHours.parse("UTC", Map.of(), List.of("2026-02-30"))).isInstanceOf(DomainException.class);
    }
}
