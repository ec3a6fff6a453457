package ai.sentiric.user.user;

import ai.sentiric.support.web.PageResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** REST: a tenant's users and their contacts. */
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}")
class UserController {

    record NewContact(@NotNull ContactType type, @NotBlank @Size(max = 320) String value, @Nullable Boolean primary) {
    }

    record CreateUser(@NotNull UserType userType, @Nullable @Size(max = 200) String name,
                      @NotNull @Valid NewContact contact,
                      @Nullable @Pattern(regexp = "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$") String preferredLanguageCode) {
    }

    record UpdateUser(@Nullable @Size(max = 200) String name, @Nullable UserType userType,
                      @Nullable @Pattern(regexp = "^$|^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$") String preferredLanguageCode) {
    }

    record UpdateContact(@Nullable @Size(min = 1, max = 320) String value, @Nullable Boolean primary) {
    }

    record ContactResponse(long id, ContactType type, String value, boolean primary) {
        static ContactResponse of(Contact c) {
            return new ContactResponse(c.getId(), c.getContactType(), c.getContactValue(), c.isPrimary());
        }
    }

    record UserResponse(UUID id, String tenantId, @Nullable String name, UserType userType,
                        @Nullable String preferredLanguageCode, List<ContactResponse> contacts, @Nullable Instant createdAt) {
        static UserResponse of(User u) {
            return new UserResponse(u.getId(), u.getTenantId(), u.getName(), u.getUserType(), u.getPreferredLanguageCode(),
                    u.getContacts().stream().map(ContactResponse::of).toList(), u.getCreatedAt());
        }
    }

    private final UserService users;

    UserController(UserService users) {
        this.users = users;
    }

    @GetMapping("/users")
    PageResponse<UserResponse> list(@PathVariable String tenantId, @RequestParam(required = false) @Nullable UserType type,
                                    @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return PageResponse.of(users.list(tenantId, type, PageResponse.request(page, size, Sort.by("createdAt", "id"))),
                UserResponse::of);
    }

    @PostMapping("/users")
    ResponseEntity<UserResponse> create(@PathVariable String tenantId, @Valid @RequestBody CreateUser body) {
        User user = users.create(tenantId, new UserService.NewUser(body.userType(), body.name(), body.contact().type(),
                body.contact().value(), body.preferredLanguageCode()));
        return ResponseEntity.created(URI.create("/api/v1/tenants/" + tenantId + "/users/" + user.getId()))
                .body(UserResponse.of(user));
    }

    @GetMapping("/users/{userId}")
    UserResponse get(@PathVariable String tenantId, @PathVariable UUID userId) {
        return UserResponse.of(users.get(tenantId, userId));
    }

    @PatchMapping("/users/{userId}")
    UserResponse update(@PathVariable String tenantId, @PathVariable UUID userId, @Valid @RequestBody UpdateUser body) {
        return UserResponse.of(users.update(tenantId, userId,
                new UserService.UserPatch(body.name(), body.userType(), body.preferredLanguageCode())));
    }

    @DeleteMapping("/users/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String tenantId, @PathVariable UUID userId) {
        users.delete(tenantId, userId);
    }

    @PostMapping("/users/{userId}/contacts")
    @ResponseStatus(HttpStatus.CREATED)
    UserResponse addContact(@PathVariable String tenantId, @PathVariable UUID userId, @Valid @RequestBody NewContact body) {
        return UserResponse.of(users.addContact(tenantId, userId, body.type(), body.value(), Boolean.TRUE.equals(body.primary())));
    }

    @PatchMapping("/contacts/{contactId}")
    UserResponse updateContact(@PathVariable String tenantId, @PathVariable long contactId, @Valid @RequestBody UpdateContact body) {
        return UserResponse.of(users.updateContact(tenantId, contactId, body.value(), body.primary()));
    }

    @DeleteMapping("/contacts/{contactId}")
    UserResponse deleteContact(@PathVariable String tenantId, @PathVariable long contactId) {
        return UserResponse.of(users.deleteContact(tenantId, contactId));
    }

    /** The user owning a contact: {@code ?type=PHONE&value=05551112233}. */
    @GetMapping("/contacts/lookup")
    UserResponse lookup(@PathVariable String tenantId, @RequestParam ContactType type, @RequestParam String value) {
        return UserResponse.of(users.findByContact(tenantId, type, value).getUser());
    }
}
