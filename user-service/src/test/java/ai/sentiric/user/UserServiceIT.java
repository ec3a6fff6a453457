package ai.sentiric.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ai.sentiric.proto.user.v1.*;
import ai.sentiric.testkit.EventTap;
import ai.sentiric.testkit.Infrastructure;
import ai.sentiric.testkit.spring.InfrastructureTest;
import com.google.protobuf.FieldMask;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.grpc.test.autoconfigure.LocalGrpcPort;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;

/** user-service through its real gRPC and REST endpoints, on a PostgreSQL database of its own. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.grpc.server.port=0")
@InfrastructureTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserServiceIT {

    static final String DEMO = "sentiric_demo";
    static final String ACME = "acme_us";

    @LocalGrpcPort int grpcPort;
    @LocalServerPort int httpPort;
    @Autowired JdbcTemplate jdbc;
    @Value("${sentiric.events.exchange}") String exchange;

    ManagedChannel channel;
    UserServiceGrpc.UserServiceBlockingStub grpc;
    RestClient rest;

    @BeforeAll
    void connect() {
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build();
        grpc = UserServiceGrpc.newBlockingStub(channel);
        rest = RestClient.builder().baseUrl("http://127.0.0.1:" + httpPort)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { })
                .build();
    }

    @AfterAll
    void disconnect() {
        channel.shutdownNow();
    }

    static String uniquePhone() {
        return "+90532" + String.format("%07d", Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 10_000_000L));
    }

    static Status.Code code(Runnable call) {
        try {
            call.run();
            return Status.Code.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode();
        }
    }

    @Nested
    class Grpc {

        @Test
        void findsASeededCallerByANationallyWrittenNumber() {
            var found = grpc.findUserByContact(FindUserByContactRequest.newBuilder().setTenantId(DEMO)
                    .setContactType(ContactType.CONTACT_TYPE_PHONE).setContactValue("0555 111 22 33").build());

            assertThat(found.getUser().getName()).isEqualTo("Ayşe Yılmaz");
            assertThat(found.getContact().getContactValue()).isEqualTo("+905551112233");
            assertThat(found.getUser().getPreferredLanguageCode()).isEqualTo("tr");
        }

        @Test
        void unknownContactIsNotFound() {
            assertThat(code(() -> grpc.findUserByContact(FindUserByContactRequest.newBuilder().setTenantId(DEMO)
                    .setContactType(ContactType.CONTACT_TYPE_PHONE).setContactValue("+905550000000").build())))
                    .isEqualTo(Status.Code.NOT_FOUND);
        }

        @Test
        void theFiveRpcsTheOriginalLeftUnimplementedWork() {
            String phone = uniquePhone();
            User created = grpc.createUser(CreateUserRequest.newBuilder().setTenantId(DEMO)
                    .setUserType(UserType.USER_TYPE_CALLER).setName("Mehmet")
                    .setInitialContact(InitialContact.newBuilder().setContactType(ContactType.CONTACT_TYPE_PHONE).setContactValue(phone))
                    .build()).getUser();

            User renamed = grpc.updateUser(UpdateUserRequest.newBuilder()
                    .setUser(created.toBuilder().setName("Mehmet Kaya").setPreferredLanguageCode("en"))
                    .setUpdateMask(FieldMask.newBuilder().addPaths("name")).build()).getUser();
            assertThat(renamed.getName()).isEqualTo("Mehmet Kaya");
            assertThat(renamed.hasPreferredLanguageCode()).isFalse();

            User withEmail = grpc.addContact(AddContactRequest.newBuilder().setTenantId(DEMO).setUserId(created.getId())
                    .setContactType(ContactType.CONTACT_TYPE_EMAIL).setContactValue("Mehmet@Example.COM").build()).getUser();
            var email = withEmail.getContactsList().stream()
                    .filter(c -> c.getContactType() == ContactType.CONTACT_TYPE_EMAIL).findFirst().orElseThrow();
            assertThat(email.getContactValue()).isEqualTo("mehmet@example.com");
            assertThat(email.getIsPrimary()).isTrue();

            User changed = grpc.updateContact(UpdateContactRequest.newBuilder().setTenantId(DEMO)
                    .setContact(email.toBuilder().setContactValue("m.kaya@example.com"))
                    .setUpdateMask(FieldMask.newBuilder().addPaths("contact_value")).build()).getUser();
            assertThat(changed.getContactsList()).extracting(Contact::getContactValue).contains("m.kaya@example.com");

            User without = grpc.deleteContact(DeleteContactRequest.newBuilder().setTenantId(DEMO)
                    .setContactId(email.getId()).build()).getUser();
            assertThat(without.getContactsList()).hasSize(1);

            grpc.deleteUser(DeleteUserRequest.newBuilder().setTenantId(DEMO).setUserId(created.getId()).build());
            assertThat(code(() -> grpc.getUser(GetUserRequest.newBuilder().setTenantId(DEMO).setUserId(created.getId()).build())))
                    .isEqualTo(Status.Code.NOT_FOUND);
        }

        @Test
        void duplicateContactIsAlreadyExistsAndBadInputIsInvalidArgument() {
            var request = CreateUserRequest.newBuilder().setTenantId(DEMO).setUserType(UserType.USER_TYPE_CALLER)
                    .setInitialContact(InitialContact.newBuilder().setContactType(ContactType.CONTACT_TYPE_PHONE)
                            .setContactValue("+90 555 111 22 33")).build();
            assertThat(code(() -> grpc.createUser(request))).isEqualTo(Status.Code.ALREADY_EXISTS);

            var notANumber = request.toBuilder().setInitialContact(request.getInitialContact().toBuilder().setContactValue("call me")).build();
            assertThat(code(() -> grpc.createUser(notANumber))).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(code(() -> grpc.createUser(request.toBuilder().setUserType(UserType.USER_TYPE_UNSPECIFIED).build())))
                    .isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(code(() -> grpc.getUser(GetUserRequest.newBuilder().setTenantId(DEMO).setUserId("not-a-uuid").build())))
                    .isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(code(() -> grpc.updateUser(UpdateUserRequest.newBuilder()
                    .setUser(User.newBuilder().setTenantId(DEMO).setId("6f1c7a2e-0000-4000-8000-000000000001"))
                    .setUpdateMask(FieldMask.newBuilder().addPaths("tenant_id")).build())))
                    .isEqualTo(Status.Code.INVALID_ARGUMENT);
        }

        @Test
        void sipCredentialsAreStoredAsHa1ForTheConfiguredRealm() throws Exception {
            var seeded = grpc.getSipCredentials(GetSipCredentialsRequest.newBuilder().setSipUsername("1001").setRealm("sentiric.local").build());
            assertThat(seeded.getTenantId()).isEqualTo(DEMO);
            assertThat(seeded.getHa1Hash()).isEqualTo(md5("1001:sentiric.local:demo-1001-pass"));

            String name = "u" + UUID.randomUUID().toString().substring(0, 8);
            grpc.createSipCredential(CreateSipCredentialRequest.newBuilder().setTenantId(DEMO)
                    .setUserId("6f1c7a2e-0000-4000-8000-000000000002").setSipUsername(name).setPassword("s3cret-pass").build());
            assertThat(grpc.getSipCredentials(GetSipCredentialsRequest.newBuilder().setSipUsername(name).setRealm("sentiric.local").build())
                    .getHa1Hash()).isEqualTo(md5(name + ":sentiric.local:s3cret-pass"));
            assertThat(jdbc.queryForObject("SELECT count(*) FROM sip_credentials WHERE ha1_hash LIKE '%s3cret%'", Integer.class)).isZero();

            assertThat(code(() -> grpc.getSipCredentials(GetSipCredentialsRequest.newBuilder().setSipUsername(name).setRealm("evil.realm").build())))
                    .isEqualTo(Status.Code.NOT_FOUND);
            assertThat(code(() -> grpc.createSipCredential(CreateSipCredentialRequest.newBuilder().setTenantId(DEMO)
                    .setUserId("6f1c7a2e-0000-4000-8000-000000000002").setSipUsername(name).setPassword("another-pass").build())))
                    .isEqualTo(Status.Code.ALREADY_EXISTS);
        }

        @Test
        void operatorsSignInWithArgon2HashedPasswordsAndApiKeysResolveToTheirTenant() {
            var operator = grpc.authenticateOperator(AuthenticateOperatorRequest.newBuilder()
                    .setEmail("Demo@Sentiric.local").setPassword("sentiric-demo-password").build()).getOperator();
            assertThat(operator.getTenantId()).isEqualTo(DEMO);
            assertThat(operator.getRole()).isEqualTo(OperatorRole.OPERATOR_ROLE_TENANT_ADMIN);
            assertThat(jdbc.queryForObject("SELECT password_hash FROM operators WHERE email = 'demo@sentiric.local'", String.class))
                    .startsWith("$argon2id$");
            assertThat(code(() -> grpc.authenticateOperator(AuthenticateOperatorRequest.newBuilder()
                    .setEmail("demo@sentiric.local").setPassword("wrong").build()))).isEqualTo(Status.Code.UNAUTHENTICATED);

            assertThat(grpc.verifyApiKey(VerifyApiKeyRequest.newBuilder().setApiKey("sk_demo_0123456789abcdefghijklmnopqrstuv").build())
                    .getTenantId()).isEqualTo(DEMO);
            assertThat(code(() -> grpc.verifyApiKey(VerifyApiKeyRequest.newBuilder().setApiKey("sk_guess").build())))
                    .isEqualTo(Status.Code.UNAUTHENTICATED);
        }
    }

    @Nested
    class Tenancy {

        @Test
        void aUserOrContactOfOneTenantDoesNotExistInAnother() {
            String demoUser = "6f1c7a2e-0000-4000-8000-000000000001";
            assertThat(code(() -> grpc.getUser(GetUserRequest.newBuilder().setTenantId(ACME).setUserId(demoUser).build())))
                    .isEqualTo(Status.Code.NOT_FOUND);
            assertThat(code(() -> grpc.findUserByContact(FindUserByContactRequest.newBuilder().setTenantId(ACME)
                    .setContactType(ContactType.CONTACT_TYPE_PHONE).setContactValue("+905551112233").build())))
                    .isEqualTo(Status.Code.NOT_FOUND);
            assertThat(code(() -> grpc.deleteUser(DeleteUserRequest.newBuilder().setTenantId(ACME).setUserId(demoUser).build())))
                    .isEqualTo(Status.Code.NOT_FOUND);
            assertThat(rest.get().uri("/api/v1/tenants/{t}/users/{u}", ACME, demoUser).retrieve().toBodilessEntity().getStatusCode().value())
                    .isEqualTo(404);
            assertThat(grpc.getUser(GetUserRequest.newBuilder().setTenantId(DEMO).setUserId(demoUser).build()).getUser().getName())
                    .isEqualTo("Ayşe Yılmaz");
        }

        @Test
        void theSameNumberMayBeAContactInTwoTenants() {
            var request = CreateUserRequest.newBuilder().setTenantId(ACME).setUserType(UserType.USER_TYPE_CALLER)
                    .setInitialContact(InitialContact.newBuilder().setContactType(ContactType.CONTACT_TYPE_PHONE)
                            .setContactValue("+905551112233")).build();
            User acmeUser = grpc.createUser(request).getUser();
            assertThat(acmeUser.getTenantId()).isEqualTo(ACME);
            grpc.deleteUser(DeleteUserRequest.newBuilder().setTenantId(ACME).setUserId(acmeUser.getId()).build());
        }
    }

    @Nested
    class Rest {

        @Test
        void everyCommittedChangeOfAUserIsAnnouncedOnTheBus() {
            String phone = uniquePhone();
            try (EventTap events = EventTap.open(Infrastructure.shared().amqp(), exchange)) {
                ResponseEntity<Map> created = rest.post().uri("/api/v1/tenants/{t}/users", DEMO).contentType(MediaType.APPLICATION_JSON)
                        .body(Map.of("userType", "CALLER", "name", "Deniz", "contact", Map.of("type", "PHONE", "value", phone)))
                        .retrieve().toEntity(Map.class);
                String userId = String.valueOf(created.getBody().get("id"));
                rest.delete().uri("/api/v1/tenants/{t}/users/{u}", DEMO, userId).retrieve().toBodilessEntity();

                await().atMost(Duration.ofSeconds(10)).until(() -> events.bodies("user.changed", userId).size() == 2);
                assertThat(events.bodies("user.changed", userId)).allSatisfy(body -> assertThat(body)
                        .contains("\"tenantId\":\"" + DEMO + "\""));
                assertThat(events.bodies("user.changed", userId)).satisfiesExactly(
                        first -> assertThat(first).contains("CHANGE_KIND_CREATED"),
                        second -> assertThat(second).contains("CHANGE_KIND_DELETED"));
            }
        }

        @Test
        void createsReadsAndPagesUsers() {
            String phone = uniquePhone();
            ResponseEntity<Map> created = rest.post().uri("/api/v1/tenants/{t}/users", DEMO).contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("userType", "CALLER", "name", "Zeynep", "contact", Map.of("type", "PHONE", "value", phone)))
                    .retrieve().toEntity(Map.class);
            assertThat(created.getStatusCode().value()).isEqualTo(201);
            assertThat(created.getHeaders().getLocation()).isNotNull();

            Map<?, ?> page = rest.get().uri("/api/v1/tenants/{t}/users?size=1&page=0", DEMO).retrieve().body(Map.class);
            assertThat(page.get("size")).isEqualTo(1);
            assertThat(((Number) page.get("totalItems")).intValue()).isGreaterThanOrEqualTo(3);

            Map<?, ?> lookedUp = rest.get().uri("/api/v1/tenants/{t}/contacts/lookup?type=PHONE&value={v}", DEMO, phone)
                    .retrieve().body(Map.class);
            assertThat(lookedUp.get("name")).isEqualTo("Zeynep");
        }

        @Test
        void badInputIsAProblemDetailAndNothingIsWritten() {
            Integer before = jdbc.queryForObject("SELECT count(*) FROM users", Integer.class);

            ResponseEntity<Map> invalid = rest.post().uri("/api/v1/tenants/{t}/users", DEMO).contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("name", "x".repeat(300), "contact", Map.of("type", "PHONE")))
                    .retrieve().toEntity(Map.class);
            assertThat(invalid.getStatusCode().value()).isEqualTo(400);
            assertThat(invalid.getHeaders().getContentType().toString()).startsWith("application/problem+json");
            assertThat(invalid.getBody().get("type")).isEqualTo("https://sentiric.ai/problems/invalid-argument");
            assertThat((List<Map<String, String>>) invalid.getBody().get("errors"))
                    .extracting(error -> error.get("field")).contains("userType", "name", "contact.value");

            ResponseEntity<Map> unreadable = rest.post().uri("/api/v1/tenants/{t}/users", DEMO).contentType(MediaType.APPLICATION_JSON)
                    .body("{\"userType\": \"PRESIDENT\"").retrieve().toEntity(Map.class);
            assertThat(unreadable.getStatusCode().value()).isEqualTo(400);
            assertThat(unreadable.getBody()).containsKey("type");

            ResponseEntity<Map> notAPhone = rest.post().uri("/api/v1/tenants/{t}/users", DEMO).contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("userType", "CALLER", "contact", Map.of("type", "PHONE", "value", "12")))
                    .retrieve().toEntity(Map.class);
            assertThat(notAPhone.getStatusCode().value()).isEqualTo(400);
            assertThat(notAPhone.getBody().get("detail").toString()).contains("phone number");

            ResponseEntity<Map> duplicate = rest.post().uri("/api/v1/tenants/{t}/users", DEMO).contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("userType", "CALLER", "contact", Map.of("type", "PHONE", "value", "05551112233")))
                    .retrieve().toEntity(Map.class);
            assertThat(duplicate.getStatusCode().value()).isEqualTo(409);
            assertThat(duplicate.getBody().get("type")).isEqualTo("https://sentiric.ai/problems/already-exists");

            ResponseEntity<Map> badPage = rest.get().uri("/api/v1/tenants/{t}/users?size=100000", DEMO).retrieve().toEntity(Map.class);
            assertThat(badPage.getStatusCode().value()).isEqualTo(400);

            assertThat(jdbc.queryForObject("SELECT count(*) FROM users", Integer.class)).isEqualTo(before);
        }

        @Test
        void tenantsAndApiKeysHaveTheirLifecycle() {
            String id = "t" + UUID.randomUUID().toString().substring(0, 8);
            assertThat(rest.post().uri("/api/v1/tenants").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("id", id, "name", "Tenant " + id, "defaultRegion", "de"))
                    .retrieve().toEntity(Map.class).getBody().get("defaultRegion")).isEqualTo("DE");
            assertThat(rest.post().uri("/api/v1/tenants").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("id", id, "name", "Other")).retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(409);
            assertThat(rest.post().uri("/api/v1/tenants").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("id", "Bad Id!", "name", "Other")).retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(400);

            Map<?, ?> key = rest.post().uri("/api/v1/tenants/{t}/api-keys", id).contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("name", "ci")).retrieve().body(Map.class);
            String secret = (String) key.get("secret");
            assertThat(grpc.verifyApiKey(VerifyApiKeyRequest.newBuilder().setApiKey(secret).build()).getTenantId()).isEqualTo(id);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM tenant_api_keys WHERE key_hash = ?", Integer.class, secret)).isZero();

            rest.patch().uri("/api/v1/tenants/{t}", id).contentType(MediaType.APPLICATION_JSON).body(Map.of("active", false))
                    .retrieve().toBodilessEntity();
            assertThat(code(() -> grpc.verifyApiKey(VerifyApiKeyRequest.newBuilder().setApiKey(secret).build())))
                    .isEqualTo(Status.Code.UNAUTHENTICATED);
            assertThat(rest.delete().uri("/api/v1/tenants/system").retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(409);
        }
    }

    static String md5(String value) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(value.getBytes(StandardCharsets.UTF_8)));
    }
}
