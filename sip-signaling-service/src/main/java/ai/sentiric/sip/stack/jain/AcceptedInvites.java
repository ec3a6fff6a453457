package ai.sentiric.sip.stack.jain;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.MessageChannel;
import java.time.Duration;
import java.util.function.LongSupplier;
import javax.sip.message.Request;

/**
 * The INVITEs answered with a 2xx in the last {@link #TIMER_L}: the Accepted state of RFC 6026
 * (section 8.7), which JAIN-SIP lacks. The stack ends an INVITE's server transaction when it sends
 * the 2xx and keeps it only for its linger; a retransmission of that INVITE arriving later (the
 * caller missed the 100 and keeps sending until timer B, 64*T1) would otherwise reach the call logic
 * as a new request and start a second call, or re-answer a live one. What is remembered is small
 * (the Call-ID and branch), not the transaction with its parsed messages, so the linger can be short.
 *
 * <p>It is the stack's message valve: it sees each request before any transaction or dialog
 * matching, so the stack's merged-request check (RFC 3261 8.2.2.2) never answers a late
 * retransmission with 482 while the call lives. The 2xx itself is retransmitted by the dialog until
 * the ACK, as RFC 6026 wants.
 */
final class AcceptedInvites extends RequestValve {

    /** Timer L of RFC 6026: 64*T1, as long as a caller retransmits an INVITE (timer B). */
    static final Duration TIMER_L = Duration.ofSeconds(32);

    /** Each for {@link #TIMER_L} after its 2xx; expired ones are swept on the callers' threads. */
    private final Cache<InviteTransaction, Boolean> accepted;

    AcceptedInvites() {
        this(System::nanoTime);
    }

    /** With the clock {@code nanoClock} in place of {@link System#nanoTime()}. */
    AcceptedInvites(LongSupplier nanoClock) {
        this.accepted = Caffeine.newBuilder().expireAfterWrite(TIMER_L).ticker(nanoClock::getAsLong)
                .executor(Runnable::run).build();
    }

    /** The INVITE with this Call-ID and top Via branch was just answered with a 2xx. */
    void accepted(String callId, String branch) {
        accepted.put(new InviteTransaction(callId, branch), Boolean.TRUE);
    }

    /** Whether an INVITE with this Call-ID and branch repeats one answered with a 2xx within the window. */
    boolean isRetransmission(String callId, String branch) {
        return accepted.getIfPresent(new InviteTransaction(callId, branch)) != null;
    }

    /**
     * False (drop) for an INVITE that repeats one accepted within the window; every other request
     * goes on, one without a Call-ID or Via too, for the stack to answer 400 (a valve that throws
     * would drop it unanswered).
     */
    @Override
    public boolean processRequest(SIPRequest request, MessageChannel channel) {
        if (!Request.INVITE.equals(request.getMethod())) {
            return true;
        }
        InviteTransaction invite = InviteTransaction.of(request);
        return invite == null || accepted.getIfPresent(invite) == null;
    }

    /** How many are remembered, once the expired ones are swept. */
    int size() {
        accepted.cleanUp();
        return Math.toIntExact(accepted.estimatedSize());
    }
}
