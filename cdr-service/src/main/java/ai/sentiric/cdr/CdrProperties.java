package ai.sentiric.cdr;

import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * cdr-service settings ({@code sentiric.cdr.*}).
 *
 * @param maxFutureSkew how far ahead of this clock an event's timestamp may be before the event is
 *                      refused as absurd (producers' clocks drift a little, never by hours)
 * @param earliestTimestamp events stamped before this are refused as absurd (a zero timestamp)
 * @param maxPageSize the most calls one page of the list may hold
 */
@ConfigurationProperties("sentiric.cdr")
public record CdrProperties(
        @DefaultValue("5m") Duration maxFutureSkew,
        @DefaultValue("2020-01-01T00:00:00Z") Instant earliestTimestamp,
        @DefaultValue("200") int maxPageSize) {
}
