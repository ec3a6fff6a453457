package ai.sentiric.sip.call;

import ai.sentiric.proto.dialplan.v1.ActionType;
import ai.sentiric.proto.dialplan.v1.ResolveDialplanResponse;
import ai.sentiric.proto.dialplan.v1.SipTrunk;
import ai.sentiric.proto.event.v1.Disposition;
import ai.sentiric.proto.event.v1.HangupSource;
import ai.sentiric.proto.media.v1.AllocatePortResponse;
import ai.sentiric.sip.SipMetrics;
import ai.sentiric.sip.SipProperties;
import ai.sentiric.sip.auth.DigestAuthenticator;
import ai.sentiric.sip.client.DialplanClient;
import ai.sentiric.sip.client.MediaClient;
import ai.sentiric.sip.client.UserClient;
import ai.sentiric.sip.sdp.SdpNegotiation;
import ai.sentiric.sip.stack.IncomingRequest;
import ai.sentiric.sip.stack.SipResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Carries inbound calls from INVITE to their end: trunk or digest check, SDP negotiation,
 * ResolveDialplan, AllocatePort, 180, 200; then ACK, BYE, CANCEL, the platform's hangup, ACK and
 * media timeouts and the maximum duration. Whatever way a call ends, its RTP port is released and
 * (once it was announced) {@code call.ended} says why.
 */
@Service
public class CallService {

    private static final Logger log = LoggerFactory.getLogger(CallService.class);

    private final CallRegistry calls;
    private final CallAnnouncer announcer;
    private final DialplanClient dialplans;
    private final MediaClient media;
    private final UserClient users;
    private final DigestAuthenticator authenticator;
    private final SipProperties properties;
    private final SipMetrics metrics;
    /**
     * Set-ups that must wait for a service before their asynchronous part (a trunk not yet
     * remembered, digest authentication) and answers after a ring time: a virtual thread each
     * keeps the stack's and the timer's threads free.
     */
    private final ExecutorService setups = Executors.newVirtualThreadPerTaskExecutor();
    /**
     * Ring times and maximum durations. Cancelled timers leave the queue at once: a call's 4-hour
     * limit must not keep the ended call in memory for 4 hours.
     */
    private final ScheduledThreadPoolExecutor timers = timers();
    /** Calls ended whose port release or call.ended is still on its way, which a drain waits for. */
    private final Set<CompletableFuture<Void>> endings = ConcurrentHashMap.newKeySet();
    /** Calls between their INVITE and the end of their set-up: what admission control bounds. */
    private final SetupAdmission admission;
    private volatile boolean draining;

    public CallService(CallRegistry calls, CallAnnouncer announcer, DialplanClient dialplans, MediaClient media,
                       UserClient users, DigestAuthenticator authenticator, SipProperties properties, SipMetrics metrics) {
        this.calls = calls;
        this.announcer = announcer;
        this.dialplans = dialplans;
        this.media = media;
        this.users = users;
        this.authenticator = authenticator;
        this.properties = properties;
        this.metrics = metrics;
        metrics.watchActiveCalls(calls::size);
        metrics.watchCallTimers(() -> timers.getQueue().size());
        this.admission = new SetupAdmission(properties.maxSetups(), properties.setupBurst(), properties.overloadAfter(), System::nanoTime);
        metrics.watchSetups(admission::settingUp);
    }

    /** A new INVITE (retransmissions never arrive here). */
    public void invite(IncomingRequest invite) {
        Optional<Call> existing = calls.find(invite.callId());
        if (existing.isPresent()) {
            reInvite(invite, existing.get());
            return;
        }
        if (unavailable()) {
            refuseUnavailable(invite);
            return;
        }
        // Admission control: an overloaded fleet answers set-ups ever more slowly; taking every
        // INVITE then would slow every call down until callers give up on all of them, so in an
        // overload (not a mere burst, see SetupAdmission) the excess gets 503 at once.
        // Nor is a call taken whose events could not all wait for a broker that fell behind (their
        // publisher's backlog is bounded): accepted calls are always recorded.
        SetupAdmission.Refusal refusal = announcer.brokerBehind() ? SetupAdmission.Refusal.BROKER : admission.tryAdmit();
        if (refusal != null) {
            metrics.shed(refusal.tag());
            refuseUnavailable(invite);
            return;
        }
        Call call = new Call(invite);
        if (!calls.add(call)) {
            admission.release();
            invite.respond(SipResponse.of(482, "Loop Detected"));
            return;
        }
        try {
            invite.respond(SipResponse.of(100, "Trying"));
        } catch (RuntimeException e) {
            // Not even a 100 could be sent (the caller is unreachable): no call, and its slot is free.
            calls.remove(call);
            admission.release();
            throw e;
        }
        // A known trunk's call goes on from here without waiting: the dialplan and media calls are
        // asynchronous. A look-up of the trunk, or digest authentication, waits for a service: on a
        // virtual thread, so that the stack's threads stay free.
        Optional<SipTrunk> trunk = dialplans.rememberedTrunk(invite.sourceHost());
        if (trunk != null && trunk.isPresent()) {
            guarded(call, () -> setUp(call, trunk.get().getName()));
        } else {
            setups.execute(() -> guarded(call, () -> admit(call)));
        }
    }

    /**
     * The refusal of a new INVITE that can be decided before the stack keeps anything of it, to
     * be sent statelessly: a drain, the call limit, an overload of set-ups, a broker behind. Null
     * lets it in, and {@link #invite} then decides again as it takes a set-up's place (the two
     * can differ only by a set-up that began or ended in between).
     */
    public @Nullable SipResponse refusalBeforeAnyState(String callId) {
        if (calls.find(callId).isPresent()) {
            return null;
        }
        if (unavailable()) {
            metrics.rejected(503);
            return serviceUnavailable();
        }
        SetupAdmission.Refusal refusal = announcer.brokerBehind() ? SetupAdmission.Refusal.BROKER : admission.refusal();
        if (refusal != null) {
            metrics.shed(refusal.tag());
            metrics.rejected(503);
            return serviceUnavailable();
        }
        return null;
    }

    private boolean unavailable() {
        return draining || calls.size() >= properties.maxCalls();
    }

    private void refuseUnavailable(IncomingRequest invite) {
        metrics.rejected(503);
        invite.respond(serviceUnavailable());
    }

    /** The trunk check, or else digest authentication; then the set-up. May wait for dialplan- and user-service. */
    private void admit(Call call) {
        IncomingRequest invite = call.invite;
        Optional<SipTrunk> trunk;
        try {
            trunk = dialplans.trunk(invite.sourceHost());
            if (trunk.isEmpty()) {
                var outcome = authenticator.check("INVITE", invite.header("Proxy-Authorization"), users);
                if (outcome instanceof DigestAuthenticator.Outcome.Challenge(boolean stale)) {
                    refuse(call, SipResponse.of(407, "Proxy Authentication Required")
                            .withHeader("Proxy-Authenticate", authenticator.challenge(stale)));
                    return;
                }
                if (outcome instanceof DigestAuthenticator.Outcome.Rejected(String why)) {
                    log.info("INVITE {} from {} refused: {}", call.callId, invite.sourceHost(), why);
                    refuse(call, SipResponse.of(403, "Forbidden"));
                    return;
                }
            }
        } catch (StatusRuntimeException e) {
            // dialplan- or user-service down or too slow: the caller may try again (or elsewhere).
            log.warn("no trunk or credential check for call {}: {}", call.callId, e.getStatus());
            refuse(call, serviceUnavailable());
            return;
        }
        setUp(call, trunk.map(SipTrunk::getName).orElse(""));
    }

    /**
     * SDP negotiation, ResolveDialplan, AllocatePort, 180 and 200. The two calls are asynchronous
     * and what follows each runs on the thread that read its reply; the set-up slot is given back
     * when the set-up is over, whichever way.
     */
    private void setUp(Call call, String trunkName) {
        IncomingRequest invite = call.invite;
        SdpNegotiation.Agreed agreed;
        try {
            agreed = SdpNegotiation.negotiate(invite.body());
        } catch (SdpNegotiation.SdpException e) {
            refuse(call, SipResponse.of(e.status(), "Not Acceptable Here").withHeader("Warning", "304 sentiric \"" + e.getMessage() + "\""));
            return;
        }
        dialplans.resolve(invite.fromUser(), invite.requestUser()).whenComplete((resolution, failure) ->
                guarded(call, () -> {
                    if (failure != null) {
                        Status status = Status.fromThrowable(failure);
                        refuse(call, switch (status.getCode()) {
                            case NOT_FOUND -> SipResponse.of(404, "Not Found");
                            case PERMISSION_DENIED -> SipResponse.of(403, "Forbidden");
                            case INVALID_ARGUMENT -> SipResponse.of(484, "Address Incomplete");
                            default -> {
                                log.warn("no dialplan for call {}: {}", call.callId, status);
                                yield serviceUnavailable();
                            }
                        });
                        return;
                    }
                    allocate(call, trunkName, agreed, resolution);
                }));
    }

    private void allocate(Call call, String trunkName, SdpNegotiation.Agreed agreed, ResolveDialplanResponse resolution) {
        boolean echo = resolution.getAction().getType() == ActionType.ACTION_TYPE_ECHO_TEST;
        boolean record = "true".equals(resolution.getAction().getDataMap().get("record"));
        media.allocate(call.callId, resolution.getTenantId(), agreed, echo, record).whenComplete((port, failure) ->
                guarded(call, () -> {
                    if (failure != null) {
                        Status status = Status.fromThrowable(failure);
                        log.warn("no media for call {}: {}", call.callId, status);
                        refuse(call, serviceUnavailable());
                        if (MediaClient.mayHaveAllocated(status)) {
                            // We stopped waiting, media may not have: a session nobody releases would send
                            // RTP until its inactivity timeout, and under load such orphans pile up.
                            media.release(call.callId);
                        }
                        return;
                    }
                    ring(call, trunkName, agreed, resolution, port);
                }));
    }

    private void ring(Call call, String trunkName, SdpNegotiation.Agreed agreed, ResolveDialplanResponse resolution,
                      AllocatePortResponse port) {
        try {
            if (!call.attachMedia(resolution.getTenantId(), port.getRtpPort())) {
                media.release(call.callId);
                return;
            }
            if (!call.ring(() -> announcer.started(call, trunkName, resolution, agreed, port.getRtpPort()))) {
                return;
            }
            String answer = SdpNegotiation.answer(agreed, port.getRtpHost(), port.getRtpPort());
            if (properties.ringTime().isZero()) {
                answer(call, answer);
            } else {
                timers.schedule(() -> setups.execute(() -> answer(call, answer)),
                        properties.ringTime().toMillis(), TimeUnit.MILLISECONDS);
            }
        } finally {
            setUpOver(call);
        }
    }

    /**
     * Runs a step of the set-up: a failure it did not expect ends the call with 500, and a call
     * that ends there no longer holds its set-up slot.
     */
    private void guarded(Call call, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            log.error("set-up of call {} failed", call.callId, e);
            end(call, failed("setup-error"), SipResponse.of(500, "Server Internal Error"));
        }
        if (call.state() == Call.State.ENDED) {
            setUpOver(call);
        }
    }

    private void setUpOver(Call call) {
        if (call.setUpOver()) {
            admission.release();
        }
    }

    /** 200 OK with our SDP, unless the call ended while it rang; then the maximum duration runs. */
    private void answer(Call call, String sdp) {
        try {
            if (call.answer(sdp)) {
                metrics.answered(Duration.ofNanos(System.nanoTime() - call.arrivedNanos));
                call.limit(timers.schedule(() -> end(call, new Ending("max-duration", 200, "OK", HangupSource.HANGUP_SOURCE_SYSTEM,
                        Disposition.DISPOSITION_ANSWERED), SipResponse.of(480, "Temporarily Unavailable")),
                        properties.maxCallDuration().toMillis(), TimeUnit.MILLISECONDS));
            }
        } catch (RuntimeException e) {
            log.error("answer of call {} failed", call.callId, e);
            end(call, failed("setup-error"), SipResponse.of(500, "Server Internal Error"));
        }
    }

    /** A re-INVITE in the dialog (a session refresh): the same answer again. */
    private void reInvite(IncomingRequest invite, Call call) {
        String sdp = call.answerSdp();
        if (sdp == null) {
            invite.respond(SipResponse.of(491, "Request Pending"));
        } else {
            invite.respond(SipResponse.of(200, "OK").withSdp(sdp));
        }
    }

    public void ack(IncomingRequest ack) {
        calls.find(ack.callId()).filter(Call::acknowledged).ifPresent(call -> announcer.answered(call, Instant.now()));
    }

    public void bye(IncomingRequest bye) {
        Optional<Call> call = calls.find(bye.callId());
        if (call.isEmpty()) {
            bye.respond(SipResponse.of(481, "Call/Transaction Does Not Exist"));
            return;
        }
        bye.respond(SipResponse.of(200, "OK"));
        // A BYE before the ACK of our 200: the ACK was lost (a datagram dropped under load) or is
        // late. The caller hangs up a call it took, and our side confirmed the dialog when it sent
        // the 200 (RFC 3261 13.3.1.4): the call was answered, at the 200, and its record says so.
        if (call.get().acknowledged()) {
            announcer.answered(call.get(), call.get().answeredAt());
        }
        end(call.get(), new Ending("caller-hangup", 200, "OK", HangupSource.HANGUP_SOURCE_CALLER,
                Disposition.DISPOSITION_ANSWERED), SipResponse.of(487, "Request Terminated"), false);
    }

    public void cancel(IncomingRequest cancel) {
        Optional<Call> call = calls.find(cancel.callId());
        if (call.isEmpty()) {
            cancel.respond(SipResponse.of(481, "Call/Transaction Does Not Exist"));
            return;
        }
        // 200 to the CANCEL first, then 487 to the INVITE (RFC 3261 section 9.2).
        cancel.respond(SipResponse.of(200, "OK"));
        Call.State state = call.get().state();
        if (state == Call.State.SETTING_UP || state == Call.State.RINGING) {
            end(call.get(), new Ending("cancelled", 487, "Request Terminated", HangupSource.HANGUP_SOURCE_CALLER,
                    Disposition.DISPOSITION_CANCELLED), SipResponse.of(487, "Request Terminated"));
        }
    }

    public void ackTimeout(String callId) {
        calls.find(callId).ifPresent(call -> end(call, new Ending("ack-timeout", 408, "Request Timeout",
                HangupSource.HANGUP_SOURCE_SYSTEM, Disposition.DISPOSITION_FAILED), SipResponse.of(408, "Request Timeout")));
    }

    /** media-service ended the call's session for lack of RTP: the call is dead. */
    public void mediaTimeout(String callId) {
        calls.find(callId).ifPresent(call -> end(call, new Ending("media-timeout", 408, "Request Timeout",
                HangupSource.HANGUP_SOURCE_SYSTEM, answeredOr(call, Disposition.DISPOSITION_FAILED)),
                SipResponse.of(408, "Request Timeout")));
    }

    /** The platform hangs up (agent done, operator): false for an unknown call. */
    public boolean terminate(String callId, String reason) {
        Optional<Call> call = calls.find(callId);
        call.ifPresent(found -> end(found, new Ending(reason.isBlank() ? "platform-hangup" : reason, 200, "OK",
                HangupSource.HANGUP_SOURCE_PLATFORM, answeredOr(found, Disposition.DISPOSITION_NO_ANSWER)),
                SipResponse.of(480, "Temporarily Unavailable")));
        return call.isPresent();
    }

    public Optional<CallView> find(String callId) {
        return calls.find(callId).map(call -> new CallView(call.callId, call.tenantId(), call.state().name(), call.rtpPort()));
    }

    /** A call as the gRPC API shows it. */
    public record CallView(String callId, @Nullable String tenantId, String state, int rtpPort) {
    }

    /**
     * Graceful drain: new INVITEs get 503 from now on; live calls continue until they end or
     * {@code timeout} passes, then the platform hangs up what is left.
     */
    public void drain(Duration timeout) {
        draining = true;
        try {
            calls.awaitEmpty(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Call call : calls.all()) {
            end(call, new Ending("shutdown", 200, "OK", HangupSource.HANGUP_SOURCE_SYSTEM,
                    answeredOr(call, Disposition.DISPOSITION_FAILED)), serviceUnavailable());
        }
        timers.shutdownNow();
        setups.shutdown();
        try {
            // The releases and call.ended events of the calls just ended are still on their way.
            CompletableFuture.allOf(endings.toArray(CompletableFuture[]::new))
                    .get(properties.rpcDeadline().toMillis() * 2, TimeUnit.MILLISECONDS);
            setups.awaitTermination(properties.rpcDeadline().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("drain: not every ended call was released and announced: {}", e.toString());
        }
    }

    public boolean draining() {
        return draining;
    }

    /** 503 with Retry-After: overload, drain, or a service the call needs is down. */
    public SipResponse serviceUnavailable() {
        return SipResponse.of(503, "Service Unavailable").withHeader("Retry-After", String.valueOf(properties.retryAfter().toSeconds()));
    }

    private void refuse(Call call, SipResponse response) {
        if (call.refuse(response)) {
            metrics.rejected(response.status());
            calls.remove(call);
            if (call.hasMedia()) {
                media.release(call.callId);
            }
        }
    }

    private void end(Call call, Ending ending, SipResponse refusal) {
        end(call, ending, refusal, true);
    }

    private void end(Call call, Ending ending, SipResponse refusal, boolean sendBye) {
        Call.State from;
        try {
            from = call.end(refusal, sendBye, ending.reason());
        } catch (RuntimeException e) {
            // The INVITE transaction or dialog is already gone: the call still ends here.
            log.warn("call {} ended without its final SIP message: {}", call.callId, e.getMessage());
            from = Call.State.ANSWERED;
        }
        if (from == null) {
            return;
        }
        calls.remove(call);
        metrics.ended(ending.reason());
        // The release comes first, so whoever sees call.ended finds the port already free.
        CompletableFuture<Void> released = call.hasMedia() ? media.release(call.callId) : CompletableFuture.completedFuture(null);
        CompletableFuture<Void> ended = call.started() ? released.thenRun(() -> announcer.ended(call, ending)) : released;
        endings.add(ended);
        ended.whenComplete((done, failure) -> {
            endings.remove(ended);
            if (failure != null) {
                log.error("end of call {} not announced", call.callId, failure);
            }
        });
    }

    private static ScheduledThreadPoolExecutor timers() {
        var timers = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().name("call-timers").daemon().factory());
        timers.setRemoveOnCancelPolicy(true);
        return timers;
    }

    private static Disposition answeredOr(Call call, Disposition otherwise) {
        Call.State state = call.state();
        return state == Call.State.ANSWERED || state == Call.State.ANSWERING ? Disposition.DISPOSITION_ANSWERED : otherwise;
    }

    private static Ending failed(String reason) {
        return new Ending(reason, 500, "Server Internal Error", HangupSource.HANGUP_SOURCE_SYSTEM, Disposition.DISPOSITION_FAILED);
    }
}
