package ai.sentiric.sip.stack.jain;

import ai.sentiric.sip.stack.SipEvents;
import ai.sentiric.sip.stack.SipResponse;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.security.SecureRandom;
import java.util.function.Supplier;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses new INVITEs statelessly (RFC 3261 8.2.7) when the call logic says so before the stack
 * keeps anything of them (an overload, a drain): no server transaction, no timers, no dialog; the
 * response goes straight back to where the INVITE came from, as Kamailio's {@code sl_send_reply}
 * does. Under overload most INVITEs are refused, and each then costs the thread that reads the
 * socket a parse and a send instead of a transaction that lives for seconds and answers its ACK.
 *
 * <p>A retransmission of a refused INVITE (its 503 was lost, or slower than the caller's timer A)
 * gets the same refusal again, for as long as a caller retransmits (64*T1): decided again, it could
 * be let in once the overload eased, and the fleet would then set up, ring and answer a call whose
 * caller had already taken the 503 and given up, until timer H, with its media session running.
 * What is remembered is the Call-ID and branch with the refusal, not a transaction. The To tag of
 * a refusal is derived from the request (Call-ID, From tag, branch), so the ACK of a refusal,
 * which repeats the INVITE's branch and carries that tag, is recognised here and dropped. An
 * INVITE whose transaction exists (a retransmission of one let in) goes on to it.
 */
final class StatelessRefusals extends RequestValve {

    private static final Logger log = LoggerFactory.getLogger(StatelessRefusals.class);

    private final SIPTransactionStack stack;
    private final Supplier<SipEvents> events;
    private final Supplier<JainMessages> messages;
    /** Keys the tags of this process's refusals, so that no one else's tag passes for ours. */
    private final long key = new SecureRandom().nextLong();
    /** The INVITEs refused within {@link AcceptedInvites#TIMER_L}, by Call-ID and branch, with their refusal. */
    private final Cache<InviteTransaction, SipResponse> refusedLately;

    StatelessRefusals(SIPTransactionStack stack, Supplier<SipEvents> events, Supplier<JainMessages> messages) {
        this.stack = stack;
        this.events = events;
        this.messages = messages;
        // Bounded, so that a flood of refused INVITEs cannot take the heap: 100,000 is 50 s of
        // refusals at 2,000 a second.
        this.refusedLately = Caffeine.newBuilder().expireAfterWrite(AcceptedInvites.TIMER_L).maximumSize(100_000)
                .executor(Runnable::run).build();
    }

    @Override
    public boolean processRequest(SIPRequest request, MessageChannel channel) {
        String method = request.getMethod();
        if (Request.INVITE.equals(method) && request.getToTag() == null) {
            return !refused(request, channel);
        }
        // The ACK of one of our refusals: nothing to do, nothing for the stack to match.
        return !(Request.ACK.equals(method) && request.getToTag() != null && request.getToTag().equals(tag(request)));
    }

    private boolean refused(SIPRequest invite, MessageChannel channel) {
        InviteTransaction transaction = InviteTransaction.of(invite);
        if (transaction == null || stack.findTransaction(invite, true) != null) {
            // Malformed (the stack answers 400), or a retransmission its transaction answers.
            return false;
        }
        SipResponse refusal = refusedLately.getIfPresent(transaction);
        if (refusal == null) {
            refusal = events.get().refusalBeforeAnyState(transaction.callId());
            if (refusal == null) {
                return false;
            }
            refusedLately.put(transaction, refusal);
        }
        try {
            Response response = messages.get().response(invite, refusal, tag(transaction, invite.getFromTag()));
            channel.sendMessage((SIPMessage) response);
        } catch (Exception e) {
            // Unanswered, the caller retransmits and gets the same refusal.
            log.debug("stateless {} to {} not sent: {}", refusal.status(), transaction.callId(), e.toString());
        }
        return true;
    }

    /** The To tag of a refusal of this request, and of the ACK of that refusal: the same for both. */
    private @Nullable String tag(SIPRequest request) {
        InviteTransaction transaction = InviteTransaction.of(request);
        return transaction == null ? null : tag(transaction, request.getFromTag());
    }

    private String tag(InviteTransaction transaction, @Nullable String fromTag) {
        long hash = key;
        hash = mix(hash ^ transaction.callId().hashCode());
        hash = mix(hash ^ String.valueOf(fromTag).hashCode());
        hash = mix(hash ^ transaction.branch().hashCode());
        return "sl" + Long.toHexString(hash);
    }

    /** SplitMix64's finaliser: every bit of the input moves every bit of the output. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
