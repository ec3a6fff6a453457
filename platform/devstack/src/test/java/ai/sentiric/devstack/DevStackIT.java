package ai.sentiric.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ai.sentiric.proto.dialplan.v1.DialplanServiceGrpc;
import ai.sentiric.proto.dialplan.v1.Resolution;
import ai.sentiric.proto.dialplan.v1.ResolveDialplanRequest;
import ai.sentiric.proto.dialplan.v1.ResolveDialplanResponse;
import ai.sentiric.proto.sip.v1.CallState;
import ai.sentiric.proto.sip.v1.GetCallRequest;
import ai.sentiric.proto.sip.v1.SipSignalingServiceGrpc;
import ai.sentiric.proto.sip.v1.TerminateCallRequest;
import com.google.protobuf.Timestamp;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
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

    /**
     * Every port below Linux's ephemeral range (32768 and up), where any outgoing connection on the
     * machine may hold one at the moment a service binds it (with 20000, sip-signaling's 33020 was
     * taken once and the stack did not start), and SIP's 22060 above media's RTP range (10000-20000).
     */
    static final int OFFSET = 17000;
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

    /** Runs a committed SIPp scenario against the stack's SIP port; true when its call passed. */
    Process sipp(String scenario, String number, String callId, int callerRtpPort) throws Exception {
        Path file = root().resolve("sip-signaling-service/src/test/resources/sipp/" + scenario + ".xml");
        int localPort;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            localPort = probe.getLocalPort();
        }
        return new ProcessBuilder("sipp", "127.0.0.1:" + (5060 + OFFSET), "-sf", file.toString(), "-s", number,
                "-i", "127.0.0.1", "-p", String.valueOf(localPort), "-m", "1", "-l", "1", "-timeout", "30s", "-timeout_error",
                "-nostdin", "-cid_str", callId, "-key", "caller", "05551112233", "-key", "caller_rtp", String.valueOf(callerRtpPort))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    static Path root() {
        return Path.of(System.getProperty("user.dir")).resolve("../..").normalize();
    }

    String cdr(String callId) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + (12050 + OFFSET) + "/api/v1/tenants/sentiric_demo/calls/" + callId)).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? response.body() : "";
    }

    @Test
    void aSippCallThroughTheWholeFleetLeavesACompletedCallRecord() throws Exception {
        String callId = "e2e-" + UUID.randomUUID();
        Instant before = Instant.now();
        Process call = sipp("uac-basic-call-expect-200", "902124548590", callId, 40000);
        assertThat(call.waitFor(40, TimeUnit.SECONDS)).isTrue();
        assertThat(call.exitValue()).as("SIPp's call passed").isZero();
        await().atMost(Duration.ofSeconds(15)).until(() -> cdr(callId).contains("\"status\":\"COMPLETED\""));
        String record = cdr(callId);
        assertThat(record).contains("\"tenantId\":\"sentiric_demo\"", "\"disposition\":\"ANSWERED\"",
                "\"hangupSource\":\"CALLER\"").containsPattern("\"callerNumber\":\"[^\"]*5551112233\"");
        Instant started = Instant.parse(record.replaceAll("(?s).*\"startTime\":\"([^\"]+)\".*", "$1"));
        Instant ended = Instant.parse(record.replaceAll("(?s).*\"endTime\":\"([^\"]+)\".*", "$1"));
        assertThat(started).isBetween(before.minusSeconds(1), Instant.now());
        assertThat(Duration.between(started, ended)).isBetween(Duration.ofMillis(200), Duration.ofSeconds(10));
    }

    @Test
    void anEchoTestCallHearsItselfAndIsRecorded() throws Exception {
        String callId = "echo-" + UUID.randomUUID();
        try (DatagramSocket phone = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            Process call = sipp("uac-platform-hangup-expect-bye", "902124548599", callId, phone.getLocalPort());
            ManagedChannel sipChannel = ManagedChannelBuilder.forAddress("127.0.0.1", 13021 + OFFSET).usePlaintext().build();
            var sip = SipSignalingServiceGrpc.newBlockingStub(sipChannel);
            int mediaPort = await().atMost(Duration.ofSeconds(20)).until(() -> {
                try {
                    var found = sip.getCall(GetCallRequest.newBuilder().setCallId(callId).build());
                    return found.getState() == CallState.CALL_STATE_ANSWERED ? found.getRtpPort() : 0;
                } catch (StatusRuntimeException e) {
                    return 0;
                }
            }, port -> port > 0);
            // One second of a loud tone in PCMU, paced in real time, from the phone's socket.
            byte[] packet = new byte[172];
            var media = new InetSocketAddress("127.0.0.1", mediaPort);
            long start = System.nanoTime();
            for (int i = 0; i < 50; i++) {
                packet[0] = (byte) 0x80;
                packet[2] = (byte) (i >> 8);
                packet[3] = (byte) i;
                int timestamp = i * 160;
                packet[4] = (byte) (timestamp >> 24);
                packet[5] = (byte) (timestamp >> 16);
                packet[6] = (byte) (timestamp >> 8);
                packet[7] = (byte) timestamp;
                packet[11] = 7;
                for (int s = 0; s < 160; s++) {
                    // Alternating +/- full-scale mu-law codes: a loud square wave.
                    packet[12 + s] = (byte) ((s / 10) % 2 == 0 ? 0x80 : 0x00);
                }
                phone.send(new DatagramPacket(packet, packet.length, media));
                LockSupport.parkNanos(start + (i + 1) * 20_000_000L - System.nanoTime());
            }
            phone.setSoTimeout(200);
            int loud = 0;
            byte[] buffer = new byte[2048];
            long until = System.nanoTime() + 2_000_000_000L;
            while (System.nanoTime() < until) {
                DatagramPacket received = new DatagramPacket(buffer, buffer.length);
                try {
                    phone.receive(received);
                } catch (SocketTimeoutException e) {
                    continue;
                }
                if (received.getLength() == 172 && (buffer[12] & 0xFF) != 0xFF) {
                    loud++;
                }
            }
            assertThat(loud).as("echoed packets").isGreaterThanOrEqualTo(40);
            sip.terminateCall(TerminateCallRequest.newBuilder().setCallId(callId).setReason("echo-test-done").build());
            assertThat(call.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(call.exitValue()).isZero();
            sipChannel.shutdownNow();
        }
        // In the tenant's directory of the day: run/recordings/sentiric_demo/<yyyy>/<MM>/<dd>/<call id>.wav
        await().atMost(Duration.ofSeconds(10)).until(() -> recording(callId).filter(file -> file.toFile().length() > 16_000).isPresent());
        assertThat(root().resolve("run/recordings/sentiric_demo").relativize(recording(callId).orElseThrow()).toString())
                .matches("\\d{4}/\\d{2}/\\d{2}/" + callId + "\\.wav");
        await().atMost(Duration.ofSeconds(15)).until(() -> cdr(callId).contains("\"status\":\"COMPLETED\"")
                && cdr(callId).contains(callId + ".wav"));
    }

    static Optional<Path> recording(String callId) throws IOException {
        Path tenant = root().resolve("run/recordings/sentiric_demo");
        if (!Files.isDirectory(tenant)) {
            return Optional.empty();
        }
        try (var files = Files.walk(tenant)) {
            return files.filter(file -> file.getFileName().toString().equals(callId + ".wav")).findFirst();
        }
    }
}
