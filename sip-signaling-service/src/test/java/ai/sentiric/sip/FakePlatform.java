package ai.sentiric.sip;

import ai.sentiric.proto.dialplan.v1.*;
import ai.sentiric.proto.media.v1.*;
import ai.sentiric.proto.user.v1.GetSipCredentialsRequest;
import ai.sentiric.proto.user.v1.GetSipCredentialsResponse;
import ai.sentiric.proto.user.v1.UserServiceGrpc;
import ai.sentiric.sip.auth.DigestAuthenticator;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * In-process stand-ins for user-, dialplan- and media-service on real gRPC ports, recording what
 * sip-signaling asked of them. The demo numbers behave as in the real demo data.
 */
final class FakePlatform implements AutoCloseable {

    static final String ROUTED = "902124548590";
    static final String BLOCKS_ANONYMOUS = "14155550100";
    static final String ECHO = "902124548599";

    final List<ResolveDialplanRequest> resolutions = new CopyOnWriteArrayList<>();
    final List<AllocatePortRequest> allocations = new CopyOnWriteArrayList<>();
    final List<String> releases = new CopyOnWriteArrayList<>();
    /** Every ReleasePort received, failed ones included. */
    final List<String> releaseAttempts = new CopyOnWriteArrayList<>();
    /** The next this many ReleasePort calls fail as UNAVAILABLE (media-service restarting). */
    final AtomicInteger releaseFailures = new AtomicInteger();
    /** How long AllocatePort takes before it answers (it allocates all the same). */
    volatile Duration allocationDelay = Duration.ZERO;
    /** How long ReleasePort takes before it answers (it releases all the same). */
    volatile Duration releaseDelay = Duration.ZERO;
    final List<String> recordings = new CopyOnWriteArrayList<>();
    final List<String> credentialLookups = new CopyOnWriteArrayList<>();
    /** Whether 127.0.0.1 belongs to a trunk (no digest needed). */
    volatile boolean loopbackIsTrunk = true;
    /** MatchSipTrunk answers UNAVAILABLE (dialplan-service down). */
    volatile boolean trunkChecksFail;
    private final AtomicInteger ports = new AtomicInteger(20000);
    private final Server server;
    /** Answers that come late (allocationDelay, releaseDelay). */
    private final ScheduledExecutorService late = Executors.newSingleThreadScheduledExecutor();

    FakePlatform() {
        try {
            server = ServerBuilder.forPort(0).addService(new Users()).addService(new Dialplans()).addService(new Media()).build().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String address() {
        return "static://127.0.0.1:" + server.getPort();
    }

    void reset() {
        resolutions.clear();
        allocations.clear();
        releases.clear();
        releaseAttempts.clear();
        releaseFailures.set(0);
        allocationDelay = Duration.ZERO;
        releaseDelay = Duration.ZERO;
        recordings.clear();
        credentialLookups.clear();
        loopbackIsTrunk = true;
        trunkChecksFail = false;
    }

    @Override
    public void close() {
        server.shutdownNow();
        late.shutdownNow();
    }

    private final class Users extends UserServiceGrpc.UserServiceImplBase {
        @Override
        public void getSipCredentials(GetSipCredentialsRequest request, StreamObserver<GetSipCredentialsResponse> response) {
            credentialLookups.add(request.getSipUsername());
            if (!request.getSipUsername().equals("1001")) {
                response.onError(Status.NOT_FOUND.asRuntimeException());
                return;
            }
            response.onNext(GetSipCredentialsResponse.newBuilder().setUserId("u-1001").setTenantId("sentiric_demo")
                    .setHa1Hash(DigestAuthenticator.md5("1001:" + request.getRealm() + ":demo-1001-pass")).build());
            response.onCompleted();
        }
    }

    private final class Dialplans extends DialplanServiceGrpc.DialplanServiceImplBase {
        @Override
        public void matchSipTrunk(MatchSipTrunkRequest request, StreamObserver<MatchSipTrunkResponse> response) {
            if (trunkChecksFail) {
                response.onError(Status.UNAVAILABLE.withDescription("dialplan-service is down").asRuntimeException());
                return;
            }
            if (!loopbackIsTrunk || !request.getSourceIp().equals("127.0.0.1")) {
                response.onError(Status.NOT_FOUND.asRuntimeException());
                return;
            }
            response.onNext(MatchSipTrunkResponse.newBuilder().setTrunk(SipTrunk.newBuilder().setId(1).setName("local-carrier")
                    .setTenantId("sentiric_demo").setActive(true).addAllowedCidrs("127.0.0.0/8")).build());
            response.onCompleted();
        }

        @Override
        public void resolveDialplan(ResolveDialplanRequest request, StreamObserver<ResolveDialplanResponse> response) {
            resolutions.add(request);
            String number = request.getDestinationNumber().replace("+", "");
            if (number.equals(BLOCKS_ANONYMOUS) && request.getCallerContactValue().equals("anonymous")) {
                response.onError(Status.PERMISSION_DENIED.asRuntimeException());
                return;
            }
            if (!number.equals(ROUTED) && !number.equals(ECHO) && !number.equals(BLOCKS_ANONYMOUS)) {
                response.onError(Status.NOT_FOUND.asRuntimeException());
                return;
            }
            boolean echo = number.equals(ECHO);
            response.onNext(ResolveDialplanResponse.newBuilder().setTenantId("sentiric_demo")
                    .setDialplanId(echo ? "DP_ECHO_TEST" : "DP_DEMO_WELCOME")
                    .setAction(DialplanAction.newBuilder().setType(echo ? ActionType.ACTION_TYPE_ECHO_TEST
                            : ActionType.ACTION_TYPE_START_AI_CONVERSATION).putAllData(echo ? Map.of("record", "true") : Map.of()))
                    .setResolution(Resolution.RESOLUTION_ACTIVE)
                    .build());
            response.onCompleted();
        }
    }

    private final class Media extends MediaServiceGrpc.MediaServiceImplBase {
        @Override
        public void allocatePort(AllocatePortRequest request, StreamObserver<AllocatePortResponse> response) {
            allocations.add(request);
            if (request.hasRecording()) {
                recordings.add(request.getCallId());
            }
            AllocatePortResponse allocated = AllocatePortResponse.newBuilder().setRtpPort(ports.addAndGet(2)).setRtpHost("203.0.113.10").build();
            // An overloaded media-service: the session exists, the answer comes allocationDelay later.
            late.schedule(() -> {
                response.onNext(allocated);
                response.onCompleted();
            }, allocationDelay.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void releasePort(ReleasePortRequest request, StreamObserver<ReleasePortResponse> response) {
            releaseAttempts.add(request.getCallId());
            if (releaseFailures.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                response.onError(Status.UNAVAILABLE.withDescription("media-service restarting").asRuntimeException());
                return;
            }
            late.schedule(() -> {
                releases.add(request.getCallId());
                response.onNext(ReleasePortResponse.getDefaultInstance());
                response.onCompleted();
            }, releaseDelay.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void startRecording(StartRecordingRequest request, StreamObserver<StartRecordingResponse> response) {
            recordings.add(request.getCallId());
            response.onNext(StartRecordingResponse.getDefaultInstance());
            response.onCompleted();
        }
    }
}
