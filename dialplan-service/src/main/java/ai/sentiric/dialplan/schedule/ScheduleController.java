package ai.sentiric.dialplan.schedule;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** REST: a tenant's schedules. */
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/schedules")
class ScheduleController {

    record ScheduleBody(@NotBlank @Size(max = 100) String name, @NotBlank String timeZone,
                        @Nullable Map<String, List<Map<String, String>>> weeklyHours,
                        @Nullable @Size(max = 366) List<@NotNull String> holidays) {
    }

    record ScheduleResponse(UUID id, String tenantId, String name, String timeZone,
                            Map<String, List<Map<String, String>>> weeklyHours, List<String> holidays, Instant updatedAt) {
        static ScheduleResponse of(Schedule s) {
            return new ScheduleResponse(s.getId(), s.getTenantId(), s.getName(), s.getTimeZone(), s.getWeeklyHours(),
                    s.getHolidays(), s.getUpdatedAt());
        }
    }

    private final ScheduleService schedules;

    ScheduleController(ScheduleService schedules) {
        this.schedules = schedules;
    }

    @GetMapping
    List<ScheduleResponse> list(@PathVariable String tenantId) {
        return schedules.list(tenantId).stream().map(ScheduleResponse::of).toList();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ScheduleResponse create(@PathVariable String tenantId, @Valid @RequestBody ScheduleBody body) {
        return ScheduleResponse.of(schedules.create(tenantId, body.name(), body.timeZone(), weekly(body), holidays(body)));
    }

    @GetMapping("/{id}")
    ScheduleResponse get(@PathVariable String tenantId, @PathVariable UUID id) {
        return ScheduleResponse.of(schedules.get(tenantId, id));
    }

    @PutMapping("/{id}")
    ScheduleResponse update(@PathVariable String tenantId, @PathVariable UUID id, @Valid @RequestBody ScheduleBody body) {
        return ScheduleResponse.of(schedules.update(tenantId, id, body.name(), body.timeZone(), weekly(body), holidays(body)));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String tenantId, @PathVariable UUID id) {
        schedules.delete(tenantId, id);
    }

    private static Map<String, List<Map<String, String>>> weekly(ScheduleBody body) {
        return body.weeklyHours() == null ? Map.of() : body.weeklyHours();
    }

    private static List<String> holidays(ScheduleBody body) {
        return body.holidays() == null ? List.of() : body.holidays();
    }
}
