package ai.sentiric.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.sentiric.proto.dialplan.v1.DialplanServiceGrpc;
import ai.sentiric.proto.dialplan.v1.ResolveDialplanRequest;
import ai.sentiric.proto.dialplan.v1.ResolveDialplanResponse;
import ai.sentiric.proto.dialplan.v1.Resolution;
import com.google.protobuf.Timestamp;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The README's run command, end to end: the stack starts every service on embedded
 * infrastructure, and dialplan-service resolves the seeded numbers through the real user-service.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DevStackIT {

    static final int OFFSET = 20000;
    static final Instant MONDAY_10_ISTANBUL = Instant.parse("2026-11-23T07:00:00Z");

    DevStack stack;
    ManagedChannel channel;
    DialplanServiceGrpc.DialplanServiceBlockingStub dialplan;

    @BeforeAll
    void start() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("SENTIRIC_INFRA", "embedded");
        env.put("SENTIRIC_PORT_OFFSET", String.valueOf(OFFSET));
        Path root = Path.of(System.getProperty("user.dir")).resolve("../..").normalize();
        stack = new DevStack(root, System.getProperty("sentiric.version", "0.1.0-SNAPSHOT"), env);
        stack.start();
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", 12021 + OFFSET).usePlaintext().build();
        dialplan = DialplanServiceGrpc.newBlockingStub(channel);
    }

    @AfterAll
    void stop() {
        if (channel != null) {
            channel.shutdownNow();
        }
        if (stack != null) {
            stack.close();
        }
    }

    ResolveDialplanResponse resolve(String caller, String destination, Instant at) {
        return dialplan.resolveDialplan(ResolveDialplanRequest.newBuilder().setCallerContactValue(caller)
                .setDestinationNumber(destination).setCallTime(Timestamp.newBuilder().setSeconds(at.getEpochSecond())).build());
    }

    @Test
    void seededNumbersResolveThroughTheRealUserService() {
        var known = resolve("0555 111 22 33", "+902124548590", MONDAY_10_ISTANBUL);
        assertThat(known.getResolution()).isEqualTo(Resolution.RESOLUTION_ACTIVE);
        assertThat(known.getDialplanId()).isEqualTo("DP_DEMO_WELCOME");
        assertThat(known.getMatchedUser().getName()).isEqualTo("Ayşe Yılmaz");

        var guest = resolve("+905329990011", "+902124548590", MONDAY_10_ISTANBUL);
        assertThat(guest.getResolution()).isEqualTo(Resolution.RESOLUTION_GUEST);
        assertThat(guest.getTenantId()).isEqualTo("sentiric_demo");

        assertThat(resolve("+905551112233", "+902124548591", MONDAY_10_ISTANBUL).getResolution())
                .isEqualTo(Resolution.RESOLUTION_MAINTENANCE);
        assertThat(resolve("+905551112233", "+902124548590", Instant.parse("2026-11-28T09:00:00Z")).getResolution())
                .isEqualTo(Resolution.RESOLUTION_OFF_HOURS);
        assertThatThrownBy(() -> resolve("+905551112233", "+902120000001", MONDAY_10_ISTANBUL))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    }

    @Test
    void restApisAnswerOnTheAnnouncedPorts() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> users = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + (12010 + OFFSET) + "/api/v1/tenants/sentiric_demo/users")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(users.statusCode()).isEqualTo(200);
        assertThat(users.body()).contains("Ayşe Yılmaz");

        HttpResponse<String> routes = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + (12020 + OFFSET) + "/api/v1/tenants/sentiric_demo/inbound-routes")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(routes.statusCode()).isEqualTo(200);
        assertThat(routes.body()).contains("+902124548590");

        HttpResponse<String> calls = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + (12050 + OFFSET) + "/api/v1/tenants/sentiric_demo/calls")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(calls.statusCode()).isEqualTo(200);
        assertThat(calls.body()).contains("\"items\"");
    }
}
