package ai.sentiric.user.sip;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** REST: a tenant's SIP accounts. The HA1 hash is never returned. */
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/sip-credentials")
class SipCredentialController {

    record CreateCredential(@NotNull UUID userId, @NotBlank @Size(max = 64) String username,
                            @NotBlank @Size(min = 8, max = 128) String password) {
    }

    record CredentialResponse(String username, String realm, UUID userId, @Nullable Instant createdAt) {
        static CredentialResponse of(SipCredential c) {
            return new CredentialResponse(c.getSipUsername(), c.getRealm(), c.getUserId(), c.getCreatedAt());
        }
    }

    private final SipCredentialService credentials;

    SipCredentialController(SipCredentialService credentials) {
        this.credentials = credentials;
    }

    @GetMapping
    List<CredentialResponse> list(@PathVariable String tenantId) {
        return credentials.list(tenantId).stream().map(CredentialResponse::of).toList();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    CredentialResponse create(@PathVariable String tenantId, @Valid @RequestBody CreateCredential body) {
        return CredentialResponse.of(credentials.create(tenantId, body.userId(), body.username(), body.password()));
    }

    @DeleteMapping("/{username}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String tenantId, @PathVariable String username) {
        credentials.delete(tenantId, username);
    }
}
