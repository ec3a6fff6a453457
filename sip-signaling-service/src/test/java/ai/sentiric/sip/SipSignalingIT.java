package ai.sentiric.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.sentiric.events.EventPublisher;
import ai.sentiric.proto.event.v1.EventEnvelope;
import ai.sentiric.proto.event.v1.MediaInactive;
import ai.sentiric.proto.media.v1.Codec;
import ai.sentiric.proto.media.v1.SessionMode;
import ai.sentiric.proto.sip.v1.SipSignalingServiceGrpc;
import ai.sentiric.proto.sip.v1.TerminateCallRequest;
import ai.sentiric.sip.registrar.Registrar;
import ai.sentiric.sip.stack.SipStackPort;
import ai.sentiric.sip.stack.jain.JainSipPort;
import ai.sentiric.testkit.AmqpEndpoint;
import ai.sentiric.testkit.EventTap;
import ai.sentiric.testkit.Infrastructure;
import ai.sentiric.testkit.spring.InfrastructureTest;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.grpc.client.autoconfigure.GrpcClientProperties;
import org.springframework.boot.grpc.test.autoconfigure.LocalGrpcPort;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * sip-signaling-service on real SIP sockets, driven by SIPp with the committed scenarios. Each
 * scenario is checked three ways: the SIP responses (SIPp fails the call otherwise), the events
 * on RabbitMQ, and what was asked of user-, dialplan- and media-service (in-process fakes that
 * record every request).
 */
@SpringBootTest(properties = {"spring.grpc.server.port=0", "sentiric.sip.bind-address=127.0.0.1",
        "sentiric.sip.ring-time=300ms", "sentiric.sip.drain-timeout=1s", "sentiric.sip.trunk-cache-ttl=0s"})
@InfrastructureTest(postgres = false, redis = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SipSignalingIT {

    static final FakePlatform platform = new FakePlatform();
    static final int SIP_PORT = Sipp.freeUdpPort();
    static final String CALLER = "905321112233";

    @DynamicPropertySource
    static void platform(DynamicPropertyRegistry registry) {
        registry.add("sentiric.sip.port", () -> SIP_PORT);
        // Small enough for a test to fill; the tests send one call at a time otherwise.
        registry.add("sentiric.sip.max-setups", () -> 1);
        registry.add("sentiric.sip.setup-burst", () -> 2);
        // Long enough for two SIPp callers started together to count as one burst, and for a set-up
        // held below the RPC deadline to outlast it.
        registry.add("sentiric.sip.overload-after", () -> "1s");
        registry.add("sentiric.sip.rpc-deadline", () -> "4s");
        // Room for 8 events while the broker is away: from 4 waiting, no new call is taken.
        registry.add("sentiric.events.backlog", () -> 8);
        registry.add("spring.grpc.client.channels.user-service.address", platform::address);
        registry.add("spring.grpc.client.channels.dialplan-service.address", platform::address);
        registry.add("spring.grpc.client.channels.media-service.address", platform::address);
    }

    @LocalGrpcPort int grpcPort;
    @Value("${sentiric.events.exchange}") String exchange;
    @Autowired Registrar registrar;
    @Autowired MeterRegistry meters;
    @Autowired EventPublisher publisher;
    @Autowired SipStackPort stack;
    @Autowired SipProperties properties;
    @Autowired GrpcClientProperties grpcClients;

    EventTap events;
    ManagedChannel channel;

    @BeforeAll
    void connect() {
        events = EventTap.open(Infrastructure.shared().amqp(), exchange);
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build();
    }

    @AfterAll
    void disconnect() {
        events.close();
        channel.shutdownNow();
        platform.close();
    }

    @BeforeEach
    void reset() {
        platform.reset();
    }

    static String callId(String scenario) {
        return scenario + "-" + UUID.randomUUID();
    }

    /** INVITEs shed so far for {@code reason}. */
    double shed(String reason) {
        return meters.get("sentiric.sip.calls.shed").tag("reason", reason).counter().count();
    }

    Sipp.Result call(String scenario, String number, String callId, String... extra) {
        String[] args = new String[extra.length + 2];
        args[0] = "-cid_str";
        args[1] = callId;
        System.arraycopy(extra, 0, args, 2, extra.length);
        return Sipp.run(scenario, SIP_PORT, number, Map.of("caller", CALLER, "caller_rtp", "40000"), args);
    }

    /** A call that waits for the platform's BYE, returned once it was answered. */
    CompletableFuture<Sipp.Result> answeredCallAwaitingBye(String callId) {
        CompletableFuture<Sipp.Result> sipp = CompletableFuture.supplyAsync(
                () -> call("uac-platform-hangup-expect-bye", FakePlatform.ROUTED, callId));
        await().atMost(Duration.ofSeconds(10)).until(() -> events.bodies("call.answered", callId).size() == 1);
        return sipp;
    }

    void assertNoCall(String callId) {
        assertThat(platform.allocations).noneMatch(request -> request.getCallId().equals(callId));
        assertThat(events.messages()).noneMatch(m -> m.body().contains(callId));
    }

    @Test
    void aTrunkCallIsAnsweredWithNegotiatedSdpAndEveryStepIsAnnounced() {
        String callId = callId("basic");
        var result = call("uac-basic-call-expect-200", FakePlatform.ROUTED, callId);
        assertThat(result.passed()).as(result.output()).isTrue();

        assertThat(platform.resolutions).singleElement().satisfies(request -> {
            assertThat(request.getCallerContactValue()).isEqualTo(CALLER);
            assertThat(request.getDestinationNumber()).isEqualTo(FakePlatform.ROUTED);
        });
        assertThat(platform.allocations).singleElement().satisfies(request -> {
            assertThat(request.getCallId()).isEqualTo(callId);
            assertThat(request.getTenantId()).isEqualTo("sentiric_demo");
            assertThat(request.getRemoteRtpAddr()).isEqualTo("127.0.0.1:40000");
            assertThat(request.getCodec()).isEqualTo(Codec.CODEC_PCMU);
            assertThat(request.getTelephoneEventPayloadType()).isEqualTo(101);
            assertThat(request.getMode()).isEqualTo(SessionMode.SESSION_MODE_NORMAL);
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> events.bodies("call.ended", callId).size() == 1);
        assertThat(platform.releases).filteredOn(callId::equals).hasSize(1);
        assertThat(events.bodies("call.started", callId)).singleElement().asString()
                .contains("\"tenantId\":\"sentiric_demo\"", "\"calleeNumber\":\"" + FakePlatform.ROUTED + "\"",
                        "\"callerNumber\":\"" + CALLER + "\"", "\"trunkName\":\"local-carrier\"", "\"dialplanId\":\"DP_DEMO_WELCOME\"",
                        "\"serverRtpPort\":", "\"codec\":\"PCMU\"", "\"timestamp\":");
        assertThat(events.bodies("call.answered", callId)).hasSize(1);
        assertThat(events.bodies("call.ended", callId)).singleElement().asString()
                .contains("\"reason\":\"caller-hangup\"", "HANGUP_SOURCE_CALLER", "DISPOSITION_ANSWERED");
        // The call's 4-hour limit left the timer queue with the call, not 4 hours later: at most one
        // timer per call still live (other tests' calls may be), none left by ended ones.
        await().atMost(Duration.ofSeconds(5)).until(() -> meters.get("sentiric.sip.call.timers").gauge().value()
                <= meters.get("sentiric.sip.calls.active").gauge().value());
        // The calls to dialplan and media are timed by method and status, once (no observation too).
        assertThat(meters.get("grpc.client.processing.duration").tag("method", "ResolveDialplan").tag("statusCode", "OK")
                .timer().count()).isPositive();
        assertThat(meters.get("grpc.client.processing.duration").tag("method", "AllocatePort").tag("statusCode", "OK")
                .timer().count()).isPositive();
        assertThat(meters.find("grpc.client").meters()).isEmpty();
    }

    @Test
    void aByeBeforeTheAckEndsAnAnsweredCallAnsweredAtItsTwoHundred() {
        // Under load a caller's ACK can be lost (a datagram dropped), and its BYE then comes first:
        // the call was taken all the same, and its record must say ANSWERED, not NO_ANSWER.
        String callId = callId("bye-before-ack");
        var result = call("uac-bye-before-ack-expect-200", FakePlatform.ROUTED, callId);
        assertThat(result.passed()).as(result.output()).isTrue();

        await().atMost(Duration.ofSeconds(5)).until(() -> events.bodies("call.ended", callId).size() == 1);
        assertThat(events.bodies("call.answered", callId)).hasSize(1);
        assertThat(events.bodies("call.ended", callId)).singleElement().asString()
                .contains("\"reason\":\"caller-hangup\"", "HANGUP_SOURCE_CALLER", "DISPOSITION_ANSWERED");
        assertThat(events.messages().stream().filter(m -> m.body().contains(callId)).map(EventTap.Message::routingKey))
                .containsSubsequence("call.started", "call.answered", "call.ended");
        assertThat(platform.releases).filteredOn(callId::equals).hasSize(1);
    }

    @Test
    void aReleaseThatFailsWhileMediaIsUnavailableIsTriedAgain() {
        platform.releaseFailures.set(2);
        String callId = callId("release-retry");
        var result = call("uac-basic-call-expect-200", FakePlatform.ROUTED, callId);
        assertThat(result.passed()).as(result.output()).isTrue();

        await().atMost(Duration.ofSeconds(5)).until(() -> events.bodies("call.ended", callId).size() == 1);
        assertThat(platform.releaseAttempts).filteredOn(callId::equals).hasSize(3);
        assertThat(platform.releases).filteredOn(callId::equals).hasSize(1);
    }

    @Test
    void anAllocationAnsweredTooLateGets503AndTheSessionIsReleasedAnyway() {
        platform.allocationDelay = properties.rpcDeadline().plusMillis(500);
        String callId = callId("slow-media");
        var result = call("uac-service-unavailable-expect-503", FakePlatform.ROUTED, callId);
        assertThat(result.passed()).as(result.output()).isTrue();

        await().atMost(Duration.ofSeconds(10)).until(() -> platform.releases.contains(callId));
        assertThat(events.messages()).noneMatch(m -> m.body().contains(callId));
    }

    @Test
    void aBurstBeyondMaxSetupsIsAdmittedUpToSetupBurstAndTheRestShedWith503WhileTheCallsBeingSetUpGoOn() {
        platform.allocationDelay = Duration.ofMillis(1_500);
        double shedBefore = shed("burst");
        List<String> admitted = List.of(callId("admitted"), callId("admitted"));
        // Both at once (the common pool may have one thread on a small machine).
        try (var callers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<Sipp.Result>> running = admitted.stream().map(id -> CompletableFuture.supplyAsync(
                    () -> call("uac-basic-call-expect-200", FakePlatform.ROUTED, id), callers)).toList();
            await().atMost(Duration.ofSeconds(5)).until(() -> platform.allocations.size() == 2);
            assertThat(meters.get("sentiric.sip.calls.setting-up").gauge().value()).isEqualTo(2);

            String shed = callId("shed");
            var result = call("uac-service-unavailable-expect-503", FakePlatform.ROUTED, shed);
            assertThat(result.passed()).as(result.output()).isTrue();
            for (var call : running) {
                assertThat(call.join().passed()).as(call.join().output()).isTrue();
            }
            assertThat(shed("burst")).isEqualTo(shedBefore + 1);
            assertThat(platform.resolutions).as("the shed INVITE was never resolved").hasSize(2);
            assertNoCall(shed);
            await().atMost(Duration.ofSeconds(5)).until(() -> admitted.stream().allMatch(id -> events.bodies("call.ended", id).size() == 1));
            assertThat(meters.get("sentiric.sip.calls.setting-up").gauge().value()).isZero();
        }
    }

    @Test
    void setUpsAtMaxSetupsForLongerThanOverloadAfterAreAnOverloadAndTheNextInviteIsShedBelowSetupBurst() {
        platform.allocationDelay = Duration.ofMillis(3_500);
        double shedBefore = shed("overload");
        String admitted = callId("admitted");
        try (var callers = Executors.newVirtualThreadPerTaskExecutor()) {
            var running = CompletableFuture.supplyAsync(() -> call("uac-basic-call-expect-200", FakePlatform.ROUTED, admitted), callers);
            // One set-up (max-setups) for longer than overload-after (1 s): no longer a burst.
            await().pollDelay(Duration.ofMillis(1_300)).atMost(Duration.ofSeconds(5)).until(() -> platform.allocations.size() == 1);
            assertThat(meters.get("sentiric.sip.calls.setting-up").gauge().value()).as("below setup-burst").isEqualTo(1);

            String shed = callId("shed");
            var result = call("uac-service-unavailable-expect-503", FakePlatform.ROUTED, shed);
            assertThat(result.passed()).as(result.output()).isTrue();
            assertThat(running.join().passed()).as(running.join().output()).isTrue();
            assertThat(shed("overload")).isEqualTo(shedBefore + 1);
            assertNoCall(shed);
        }
    }

    @Test
    void aTrunkCheckThatCannotBeMadeGets503NotA500() {
        platform.trunkChecksFail = true;
        String callId = callId("dialplan-down");
        // From 127.0.0.3: an address whose trunk match is not cached yet.
        var result = call("uac-service-unavailable-expect-503", FakePlatform.ROUTED, callId, "-i", "127.0.0.3");
        assertThat(result.passed()).as(result.output()).isTrue();
        assertThat(platform.resolutions).isEmpty();
        assertNoCall(callId);
    }

    @Test
    void aRetransmittedInviteMakesOneCall() {
        String callId = callId("retransmit");
        var result = call("uac-retransmitted-invite-expect-200", FakePlatform.ROUTED, callId);
        assertThat(result.passed()).as(result.output()).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> events.bodies("call.ended", callId).size() == 1);
        assertThat(platform.allocations).filteredOn(request -> request.getCallId().equals(callId)).hasSize(1);
        assertThat(events.bodies("call.started", callId)).hasSize(1);
    }

    @Test
    void cancelWhileRingingGets487ReleasesTheportAndEndsTheCall() {
        String callId = callId("cancel");
        var result = call("uac-cancel-expect-487", FakePlatform.ROUTED, callId);
        assertThat(result.passed()).as(result.output()).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> events.bodies("call.ended", callId).size() == 1);
        assertThat(platform.releases).filteredOn(callId::equals).hasSize(1);
        assertThat(events.bodies("call.ended", callId).getFirst())
                .contains("\"reason\":\"cancelled\"", "\"sipCode\":487", "DISPOSITION_CANCELLED", "HANGUP_SOURCE_CALLER");
        assertThat(events.bodies("call.answered", callId)).isEmpty();
    }

    @Test
    void callsGoOnWhileTheBrokerIsAwayNoNewOneIsTakenOnceHalfTheBacklogWaitsAndTheEventsArriveOnceItIsBack(
            @Autowired CachingConnectionFactory connections) throws IOException {
        String callId = callId("broker-away");
        AmqpEndpoint broker = Infrastructure.shared().amqp();
        int nothingListens;
        try (ServerSocket closed = new ServerSocket(0)) {
            nothingListens = closed.getLocalPort();
        }
        try {
            connections.setAddresses("127.0.0.1:" + nothingListens);
            connections.resetConnection();

            var result = call("uac-basic-call-expect-200", FakePlatform.ROUTED, callId);

            assertThat(result.passed()).as("answered and hung up without the broker: " + result.output()).isTrue();
            await().atMost(Duration.ofSeconds(5)).until(() -> platform.releases.contains(callId));
            assertThat(publisher.unconfirmed()).as("started, answered and ended wait for the broker").isGreaterThanOrEqualTo(3);
            assertThat(events.messages()).noneMatch(m -> m.body().contains(callId));

            // A fourth event waiting (half the backlog of 8): a new call's events might not find room.
            publisher.publishAsync(EventEnvelope.newBuilder().setCallId(callId("no-such-call"))
                    .setMediaInactive(MediaInactive.newBuilder().setPacketsReceived(0)).build());
            double shedBefore = shed("broker");
            String refused = callId("broker-behind");
            var behind = call("uac-service-unavailable-expect-503", FakePlatform.ROUTED, refused);
            assertThat(behind.passed()).as(behind.output()).isTrue();
            assertThat(shed("broker")).isEqualTo(shedBefore + 1);
            assertThat(platform.resolutions).as("the refused INVITE was never resolved").hasSize(1);
            assertNoCall(refused);
        } finally {
            connections.setAddresses(broker.host() + ":" + broker.port());
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> events.bodies("call.ended", callId).size() == 1);
        assertThat(events.bodies("call.started", callId)).hasSize(1);
        assertThat(events.bodies("call.answered", callId)).hasSize(1);
        assertThat(events.bodies("call.ended", callId).getFirst()).contains("\"reason\":\"caller-hangup\"", "HANGUP_SOURCE_CALLER");
    }

    @Test
    void thePlatformHangsUpWithAnInDialogBye() throws Exception {
        String callId = callId("terminate");
        CompletableFuture<Sipp.Result> sipp = answeredCallAwaitingBye(callId);
        // The release outlasts the TerminateCall request: it must not die with the request's context.
        platform.releaseDelay = Duration.ofMillis(300);
        var stub = SipSignalingServiceGrpc.newBlockingStub(channel);
        stub.terminateCall(TerminateCallRequest.newBuilder().setCallId(callId).setReason("agent-finished").build());
        var result = sipp.get();
        assertThat(result.passed()).as(result.output()).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> events.bodies("call.ended", callId).size() == 1);
        assertThat(events.bodies("call.ended", callId).getFirst())
                .contains("\"reason\":\"agent-finished\"", "HANGUP_SOURCE_PLATFORM", "DISPOSITION_ANSWERED");
        assertThat(platform.releases).filteredOn(callId::equals).hasSize(1);
        try {
            stub.terminateCall(TerminateCallRequest.newBuilder().setCallId(callId).build());
            throw new AssertionError("a second TerminateCall must fail");
        } catch (StatusRuntimeException e) {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        }
    }

    @Test
    void aCallWhoseMediaDiedIsHungUpWithAByeAndEnded() throws Exception {
        String callId = callId("media-timeout");
        CompletableFuture<Sipp.Result> sipp = answeredCallAwaitingBye(callId);
        // What media-service publishes when no RTP came for its inactivity timeout.
        publisher.publish(EventEnvelope.newBuilder().setCallId(callId)
                .setMediaInactive(MediaInactive.newBuilder().setPacketsReceived(0)).build());
        var result = sipp.get();
        assertThat(result.passed()).as(result.output()).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> events.bodies("call.ended", callId).size() == 1);
        assertThat(events.bodies("call.ended", callId).getFirst())
                .contains("\"reason\":\"media-timeout\"", "\"sipCode\":408", "HANGUP_SOURCE_SYSTEM", "DISPOSITION_ANSWERED");
        assertThat(platform.releases).filteredOn(callId::equals).hasSize(1);
    }

    @Test
    void anEchoTestNumberGetsAnEchoSessionThatIsRecorded() {
        String callId = callId("echo");
        var result = call("uac-basic-call-expect-200", FakePlatform.ECHO, callId);
        assertThat(result.passed()).as(result.output()).isTrue();
        assertThat(platform.allocations).filteredOn(request -> request.getCallId().equals(callId)).singleElement()
                .satisfies(request -> assertThat(request.getMode()).isEqualTo(SessionMode.SESSION_MODE_ECHO));
        assertThat(platform.recordings).containsExactly(callId);
    }

    @Test
    void aByeForNoDialogGets481() {
        var result = call("uac-unknown-bye-expect-481", FakePlatform.ROUTED, callId("bye"));
        assertThat(result.passed()).as(result.output()).isTrue();
    }

    @Test
    void optionsIsAnsweredForTrunkKeepalives() {
        var result = call("uac-options-expect-200", FakePlatform.ROUTED, callId("options"));
        assertThat(result.passed()).as(result.output()).isTrue();
    }

    @Test
    void unsupportedMethodsGet405WithAllow() {
        var result = call("uac-unsupported-method-expect-405", FakePlatform.ROUTED, callId("message"));
        assertThat(result.passed()).as(result.output()).isTrue();
    }

    @Test
    void registerWithDigestStoresTheBindingInRedis() {
        var result = Sipp.run("uac-register-digest-expect-200", SIP_PORT, "1001", Map.of("sip_user", "1001"),
                "-au", "1001", "-ap", "demo-1001-pass", "-cid_str", callId("register"));
        assertThat(result.passed()).as(result.output()).isTrue();
        assertThat(platform.credentialLookups).containsExactly("1001");
        assertThat(registrar.bindings("1001")).hasSize(1).allSatisfy((contact, expires) -> {
            assertThat(contact).startsWith("<sip:1001@127.0.0.1:");
            assertThat(expires).isBetween(Instant.now().plusSeconds(290), Instant.now().plusSeconds(301));
        });
    }

    @Test
    void aWrongPasswordIsChallengedThenForbidden() {
        var result = Sipp.run("uac-wrong-password-expect-403", SIP_PORT, "1001", Map.of("sip_user", "1001"),
                "-au", "1001", "-ap", "not-the-password", "-cid_str", callId("wrong"));
        assertThat(result.passed()).as(result.output()).isTrue();
    }

    @Test
    void anUnknownNumberGets404AndNoMediaIsTaken() {
        String callId = callId("unknown");
        var result = call("uac-unknown-number-expect-404", "902120000000", callId);
        assertThat(result.passed()).as(result.output()).isTrue();
        assertThat(platform.resolutions).hasSize(1);
        assertNoCall(callId);
    }

    @Test
    void anAnonymousCallerToABlockingNumberGets403() {
        String callId = callId("anonymous");
        var result = Sipp.run("uac-blocked-anonymous-expect-403", SIP_PORT, FakePlatform.BLOCKS_ANONYMOUS,
                Map.of("caller", "anonymous", "caller_rtp", "40000"), "-cid_str", callId);
        assertThat(result.passed()).as(result.output()).isTrue();
        assertNoCall(callId);
    }

    @Test
    void anOfferWithNoCodecInCommonGets488BeforeAnythingIsResolved() {
        String callId = callId("codec");
        var result = call("uac-no-common-codec-expect-488", FakePlatform.ROUTED, callId);
        assertThat(result.passed()).as(result.output()).isTrue();
        assertThat(platform.resolutions).isEmpty();
        assertNoCall(callId);
    }

    @Test
    void aCallerOutsideEveryTrunkIsChallengedForDigest() {
        platform.loopbackIsTrunk = false;
        String callId = callId("digest");
        var result = Sipp.run("uac-unknown-number-expect-404", SIP_PORT, FakePlatform.ROUTED,
                Map.of("caller", CALLER, "caller_rtp", "40000"), "-cid_str", callId);
        // The scenario expects 404; the service must answer 407 instead, so SIPp fails the call.
        assertThat(result.passed()).isFalse();
        assertThat(result.output()).contains("407");
        assertNoCall(callId);
    }

    @Test
    void theTortureMessagesOfRfc4475NeverBreakTheListener() throws Exception {
        Map<String, String> answers = new TreeMap<>();
        try (var files = Files.list(torture())) {
            for (Path file : files.filter(f -> f.toString().endsWith(".dat")).sorted().toList()) {
                answers.put(file.getFileName().toString(), send(Files.readAllBytes(file)));
            }
        }
        assertThat(answers).doesNotContainValue("500");
        for (String invalid : List.of("badinv01.dat", "insuf.dat", "multi01.dat", "quotbal.dat", "ltgtruri.dat")) {
            assertThat(answers.get(invalid)).as(invalid).isIn("400", "none");
        }
        assertThat(answers.get("badvers.dat")).isIn("505", "400", "none");
        // No INVITE left a call or a set-up slot behind, not even one whose 100 could not be sent
        // (longreq.dat's Via names a port nobody listens on).
        await().atMost(Duration.ofSeconds(5)).until(() -> meters.get("sentiric.sip.calls.active").gauge().value() == 0
                && meters.get("sentiric.sip.calls.setting-up").gauge().value() == 0);
        // The listener still serves: a keepalive after the torture is answered.
        var result = call("uac-options-expect-200", FakePlatform.ROUTED, callId("after-torture"));
        assertThat(result.passed()).as(answers + result.output()).isTrue();
    }

    @Test
    void theGrpcChannelsKeepTheirConnectionsBetweenCalls() {
        // Spring gRPC's default closes a channel's connection after 20 s without a call: the first
        // INVITE after a quiet spell then waited for new connections to three services.
        for (String service : List.of("user-service", "dialplan-service", "media-service")) {
            assertThat(grpcClients.getChannel(service).getIdleTimeout()).as(service).isGreaterThanOrEqualTo(Duration.ofDays(30));
        }
    }

    @Test
    void theUdpSocketGetsTheReceiveBufferConfiguredNotTheStacksDefault() throws Exception {
        // JAIN-SIP sets 64 KiB unless told: about a hundred datagrams, which a receive thread kept
        // off the CPU for a moment overflows, dropping INVITEs. Linux caps the request at
        // net.core.rmem_max and reports twice what it granted.
        long configured = properties.udpReceiveBuffer().toBytes();
        Path rmemMax = Path.of("/proc/sys/net/core/rmem_max");
        long granted = Files.exists(rmemMax) ? Math.min(configured, Long.parseLong(Files.readString(rmemMax).trim())) : configured;
        assertThat(configured).isGreaterThan(64 * 1024);
        assertThat((long) ((JainSipPort) stack).udpReceiveBuffer()).isGreaterThanOrEqualTo(Math.max(granted, 64 * 1024 * 2 + 1));
        // What the kernel drops when the receive thread falls behind anyway is counted, not silent.
        assertThat(meters.get("sentiric.sip.udp.dropped").functionCounter().count()).isZero();
        assertThat(meters.get("sentiric.sip.udp.queued").gauge().value()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void aLargeDatagramAndSmallOnesAfterItAreEachReadWhole() throws Exception {
        // The UDP receive reuses one buffer (CompactUdpProcessors): each datagram must reach the
        // parser at its own length, the 40 KB one whole after a short one, and the next short one with nothing of it left.
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout(2_000);
            for (int padding : List.of(0, 40_000, 0)) {
                String callId = callId("udp-" + padding);
                byte[] options = options(socket.getLocalPort(), callId, padding);
                socket.send(new DatagramPacket(options, options.length, new InetSocketAddress("127.0.0.1", SIP_PORT)));
                byte[] buffer = new byte[65_535];
                DatagramPacket answer = new DatagramPacket(buffer, buffer.length);
                socket.receive(answer);
                String response = new String(buffer, 0, answer.getLength(), StandardCharsets.UTF_8);
                assertThat(response).as("answer to %d bytes", options.length).startsWith("SIP/2.0 200").contains(callId);
            }
        }
    }

    /** An OPTIONS from {@code port} on loopback, with {@code padding} bytes of extra headers. */
    static byte[] options(int port, String callId, int padding) {
        StringBuilder message = new StringBuilder()
                .append("OPTIONS sip:ping@127.0.0.1:").append(SIP_PORT).append(" SIP/2.0\r\n")
                .append("Via: SIP/2.0/UDP 127.0.0.1:").append(port).append(";branch=z9hG4bK-").append(UUID.randomUUID()).append("\r\n")
                .append("Max-Forwards: 70\r\n")
                .append("From: <sip:probe@127.0.0.1>;tag=probe\r\n")
                .append("To: <sip:ping@127.0.0.1>\r\n")
                .append("Call-ID: ").append(callId).append("\r\n")
                .append("CSeq: 1 OPTIONS\r\n");
        for (int header = 0; message.length() < padding; header++) {
            message.append("X-Padding-").append(header).append(": ").append("p".repeat(200)).append("\r\n");
        }
        return message.append("Content-Length: 0\r\n\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The RFC 4475 messages, committed with the tests. */
    static Path torture() {
        return Path.of("src/test/resources/rfc4475").toAbsolutePath();
    }

    /** Sends one datagram; returns the status code of the answer, or "none". */
    static String send(byte[] message) throws Exception {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout(300);
            socket.send(new DatagramPacket(message, message.length, new InetSocketAddress("127.0.0.1", SIP_PORT)));
            byte[] buffer = new byte[4096];
            DatagramPacket answer = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(answer);
                String line = new String(buffer, 0, answer.getLength(), StandardCharsets.UTF_8).lines().findFirst().orElse("");
                String[] parts = line.split(" ");
                return parts.length > 1 && parts[1].equals("100") ? "100" : parts.length > 1 ? parts[1] : "none";
            } catch (SocketTimeoutException e) {
                return "none";
            }
        }
    }
}
