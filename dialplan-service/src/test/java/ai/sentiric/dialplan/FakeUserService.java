package ai.sentiric.dialplan;

import ai.sentiric.proto.user.v1.Contact;
import ai.sentiric.proto.user.v1.ContactType;
import ai.sentiric.proto.user.v1.FindUserByContactRequest;
import ai.sentiric.proto.user.v1.FindUserByContactResponse;
import ai.sentiric.proto.user.v1.GetTenantRequest;
import ai.sentiric.proto.user.v1.GetTenantResponse;
import ai.sentiric.proto.user.v1.Tenant;
import ai.sentiric.proto.user.v1.User;
import ai.sentiric.proto.user.v1.UserServiceGrpc;
import ai.sentiric.proto.user.v1.UserType;
import ai.sentiric.support.phone.PhoneNumbers;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * user-service's contract served from memory on a real socket, so dialplan-service's tests can
 * control who is known, and make look-ups fail.
 */
final class FakeUserService extends UserServiceGrpc.UserServiceImplBase {

    static final String FAILING_CALLER = "+905550000500";

    final Map<String, User> usersByPhone = new ConcurrentHashMap<>();
    final Set<String> tenants = ConcurrentHashMap.newKeySet();
    final AtomicInteger lookups = new AtomicInteger();
    private final PhoneNumbers phones = new PhoneNumbers();
    private final Server server;

    FakeUserService() {
        tenants.addAll(Set.of("system", "sentiric_demo", "acme_us"));
        know("sentiric_demo", "+905551112233", "Ayşe Yılmaz", "tr");
        know("acme_us", "+14155550123", "John Carter", "en");
        try {
            server = ServerBuilder.forPort(0).addService(this).build().start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    int port() {
        return server.getPort();
    }

    void know(String tenantId, String phone, String name, String language) {
        usersByPhone.put(tenantId + "|" + phone, User.newBuilder().setId("u-" + phone).setTenantId(tenantId).setName(name)
                .setUserType(UserType.USER_TYPE_CALLER).setPreferredLanguageCode(language)
                .addContacts(Contact.newBuilder().setId(phone.hashCode()).setContactType(ContactType.CONTACT_TYPE_PHONE)
                        .setContactValue(phone).setIsPrimary(true))
                .build());
    }

    @Override
    public void findUserByContact(FindUserByContactRequest request, StreamObserver<FindUserByContactResponse> response) {
        lookups.incrementAndGet();
        String value;
        try {
            value = phones.toE164(request.getContactValue(), request.getTenantId().equals("acme_us") ? "US" : "TR");
        } catch (RuntimeException e) {
            response.onError(Status.INVALID_ARGUMENT.asRuntimeException());
            return;
        }
        if (FAILING_CALLER.equals(value)) {
            response.onError(Status.UNAVAILABLE.withDescription("database down").asRuntimeException());
            return;
        }
        User user = usersByPhone.get(request.getTenantId() + "|" + value);
        if (user == null) {
            response.onError(Status.NOT_FOUND.asRuntimeException());
            return;
        }
        response.onNext(FindUserByContactResponse.newBuilder().setUser(user).setContact(user.getContacts(0)).build());
        response.onCompleted();
    }

    @Override
    public void getTenant(GetTenantRequest request, StreamObserver<GetTenantResponse> response) {
        if (!tenants.contains(request.getTenantId())) {
            response.onError(Status.NOT_FOUND.asRuntimeException());
            return;
        }
        response.onNext(GetTenantResponse.newBuilder().setTenant(Tenant.newBuilder().setId(request.getTenantId()).setActive(true)).build());
        response.onCompleted();
    }
}
