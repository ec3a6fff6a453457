package ai.sentiric.dialplan.schedule;

import ai.sentiric.support.errors.DomainException;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * When a schedule is open: weekly ranges in its own time zone, closed all day on holidays.
 * A range is [from, to); "24:00" ends a range at midnight. A day with no ranges is closed.
 * Daylight-saving changes are the time zone's business: 09:00 is 09:00 local, summer or winter.
 */
public record OpeningHours(ZoneId zone, Map<DayOfWeek, List<Range>> weekly, Set<LocalDate> holidays) {

    /** Open from {@code from} (inclusive) to {@code to} (exclusive); {@code to} null means midnight. */
    public record Range(LocalTime from, LocalTime to, boolean toMidnight) {
        boolean contains(LocalTime time) {
            return !time.isBefore(from) && (toMidnight || time.isBefore(to));
        }
    }

    public boolean isOpen(Instant at) {
        ZonedDateTime local = at.atZone(zone);
        if (holidays.contains(local.toLocalDate())) {
            return false;
        }
        return weekly.getOrDefault(local.getDayOfWeek(), List.of()).stream().anyMatch(range -> range.contains(local.toLocalTime()));
    }

    /** Reads the stored form; INVALID_ARGUMENT for anything malformed. */
    public static OpeningHours parse(String timeZone, Map<String, List<Map<String, String>>> weekly, List<String> holidays) {
        ZoneId zone;
        try {
            zone = ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            throw DomainException.invalid("'" + timeZone + "' is not a time zone");
        }
        Map<DayOfWeek, List<Range>> days = new EnumMap<>(DayOfWeek.class);
        weekly.forEach((day, ranges) -> {
            DayOfWeek dayOfWeek;
            try {
                dayOfWeek = DayOfWeek.valueOf(day.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw DomainException.invalid("'" + day + "' is not a day of the week");
            }
            days.put(dayOfWeek, ranges.stream().map(OpeningHours::range).toList());
        });
        Set<LocalDate> dates = holidays.stream().map(OpeningHours::date).collect(Collectors.toUnmodifiableSet());
        return new OpeningHours(zone, days, dates);
    }

    private static Range range(Map<String, String> range) {
        String from = range.getOrDefault("from", "");
        String to = range.getOrDefault("to", "");
        try {
            LocalTime start = LocalTime.parse(from);
            boolean midnight = "24:00".equals(to);
            LocalTime end = midnight ? LocalTime.MAX : LocalTime.parse(to);
            if (!midnight && !end.isAfter(start)) {
                throw DomainException.invalid("opening range " + from + "-" + to + " ends before it starts");
            }
            return new Range(start, end, midnight);
        } catch (DateTimeException e) {
            throw DomainException.invalid("opening range " + from + "-" + to + " is not HH:mm-HH:mm");
        }
    }

    private static LocalDate date(String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeException e) {
            throw DomainException.invalid("holiday '" + value + "' is not a date (YYYY-MM-DD)");
        }
    }
}
