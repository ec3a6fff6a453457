package ai.sentiric.sip.stack.jain;

import ai.sentiric.sip.stack.SipResponse;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.MessageChannel;
import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import javax.sip.message.Request;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The non-INVITE requests (BYE, CANCEL, OPTIONS, REGISTER...) answered with a final response in the
 * last {@link #TIMER_J}, and that response: the Completed state of RFC 3261 17.2.2,
 * kept as a record rather than as the stack's server transaction. JAIN-SIP holds a non-INVITE
 * transaction with its timer 32 s after its final response over UDP (timer J), and at 500 calls/s
 * its 16,000 finished BYE transactions were most of what sip-signaling's young collections copied
 * again and again (docs/performance/sip-call-rate.md). So the transaction ends with its response
 * ({@link AnsweredServerTransaction}), and a retransmission of the request (its caller missed the
 * response) gets the same response again from here, rebuilt from the retransmission with the same
 * To tag, and never reaches the call logic a second time.
 *
 * <p>It is the stack's message valve: it sees each request before any transaction or dialog
 * matching, so the stack never answers such a retransmission itself (481 for a BYE whose dialog it
 * has let go). Matching follows RFC 3261 17.2.3: the top Via's branch and the method (a CANCEL
 * shares its INVITE's branch), with the Call-ID.
 */
final class AnsweredRequests extends RequestValve {

    private static final Logger log = LoggerFactory.getLogger(AnsweredRequests.class);

    /** Timer J of RFC 3261 (17.2.2): 64*T1 over UDP, as long as a caller retransmits a non-INVITE request (timer F). */
    static final Duration TIMER_J = Duration.ofSeconds(32);

    /** A non-INVITE transaction as its caller's retransmissions repeat it: an INVITE's key with the method. */
    record Key(String callId, String branch, String method) {

        /** The request's, or null when it lacks a Call-ID, a Via or a branch (malformed: the stack answers 400). */
        static @Nullable Key of(SIPRequest request) {
            InviteTransaction transaction = InviteTransaction.of(request);
            return transaction == null ? null : new Key(transaction.callId(), transaction.branch(), request.getMethod());
        }
    }

    /** What was sent: the response and the To tag it carried. */
    private record Answer(SipResponse reply, String toTag) {
    }

    private final Supplier<JainMessages> messages;
    /**
     * Each for {@link #TIMER_J} after its response; expired ones are swept on the
     * callers' threads. Bounded, so that a flood of requests cannot take the heap: 200,000 is 100 s
     * of calls at 2,000 a second, and a request forgotten early is only answered anew.
     */
    private final Cache<Key, Answer> answered;

    AnsweredRequests(Supplier<JainMessages> messages) {
        this(messages, System::nanoTime);
    }

    /** With the clock {@code nanoClock} in place of {@link System#nanoTime()}. */
    AnsweredRequests(Supplier<JainMessages> messages, LongSupplier nanoClock) {
        this.messages = messages;
        this.answered = Caffeine.newBuilder().expireAfterWrite(TIMER_J).maximumSize(200_000)
                .ticker(nanoClock::getAsLong).executor(Runnable::run).build();
    }

    /** {@code request} (not an INVITE) was just answered with {@code reply}, a final response, carrying {@code toTag}. */
    void answered(SIPRequest request, SipResponse reply, String toTag) {
        Key key = Key.of(request);
        if (key != null) {
            answered.put(key, new Answer(reply, toTag));
        }
    }

    /**
     * False (drop) for a request that repeats one answered within the window, after sending it the
     * same response again; every other request goes on.
     */
    @Override
    public boolean processRequest(SIPRequest request, MessageChannel channel) {
        Answer answer = answerTo(request);
        if (answer == null) {
            return true;
        }
        try {
            channel.sendMessage((SIPMessage) messages.get().response(request, answer.reply(), answer.toTag()));
        } catch (Exception e) {
            // Unanswered, the caller retransmits and gets the same response.
            log.debug("repeated {} to {} {} not sent: {}", answer.reply().status(), request.getMethod(),
                    request.getCallId().getCallId(), e.toString());
        }
        return false;
    }

    /** Whether {@code request} repeats one answered within the window. */
    boolean isRetransmission(SIPRequest request) {
        return answerTo(request) != null;
    }

    private @Nullable Answer answerTo(SIPRequest request) {
        String method = request.getMethod();
        if (Request.INVITE.equals(method) || Request.ACK.equals(method)) {
            return null;
        }
        Key key = Key.of(request);
        return key == null ? null : answered.getIfPresent(key);
    }

    /** How many are remembered, once the expired ones are swept. */
    int size() {
        answered.cleanUp();
        return Math.toIntExact(answered.estimatedSize());
    }
}
