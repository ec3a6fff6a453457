package ai.sentiric.dialplan.trunk;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
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

/** REST: a tenant's SIP trunks. */
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/sip-trunks")
class TrunkController {

    record TrunkBody(@NotBlank @Size(max = 100) String name, @NotEmpty @Size(max = 100) List<@NotBlank String> allowedCidrs,
                     @Nullable List<@NotBlank String> codecs, @Nullable Boolean active) {
        List<String> codecList() {
            return codecs == null || codecs.isEmpty() ? List.of("PCMU", "PCMA", "telephone-event") : codecs;
        }
    }

    record TrunkResponse(long id, String tenantId, String name, List<String> allowedCidrs, List<String> codecs, boolean active,
                         Instant updatedAt) {
        static TrunkResponse of(SipTrunk t) {
            return new TrunkResponse(t.getId(), t.getTenantId(), t.getName(), t.getAllowedCidrs(), t.getCodecs(), t.isActive(),
                    t.getUpdatedAt());
        }
    }

    private final TrunkService trunks;

    TrunkController(TrunkService trunks) {
        this.trunks = trunks;
    }

    @GetMapping
    List<TrunkResponse> list(@PathVariable String tenantId) {
        return trunks.list(tenantId).stream().map(TrunkResponse::of).toList();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    TrunkResponse create(@PathVariable String tenantId, @Valid @RequestBody TrunkBody body) {
        return TrunkResponse.of(trunks.create(tenantId, body.name(), body.allowedCidrs(), body.codecList(), !Boolean.FALSE.equals(body.active())));
    }

    @GetMapping("/{id}")
    TrunkResponse get(@PathVariable String tenantId, @PathVariable long id) {
        return TrunkResponse.of(trunks.get(tenantId, id));
    }

    @PutMapping("/{id}")
    TrunkResponse update(@PathVariable String tenantId, @PathVariable long id, @Valid @RequestBody TrunkBody body) {
        return TrunkResponse.of(trunks.update(tenantId, id, body.name(), body.allowedCidrs(), body.codecList(),
                !Boolean.FALSE.equals(body.active())));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String tenantId, @PathVariable long id) {
        trunks.delete(tenantId, id);
    }
}
