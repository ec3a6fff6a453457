package ai.sentiric.dialplan.schedule;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A tenant's opening hours, as stored; {@link #openingHours()} evaluates them. */
@Entity
@Table(name = "schedules")
public class Schedule {

    @Id
    private UUID id;
    private String tenantId;
    private String name;
    private String timeZone;
    @JdbcTypeCode(SqlTypes.JSON)
    private Map<String, List<Map<String, String>>> weeklyHours = new LinkedHashMap<>();
    @JdbcTypeCode(SqlTypes.JSON)
    private List<String> holidays = new ArrayList<>();
    private Instant updatedAt = Instant.now();

    protected Schedule() {
        this(UUID.randomUUID(), "", "", "UTC", Map.of(), List.of());
    }

    Schedule(UUID id, String tenantId, String name, String timeZone, Map<String, List<Map<String, String>>> weeklyHours,
             List<String> holidays) {
        this.id = id;
        this.tenantId = tenantId;
        change(name, timeZone, weeklyHours, holidays);
    }

    @PreUpdate
    void touch() {
        updatedAt = Instant.now();
    }

    void change(String name, String timeZone, Map<String, List<Map<String, String>>> weeklyHours, List<String> holidays) {
        this.name = name;
        this.timeZone = timeZone;
        this.weeklyHours = new LinkedHashMap<>(weeklyHours);
        this.holidays = new ArrayList<>(holidays);
    }

    public OpeningHours openingHours() {
        return OpeningHours.parse(timeZone, weeklyHours, holidays);
    }

    public UUID getId() { return id; }
    public String getTenantId() { return tenantId; }
    public String getName() { return name; }
    public String getTimeZone() { return timeZone; }
    public Map<String, List<Map<String, String>>> getWeeklyHours() { return Map.copyOf(weeklyHours); }
    public List<String> getHolidays() { return List.copyOf(holidays); }
    public Instant getUpdatedAt() { return updatedAt; }
}
