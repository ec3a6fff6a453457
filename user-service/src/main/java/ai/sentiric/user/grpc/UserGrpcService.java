package ai.sentiric.user.grpc;

import static ai.sentiric.user.grpc.UserProtos.contactType;
import static ai.sentiric.user.grpc.UserProtos.required;
import static ai.sentiric.user.grpc.UserProtos.uuid;

import ai.sentiric.proto.user.v1.*;
import ai.sentiric.support.errors.DomainException;
import ai.sentiric.user.UserMetrics;
import ai.sentiric.user.operator.OperatorService;
import ai.sentiric.user.sip.SipCredentialService;
import ai.sentiric.user.tenant.TenantService;
import ai.sentiric.user.user.UserService;
import ai.sentiric.user.user.UserType;
import io.grpc.stub.StreamObserver;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * The UserService contract: each RPC validates its request, calls the domain, and maps the
 * answer; domain errors become precise status codes through the shared {@code GrpcErrors}.
 */
@Service
public class UserGrpcService extends UserServiceGrpc.UserServiceImplBase {

    private final TenantService tenants;
    private final UserService users;
    private final SipCredentialService sip;
    private final OperatorService operators;
    private final UserMetrics metrics;

    public UserGrpcService(TenantService tenants, UserService users, SipCredentialService sip, OperatorService operators,
                           UserMetrics metrics) {
        this.tenants = tenants;
        this.users = users;
        this.sip = sip;
        this.operators = operators;
        this.metrics = metrics;
    }

    @Override
    public void getTenant(GetTenantRequest request, StreamObserver<GetTenantResponse> response) {
        reply(response, GetTenantResponse.newBuilder()
                .setTenant(UserProtos.tenant(tenants.get(required(request.getTenantId(), "tenant_id")))).build());
    }

    @Override
    public void getUser(GetUserRequest request, StreamObserver<GetUserResponse> response) {
        var user = users.get(required(request.getTenantId(), "tenant_id"), uuid(request.getUserId(), "user_id"));
        reply(response, GetUserResponse.newBuilder().setUser(UserProtos.user(user)).build());
    }

    @Override
    public void findUserByContact(FindUserByContactRequest request, StreamObserver<FindUserByContactResponse> response) {
        try {
            var contact = users.findByContact(required(request.getTenantId(), "tenant_id"),
                    contactType(request.getContactType()), request.getContactValue());
            metrics.contactLookup(true);
            reply(response, FindUserByContactResponse.newBuilder()
                    .setUser(UserProtos.user(contact.getUser())).setContact(UserProtos.contact(contact)).build());
        } catch (DomainException e) {
            metrics.contactLookup(false);
            throw e;
        }
    }

    @Override
    public void createUser(CreateUserRequest request, StreamObserver<CreateUserResponse> response) {
        if (!request.hasInitialContact()) {
            throw DomainException.invalid("initial_contact is required");
        }
        var user = users.create(required(request.getTenantId(), "tenant_id"), new UserService.NewUser(
                UserProtos.userType(request.getUserType()),
                request.hasName() ? request.getName() : null,
                contactType(request.getInitialContact().getContactType()),
                request.getInitialContact().getContactValue(),
                request.hasPreferredLanguageCode() ? request.getPreferredLanguageCode() : null));
        reply(response, CreateUserResponse.newBuilder().setUser(UserProtos.user(user)).build());
    }

    /** Applies the fields the mask names; an empty mask means all of them. */
    @Override
    public void updateUser(UpdateUserRequest request, StreamObserver<UpdateUserResponse> response) {
        var user = request.getUser();
        List<String> paths = request.hasUpdateMask() && request.getUpdateMask().getPathsCount() > 0
                ? request.getUpdateMask().getPathsList() : List.of("name", "user_type", "preferred_language_code");
        String name = null;
        UserType type = null;
        String language = null;
        for (String path : paths) {
            switch (path) {
                case "name" -> name = user.hasName() ? user.getName() : "";
                case "user_type" -> type = UserProtos.userType(user.getUserType());
                case "preferred_language_code" -> language = user.hasPreferredLanguageCode() ? user.getPreferredLanguageCode() : "";
                default -> throw DomainException.invalid("update_mask path '" + path + "' cannot be updated");
            }
        }
        var updated = users.update(required(user.getTenantId(), "user.tenant_id"), uuid(user.getId(), "user.id"),
                new UserService.UserPatch(name, type, language));
        reply(response, UpdateUserResponse.newBuilder().setUser(UserProtos.user(updated)).build());
    }

    @Override
    public void deleteUser(DeleteUserRequest request, StreamObserver<DeleteUserResponse> response) {
        users.delete(required(request.getTenantId(), "tenant_id"), uuid(request.getUserId(), "user_id"));
        reply(response, DeleteUserResponse.getDefaultInstance());
    }

    @Override
    public void addContact(AddContactRequest request, StreamObserver<AddContactResponse> response) {
        var user = users.addContact(required(request.getTenantId(), "tenant_id"), uuid(request.getUserId(), "user_id"),
                contactType(request.getContactType()), request.getContactValue(), request.getIsPrimary());
        reply(response, AddContactResponse.newBuilder().setUser(UserProtos.user(user)).build());
    }

    @Override
    public void updateContact(UpdateContactRequest request, StreamObserver<UpdateContactResponse> response) {
        var contact = request.getContact();
        List<String> paths = request.hasUpdateMask() && request.getUpdateMask().getPathsCount() > 0
                ? request.getUpdateMask().getPathsList() : List.of("contact_value", "is_primary");
        String value = null;
        Boolean primary = null;
        for (String path : paths) {
            switch (path) {
                case "contact_value" -> value = contact.getContactValue();
                case "is_primary" -> primary = contact.getIsPrimary();
                default -> throw DomainException.invalid("update_mask path '" + path + "' cannot be updated");
            }
        }
        var user = users.updateContact(required(request.getTenantId(), "tenant_id"), contact.getId(), value, primary);
        reply(response, UpdateContactResponse.newBuilder().setUser(UserProtos.user(user)).build());
    }

    @Override
    public void deleteContact(DeleteContactRequest request, StreamObserver<DeleteContactResponse> response) {
        var user = users.deleteContact(required(request.getTenantId(), "tenant_id"), request.getContactId());
        reply(response, DeleteContactResponse.newBuilder().setUser(UserProtos.user(user)).build());
    }

    @Override
    public void getSipCredentials(GetSipCredentialsRequest request, StreamObserver<GetSipCredentialsResponse> response) {
        var credential = sip.forDigest(required(request.getSipUsername(), "sip_username"),
                request.getRealm().isEmpty() ? sip.realm() : request.getRealm());
        reply(response, GetSipCredentialsResponse.newBuilder()
                .setUserId(credential.getUserId().toString())
                .setTenantId(credential.getTenantId())
                .setHa1Hash(credential.getHa1Hash()).build());
    }

    @Override
    public void createSipCredential(CreateSipCredentialRequest request, StreamObserver<CreateSipCredentialResponse> response) {
        var credential = sip.create(required(request.getTenantId(), "tenant_id"), uuid(request.getUserId(), "user_id"),
                request.getSipUsername(), request.getPassword());
        reply(response, CreateSipCredentialResponse.newBuilder()
                .setSipUsername(credential.getSipUsername()).setRealm(credential.getRealm()).build());
    }

    @Override
    public void deleteSipCredential(DeleteSipCredentialRequest request, StreamObserver<DeleteSipCredentialResponse> response) {
        sip.delete(required(request.getTenantId(), "tenant_id"), required(request.getSipUsername(), "sip_username"));
        reply(response, DeleteSipCredentialResponse.getDefaultInstance());
    }

    @Override
    public void authenticateOperator(AuthenticateOperatorRequest request, StreamObserver<AuthenticateOperatorResponse> response) {
        try {
            var operator = operators.authenticate(request.getEmail(), request.getPassword());
            metrics.authentication("operator", true);
            reply(response, AuthenticateOperatorResponse.newBuilder().setOperator(UserProtos.operator(operator)).build());
        } catch (DomainException e) {
            metrics.authentication("operator", false);
            throw e;
        }
    }

    @Override
    public void verifyApiKey(VerifyApiKeyRequest request, StreamObserver<VerifyApiKeyResponse> response) {
        try {
            var key = tenants.verify(request.getApiKey());
            metrics.authentication("api_key", true);
            reply(response, VerifyApiKeyResponse.newBuilder()
                    .setTenantId(key.getTenantId()).setKeyId(key.getId().toString()).build());
        } catch (DomainException e) {
            metrics.authentication("api_key", false);
            throw e;
        }
    }

    private static <T> void reply(StreamObserver<T> observer, T message) {
        observer.onNext(message);
        observer.onCompleted();
    }
}
