package ai.sentiric.sip;

import ai.sentiric.sip.call.CallService;
import ai.sentiric.sip.registrar.Registrar;
import ai.sentiric.sip.stack.IncomingRequest;
import ai.sentiric.sip.stack.SipEvents;
import ai.sentiric.sip.stack.SipResponse;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends each request to what handles its method; answers OPTIONS (trunk keepalive) and refuses
 * what we do not serve: 405 for methods we know but do not allow here, 501 for the rest, both
 * with Allow. Nothing a request does can throw into the stack's thread.
 */
@Component
class SipRequestRouter implements SipEvents {

    private static final Logger log = LoggerFactory.getLogger(SipRequestRouter.class);
    static final String ALLOW = "INVITE, ACK, BYE, CANCEL, OPTIONS, REGISTER";
    private static final Set<String> KNOWN_NOT_ALLOWED = Set.of("SUBSCRIBE", "NOTIFY", "MESSAGE", "INFO", "PUBLISH",
            "REFER", "UPDATE", "PRACK");

    private final CallService calls;
    private final Registrar registrar;
    private final ExecutorService registrations = Executors.newVirtualThreadPerTaskExecutor();

    SipRequestRouter(CallService calls, Registrar registrar) {
        this.calls = calls;
        this.registrar = registrar;
    }

    @Override
    public void request(IncomingRequest request) {
        respondOrFail(request, () -> dispatch(request));
    }

    private void dispatch(IncomingRequest request) {
        switch (request.method()) {
            case "INVITE" -> calls.invite(request);
            case "ACK" -> calls.ack(request);
            case "BYE" -> calls.bye(request);
            case "CANCEL" -> calls.cancel(request);
            // Digest checks and Redis writes block: a virtual thread, not the stack's.
            case "REGISTER" -> registrations.execute(() -> respondOrFail(request, () -> registrar.register(request)));
            case "OPTIONS" -> request.respond(calls.draining() ? calls.serviceUnavailable()
                    : SipResponse.of(200, "OK").withHeader("Allow", ALLOW).withHeader("Accept", "application/sdp"));
            default -> request.respond(KNOWN_NOT_ALLOWED.contains(request.method())
                    ? SipResponse.of(405, "Method Not Allowed").withHeader("Allow", ALLOW)
                    : SipResponse.of(501, "Not Implemented").withHeader("Allow", ALLOW));
        }
    }

    /** Runs a handler; a failure is logged and answered 500, never thrown into the stack. */
    private void respondOrFail(IncomingRequest request, Runnable handler) {
        try {
            handler.run();
        } catch (RuntimeException e) {
            log.error("{} {} failed", request.method(), request.callId(), e);
            if (!"ACK".equals(request.method())) {
                try {
                    request.respond(SipResponse.of(500, "Server Internal Error"));
                } catch (RuntimeException ignored) {
                    // Already answered: nothing more to say.
                }
            }
        }
    }

    @Override
    public @Nullable SipResponse refusalBeforeAnyState(String callId) {
        return calls.refusalBeforeAnyState(callId);
    }

    @Override
    public void ackTimeout(String callId) {
        calls.ackTimeout(callId);
    }
}
