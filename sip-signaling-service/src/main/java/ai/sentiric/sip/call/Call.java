package ai.sentiric.sip.call;

import ai.sentiric.sip.stack.CallLeg;
import ai.sentiric.sip.stack.IncomingRequest;
import ai.sentiric.sip.stack.SipResponse;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;

/**
 * One inbound call and its state machine:
 * <pre>
 * SETTING_UP --180--> RINGING --200--> ANSWERING --ACK--> ANSWERED
 *      \                 \                 \                 \
 *       +-----------------+-----------------+-----------------+--> ENDED
 * </pre>
 * Every response to the INVITE and every state change happens under the call's lock, so a
 * CANCEL racing the set-up either finds the INVITE unanswered (487) or answered (no effect),
 * never half of each.
 */
final class Call {

    enum State { SETTING_UP, RINGING, ANSWERING, ANSWERED, ENDED }

    final String callId;
    final IncomingRequest invite;
    final long arrivedNanos = System.nanoTime();
    final Instant arrivedAt = Instant.now();

    private State state = State.SETTING_UP;
    private @Nullable String tenantId;
    private int rtpPort;
    private boolean started;
    private @Nullable CallLeg leg;
    private @Nullable String answerSdp;
    private @Nullable Instant answeredAt;
    private @Nullable ScheduledFuture<?> maxDuration;
    private boolean settingUp = true;

    Call(IncomingRequest invite) {
        this.callId = invite.callId();
        this.invite = invite;
    }

    synchronized State state() {
        return state;
    }

    synchronized @Nullable String tenantId() {
        return tenantId;
    }

    synchronized int rtpPort() {
        return rtpPort;
    }

    synchronized boolean started() {
        return started;
    }

    synchronized @Nullable String answerSdp() {
        return answerSdp;
    }

    /** Records the media session; false when the call ended meanwhile (the port must be released). */
    synchronized boolean attachMedia(String tenant, int port) {
        if (state == State.ENDED) {
            return false;
        }
        this.tenantId = tenant;
        this.rtpPort = port;
        return true;
    }

    synchronized boolean hasMedia() {
        return rtpPort > 0;
    }

    /** 180 Ringing, unless the call ended meanwhile; {@code announce} runs once it rings. */
    synchronized boolean ring(Runnable announce) {
        if (state != State.SETTING_UP) {
            return false;
        }
        invite.respond(SipResponse.of(180, "Ringing"));
        state = State.RINGING;
        started = true;
        announce.run();
        return true;
    }

    /** 200 OK with our SDP, unless the call ended meanwhile. */
    synchronized boolean answer(String sdp) {
        if (state != State.RINGING) {
            return false;
        }
        answerSdp = sdp;
        state = State.ANSWERING;
        answeredAt = Instant.now();
        invite.respond(SipResponse.of(200, "OK").withSdp(sdp));
        leg = invite.leg();
        return true;
    }

    /** The set-up is over, whichever way it went; true the first time (its admission slot is free again). */
    synchronized boolean setUpOver() {
        boolean was = settingUp;
        settingUp = false;
        return was;
    }

    /** When our 200 OK went out; null before. */
    synchronized @Nullable Instant answeredAt() {
        return answeredAt;
    }

    /**
     * The ACK of our 200, or what stands for it (a BYE in the dialog before the ACK); true the
     * first time.
     */
    synchronized boolean acknowledged() {
        if (state != State.ANSWERING) {
            return false;
        }
        state = State.ANSWERED;
        return true;
    }

    /** A final error response to the INVITE, if it is still unanswered; ends the call. */
    synchronized boolean refuse(SipResponse response) {
        if (state != State.SETTING_UP && state != State.RINGING) {
            return false;
        }
        invite.respond(response);
        state = State.ENDED;
        return true;
    }

    /**
     * Ends the call; returns the state it ended from, or null when it had already ended (each
     * ending is handled once). An unanswered INVITE gets {@code refusal}; an answered call gets
     * a BYE when {@code sendBye}.
     */
    synchronized @Nullable State end(SipResponse refusal, boolean sendBye, String reason) {
        State from = state;
        if (from == State.ENDED) {
            return null;
        }
        state = State.ENDED;
        if (maxDuration != null) {
            maxDuration.cancel(false);
        }
        if (from == State.SETTING_UP || from == State.RINGING) {
            invite.respond(refusal);
        } else if (sendBye && leg != null) {
            leg.bye(reason);
        }
        return from;
    }

    /**
     * Sets the maximum-duration timer. The caller may have hung up between our 200 OK and this
     * call (a BYE right after the ACK): then the timer is cancelled at once instead of waiting
     * four hours with the call in it.
     */
    synchronized void limit(ScheduledFuture<?> timer) {
        if (state == State.ENDED) {
            timer.cancel(false);
            return;
        }
        this.maxDuration = timer;
    }
}
