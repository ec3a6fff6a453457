package ai.sentiric.dialplan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.sentiric.events.EventPublisher;
import ai.sentiric.proto.dialplan.v1.*;
import ai.sentiric.proto.event.v1.ChangeKind;
import ai.sentiric.proto.event.v1.EventEnvelope;
import ai.sentiric.proto.event.v1.UserChanged;
import ai.sentiric.support.errors.GrpcErrors;
import ai.sentiric.testkit.spring.InfrastructureTest;
import com.google.protobuf.Timestamp;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.grpc.client.autoconfigure.GrpcClientProperties;
import org.springframework.boot.grpc.test.autoconfigure.LocalGrpcPort;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.grpc.server.exception.GrpcExceptionHandlerInterceptor;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * dialplan-service through its real gRPC and REST endpoints, on its own PostgreSQL database and
 * the real broker, with user-service's contract served by {@link FakeUserService}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.grpc.server.port=0")
@InfrastructureTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DialplanServiceIT {

    static final FakeUserService USERS = new FakeUserService();
    static final String DEMO_NUMBER = "+902124548590";
    static final String MAINTENANCE_NUMBER = "+902124548591";
    static final String ACME_NUMBER = "+14155550100";
    static final Instant MONDAY_10_ISTANBUL = Instant.parse("2026-11-23T07:00:00Z");
    static final Instant MONDAY_23_ISTANBUL = Instant.parse("2026-11-23T20:00:00Z");
    static final Instant NEW_YEAR_10_ISTANBUL = Instant.parse("2026-01-01T07:00:00Z");

    @DynamicPropertySource
    static void userService(DynamicPropertyRegistry registry) {
        registry.add("spring.grpc.client.channels.user-service.address", () -> "static://127.0.0.1:" + USERS.port());
    }

    @LocalGrpcPort int grpcPort;
    @LocalServerPort int httpPort;
    @Autowired JdbcTemplate jdbc;
    @Autowired EventPublisher events;
    @Autowired ApplicationEventPublisher localEvents;
    @Autowired MeterRegistry meters;
    @Autowired GrpcClientProperties grpcClients;
    @Autowired ObjectProvider<GrpcExceptionHandlerInterceptor> exceptionInterceptors;

    ManagedChannel channel;
    DialplanServiceGrpc.DialplanServiceBlockingStub grpc;
    RestClient rest;

    @BeforeAll
    void connect() {
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build();
        grpc = DialplanServiceGrpc.newBlockingStub(channel);
        rest = RestClient.builder().baseUrl("http://127.0.0.1:" + httpPort)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { })
                .build();
    }

    @AfterAll
    void disconnect() {
        channel.shutdownNow();
    }

    ResolveDialplanResponse resolve(String caller, String destination, Instant at) {
        return grpc.resolveDialplan(ResolveDialplanRequest.newBuilder().setCallerContactValue(caller)
                .setDestinationNumber(destination)
                .setCallTime(Timestamp.newBuilder().setSeconds(at.getEpochSecond())).build());
    }

    double loadingResolutions() {
        return meters.get("sentiric.dialplan.resolutions.loading").counter().count();
    }

    Status.Code resolveCode(String caller, String destination) {
        try {
            resolve(caller, destination, MONDAY_10_ISTANBUL);
            return Status.Code.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode();
        }
    }

    @Nested
    class Resolution {

        @Test
        void knownCallerGetsTheActivePlanInTheirLanguage() {
            var result = resolve("905551112233", "902124548590", MONDAY_10_ISTANBUL);

            assertThat(result.getResolution()).isEqualTo(ai.sentiric.proto.dialplan.v1.Resolution.RESOLUTION_ACTIVE);
            assertThat(result.getDialplanId()).isEqualTo("DP_DEMO_WELCOME");
            assertThat(result.getAction().getType()).isEqualTo(ActionType.ACTION_TYPE_START_AI_CONVERSATION);
            assertThat(result.getTenantId()).isEqualTo("sentiric_demo");
            assertThat(result.getMatchedUser().getName()).isEqualTo("Ayşe Yılmaz");
            assertThat(result.getMatchedContact().getContactValue()).isEqualTo("+905551112233");
            assertThat(result.getCallerE164()).isEqualTo("+905551112233");
            assertThat(result.getLanguageCode()).isEqualTo("tr");
            assertThat(result.getInboundRoute().getPhoneNumber()).isEqualTo(DEMO_NUMBER);
        }

        @Test
        void unknownCallerGetsTheGuestPlanUnderTheRoutesTenantNotSystem() {
            var result = resolve("+905327654321", DEMO_NUMBER, MONDAY_10_ISTANBUL);

            assertThat(result.getResolution()).isEqualTo(ai.sentiric.proto.dialplan.v1.Resolution.RESOLUTION_GUEST);
            assertThat(result.getDialplanId()).isEqualTo("DP_GUEST_ENTRY");
            assertThat(result.getAction().getType()).isEqualTo(ActionType.ACTION_TYPE_PROCESS_GUEST_CALL);
            assertThat(result.getTenantId()).isEqualTo("sentiric_demo");
            assertThat(result.hasMatchedUser()).isFalse();
            assertThat(result.getCallerE164()).isEqualTo("+905327654321");
            assertThat(result.getLanguageCode()).isEqualTo("tr");
        }

        @Test
        void maintenanceRouteGetsItsFailsafePlan() {
            var result = resolve("+905551112233", MAINTENANCE_NUMBER, MONDAY_10_ISTANBUL);

            assertThat(result.getResolution()).isEqualTo(ai.sentiric.proto.dialplan.v1.Resolution.RESOLUTION_MAINTENANCE);
            assertThat(result.getDialplanId()).isEqualTo("DP_SYSTEM_MAINTENANCE");
            assertThat(result.getAction().getDataMap()).containsEntry("announcement_id", "ANNOUNCE_SYSTEM_MAINTENANCE");
        }

        @Test
        void offHoursAndHolidaysGetTheOffHoursPlanWithTheCallerStillIdentified() {
            var night = resolve("+905551112233", DEMO_NUMBER, MONDAY_23_ISTANBUL);
            assertThat(night.getResolution()).isEqualTo(ai.sentiric.proto.dialplan.v1.Resolution.RESOLUTION_OFF_HOURS);
            assertThat(night.getDialplanId()).isEqualTo("DP_DEMO_OFF_HOURS");
            assertThat(night.getMatchedUser().getName()).isEqualTo("Ayşe Yılmaz");

            var holiday = resolve("+905327654321", DEMO_NUMBER, NEW_YEAR_10_ISTANBUL);
            assertThat(holiday.getResolution()).isEqualTo(ai.sentiric.proto.dialplan.v1.Resolution.RESOLUTION_OFF_HOURS);
        }

        @Test
        void unknownNumberIsNotFoundAndBlockedAnonymousIsPermissionDenied() {
            assertThat(resolveCode("+905551112233", "+902120000000")).isEqualTo(Status.Code.NOT_FOUND);
            assertThat(resolveCode("+905551112233", "not a number")).isEqualTo(Status.Code.NOT_FOUND);
            assertThat(resolveCode("anonymous", ACME_NUMBER)).isEqualTo(Status.Code.PERMISSION_DENIED);
            assertThat(resolveCode("", ACME_NUMBER)).isEqualTo(Status.Code.PERMISSION_DENIED);
            assertThat(resolve("anonymous", DEMO_NUMBER, MONDAY_10_ISTANBUL).getResolution())
                    .isEqualTo(ai.sentiric.proto.dialplan.v1.Resolution.RESOLUTION_GUEST);
        }

        @Test
        void aFailedUserLookupGivesTheRoutesFailsafePlan() {
            var result = resolve(FakeUserService.FAILING_CALLER, DEMO_NUMBER, MONDAY_10_ISTANBUL);

            assertThat(result.getResolution()).isEqualTo(ai.sentiric.proto.dialplan.v1.Resolution.RESOLUTION_FAILSAFE);
            assertThat(result.getDialplanId()).isEqualTo("DP_SYSTEM_FAILSAFE");
            assertThat(result.getAction().getType()).isEqualTo(ActionType.ACTION_TYPE_PLAY_ANNOUNCEMENT);
        }

        @Test
        void aMissingPlanFallsThroughTheFailsafeChainToTheBuiltInAnnouncement() {
            jdbc.update("INSERT INTO inbound_routes (phone_number, tenant_id, active_dialplan_id, failsafe_dialplan_id) "
                    + "VALUES ('+902124548598', 'sentiric_demo', 'DP_GONE', 'DP_ALSO_GONE')");
            USERS.know("sentiric_demo", "+905551112299", "Kaan", "tr");

            var systemFailsafe = resolve("+905551112299", "+902124548598", MONDAY_10_ISTANBUL);
            assertThat(systemFailsafe.getResolution()).isEqualTo(ai.sentiric.proto.dialplan.v1.Resolution.RESOLUTION_FAILSAFE);
            assertThat(systemFailsafe.getDialplanId()).isEqualTo("DP_SYSTEM_FAILSAFE");

            var saved = jdbc.queryForMap("SELECT * FROM dialplans WHERE tenant_id = 'system' AND id = 'DP_SYSTEM_FAILSAFE'");
            jdbc.update("DELETE FROM dialplans WHERE tenant_id = 'system' AND id = 'DP_SYSTEM_FAILSAFE'");
            localEvents.publishEvent(new CatalogChanged("system", "test"));
            try {
                var ultimate = resolve("+905551112299", "+902124548598", MONDAY_10_ISTANBUL);
                assertThat(ultimate.getDialplanId()).isEqualTo("ULTIMATE_FAILSAFE");
                assertThat(ultimate.getAction().getDataMap()).containsEntry("announcement_id", "ANNOUNCE_SYSTEM_ERROR");
            } finally {
                jdbc.update("INSERT INTO dialplans (tenant_id, id, description, action_type, action_data) VALUES (?, ?, ?, ?, ?::jsonb)",
                        saved.get("tenant_id"), saved.get("id"), saved.get("description"), saved.get("action_type"),
                        saved.get("action_data").toString());
                localEvents.publishEvent(new CatalogChanged("system", "test"));
            }
        }
    }

    @Nested
    class Caching {

        @Test
        void theUserServiceChannelKeepsItsConnectionBetweenCalls() {
            // Spring gRPC's default closes it after 20 s without a call; the next uncached caller
            // look-up then waited for a new connection.
            assertThat(grpcClients.getChannel("user-service").getIdleTimeout()).isGreaterThanOrEqualTo(Duration.ofDays(30));
        }

        @Test
        void callerLookupsAreCachedUntilAUserChangedEventForTheirTenant() {
            USERS.know("acme_us", "+14155550177", "Dana", "en");
            assertThat(resolve("+14155550177", ACME_NUMBER, MONDAY_10_ISTANBUL).getResolution())
                    .isEqualTo(ai.sentiric.proto.dialplan.v1.Resolution.RESOLUTION_ACTIVE);
            int lookups = USERS.lookups.get();
            USERS.usersByPhone.remove("acme_us|+14155550177");

            assertThat(resolve("+14155550177", ACME_NUMBER, MONDAY_10_ISTANBUL).getResolution())
                    .isEqualTo(ai.sentiric.proto.dialplan.v1.Resolution.RESOLUTION_ACTIVE);
            assertThat(USERS.lookups.get()).isEqualTo(lookups);

            events.publish(EventEnvelope.newBuilder().setTenantId("acme_us")
                    .setUserChanged(UserChanged.newBuilder().setUserId("u-+14155550177").setKind(ChangeKind.CHANGE_KIND_DELETED))
                    .build());
            await().atMost(Duration.ofSeconds(10)).until(() -> resolve("+14155550177", ACME_NUMBER, MONDAY_10_ISTANBUL)
                    .getResolution() == ai.sentiric.proto.dialplan.v1.Resolution.RESOLUTION_GUEST);
        }

        @Test
        void aResolutionFromTheCachesWaitsForNothingAndAnswersAsTheLoadingOneDid() {
            USERS.know("acme_us", "+14155550188", "Emre", "tr");
            double loading = loadingResolutions();
            int lookups = USERS.lookups.get();

            var first = resolve("+14155550188", ACME_NUMBER, MONDAY_10_ISTANBUL);
            assertThat(loadingResolutions()).as("a new caller is looked up where waiting is allowed").isEqualTo(loading + 1);
            assertThat(USERS.lookups.get()).isEqualTo(lookups + 1);

            var again = resolve("+14155550188", ACME_NUMBER, MONDAY_10_ISTANBUL);
            assertThat(loadingResolutions()).as("the same caller again comes from memory").isEqualTo(loading + 1);
            assertThat(again).isEqualTo(first);
            assertThat(again.getMatchedUser().getName()).isEqualTo("Emre");
            // Refusals from memory map to their status as before.
            assertThat(resolveCode("anonymous", ACME_NUMBER)).isEqualTo(Status.Code.PERMISSION_DENIED);
            assertThat(resolveCode("anonymous", ACME_NUMBER)).isEqualTo(Status.Code.PERMISSION_DENIED);
        }

        @Test
        void aRouteChangedThroughTheApiTakesEffectOnTheNextCall() {
            rest.post().uri("/api/v1/tenants/acme_us/dialplans").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("id", "DP_ACME_ECHO", "actionType", "ECHO_TEST")).retrieve().toBodilessEntity();
            rest.post().uri("/api/v1/tenants/acme_us/inbound-routes").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("phoneNumber", "+14155550111", "activeDialplanId", "DP_ACME_SUPPORT", "guestDialplanId", "DP_ACME_ECHO"))
                    .retrieve().toBodilessEntity();
            assertThat(resolve("+14155550999", "+14155550111", MONDAY_10_ISTANBUL).getDialplanId()).isEqualTo("DP_ACME_ECHO");

            rest.put().uri("/api/v1/tenants/acme_us/inbound-routes/+14155550111").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("activeDialplanId", "DP_ACME_SUPPORT", "maintenanceMode", true)).retrieve().toBodilessEntity();
            assertThat(resolve("+14155550999", "+14155550111", MONDAY_10_ISTANBUL).getResolution())
                    .isEqualTo(ai.sentiric.proto.dialplan.v1.Resolution.RESOLUTION_MAINTENANCE);
        }
    }

    @Nested
    class Administration {

        @Test
        void badInputIsAProblemDetailAndNothingIsWritten() {
            Integer routes = jdbc.queryForObject("SELECT count(*) FROM inbound_routes", Integer.class);
            Integer plans = jdbc.queryForObject("SELECT count(*) FROM dialplans", Integer.class);

            assertProblem(rest.post().uri("/api/v1/tenants/acme_us/inbound-routes").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("phoneNumber", "+14155550112", "activeDialplanId", "DP_NOPE")).retrieve().toEntity(Map.class),
                    400, "invalid-argument");
            assertProblem(rest.post().uri("/api/v1/tenants/nobody/inbound-routes").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("phoneNumber", "+14155550113")).retrieve().toEntity(Map.class), 404, "not-found");
            assertProblem(rest.post().uri("/api/v1/tenants/acme_us/inbound-routes").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("phoneNumber", "12")).retrieve().toEntity(Map.class), 400, "invalid-argument");
            assertProblem(rest.post().uri("/api/v1/tenants/acme_us/inbound-routes").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("phoneNumber", "+14155550114", "offHoursDialplanId", "DP_ACME_SUPPORT")).retrieve().toEntity(Map.class),
                    400, "invalid-argument");
            assertProblem(rest.post().uri("/api/v1/tenants/sentiric_demo/inbound-routes").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("phoneNumber", "0212 454 85 90")).retrieve().toEntity(Map.class), 409, "already-exists");
            assertProblem(rest.post().uri("/api/v1/tenants/acme_us/dialplans").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("id", "DP_X", "actionType", "PLAY_ANNOUNCEMENT")).retrieve().toEntity(Map.class), 400, "invalid-argument");
            assertProblem(rest.post().uri("/api/v1/tenants/acme_us/dialplans").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("id", "DP_X", "actionType", "TELEPORT")).retrieve().toEntity(Map.class), 400, "http-400");
            assertProblem(rest.post().uri("/api/v1/tenants/acme_us/dialplans").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("id", "DP_X", "actionType", "TRANSFER", "actionData", Map.of("target", "somewhere")))
                    .retrieve().toEntity(Map.class), 400, "invalid-argument");
            assertProblem(rest.post().uri("/api/v1/tenants/acme_us/schedules").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("name", "bad", "timeZone", "Mars/Olympus")).retrieve().toEntity(Map.class), 400, "invalid-argument");
            assertProblem(rest.post().uri("/api/v1/tenants/acme_us/sip-trunks").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("name", "t", "allowedCidrs", List.of("carrier.example.com"))).retrieve().toEntity(Map.class),
                    400, "invalid-argument");
            assertProblem(rest.delete().uri("/api/v1/tenants/sentiric_demo/dialplans/DP_DEMO_WELCOME").retrieve().toEntity(Map.class),
                    409, "failed-precondition");

            assertThat(jdbc.queryForObject("SELECT count(*) FROM inbound_routes", Integer.class)).isEqualTo(routes);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM dialplans", Integer.class)).isEqualTo(plans);
        }

        @Test
        void oneTenantCannotSeeOrChangeAnothersRoutesAndPlans() {
            assertThat(rest.get().uri("/api/v1/tenants/acme_us/inbound-routes/" + DEMO_NUMBER).retrieve().toBodilessEntity()
                    .getStatusCode().value()).isEqualTo(404);
            assertThat(rest.delete().uri("/api/v1/tenants/acme_us/inbound-routes/" + DEMO_NUMBER).retrieve().toBodilessEntity()
                    .getStatusCode().value()).isEqualTo(404);
            assertThat(rest.get().uri("/api/v1/tenants/acme_us/dialplans/DP_DEMO_WELCOME").retrieve().toBodilessEntity()
                    .getStatusCode().value()).isEqualTo(404);
            Map<?, ?> page = rest.get().uri("/api/v1/tenants/acme_us/inbound-routes").retrieve().body(Map.class);
            assertThat((List<Map<String, Object>>) page.get("items")).allSatisfy(route -> assertThat(route.get("tenantId")).isEqualTo("acme_us"));
            assertThat(rest.post().uri("/api/v1/tenants/acme_us/inbound-routes").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("phoneNumber", "+14155550115", "activeDialplanId", "DP_DEMO_WELCOME")).retrieve()
                    .toBodilessEntity().getStatusCode().value()).isEqualTo(400);
        }

        @Test
        void handlersRunOnTheServicesOwnHandlerThreads() {
            grpc.getInboundRoute(GetInboundRouteRequest.newBuilder().setPhoneNumber(DEMO_NUMBER).build());

            // The named threads of the fixed pool (GrpcHandlerExecutor), started as requests need them.
            assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName).contains("grpc-handler-0");
        }

        @Test
        void trunksAnnouncementsAndTemplatesResolveOverGrpc() {
            assertThat(grpc.matchSipTrunk(MatchSipTrunkRequest.newBuilder().setSourceIp("127.0.0.1").build()).getTrunk().getName())
                    .isEqualTo("local-carrier");
            assertThat(catchCode(() -> grpc.matchSipTrunk(MatchSipTrunkRequest.newBuilder().setSourceIp("192.0.2.1").build())))
                    .isEqualTo(Status.Code.NOT_FOUND);

            // The server metrics record the refusal with the status the client got, not UNKNOWN.
            // (they stop once the status is sent, so possibly just after the client has it)
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(meters.find("grpc.server.processing.duration")
                    .tag("method", "MatchSipTrunk").tag("statusCode", "NOT_FOUND").timer())
                    .as(() -> meters.find("grpc.server.processing.duration").timers().stream().map(t -> t.getId().getTags().toString()).toList().toString())
                    .isNotNull());
            assertThat(meters.find("grpc.server.processing.duration").tag("statusCode", "UNKNOWN").timer()).isNull();
            // Timed once, by Micrometer's interceptor, not also by Spring gRPC's observation.
            assertThat(meters.find("grpc.server").meters()).isEmpty();
            assertThat(exceptionInterceptors.stream()).singleElement().isInstanceOf(GrpcErrors.Interceptor.class);

            rest.put().uri("/api/v1/tenants/sentiric_demo/announcements/ANNOUNCE_GUEST_WELCOME/tr").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("audioPath", "audio/tr/demo_welcome.wav", "text", "Sentiric Demo'ya hoş geldiniz")).retrieve().toBodilessEntity();
            assertThat(grpc.getAnnouncement(GetAnnouncementRequest.newBuilder().setTenantId("sentiric_demo")
                    .setAnnouncementId("ANNOUNCE_GUEST_WELCOME").setLanguageCode("tr").build()).getAnnouncement().getAudioPath())
                    .isEqualTo("audio/tr/demo_welcome.wav");
            assertThat(grpc.getAnnouncement(GetAnnouncementRequest.newBuilder().setTenantId("acme_us")
                    .setAnnouncementId("ANNOUNCE_GUEST_WELCOME").setLanguageCode("tr").build()).getAnnouncement().getTenantId())
                    .isEqualTo("system");
            assertThat(grpc.getAnnouncement(GetAnnouncementRequest.newBuilder().setTenantId("acme_us")
                    .setAnnouncementId("ANNOUNCE_SYSTEM_CANT_HEAR_YOU").setLanguageCode("de").build()).getAnnouncement().getLanguageCode())
                    .isEqualTo("en");
            assertThat(grpc.getPromptTemplate(GetPromptTemplateRequest.newBuilder().setTenantId("acme_us")
                    .setTemplateId("PROMPT_SYSTEM_DEFAULT").setLanguageCode("tr").build()).getTemplate().getContent())
                    .startsWith("Yardımsever");
            assertThat(rest.put().uri("/api/v1/tenants/acme_us/announcements/X/en").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("audioPath", "../../etc/passwd", "text", "")).retrieve().toBodilessEntity().getStatusCode().value())
                    .isEqualTo(400);
        }
    }

    static Status.Code catchCode(Runnable call) {
        try {
            call.run();
            return Status.Code.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode();
        }
    }

    static void assertProblem(ResponseEntity<Map> response, int status, String type) {
        assertThat(response.getStatusCode().value()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(response.getBody().get("type")).isEqualTo("https://sentiric.ai/problems/" + type);
    }
}
