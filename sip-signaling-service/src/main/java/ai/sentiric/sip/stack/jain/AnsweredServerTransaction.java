package ai.sentiric.sip.stack.jain;

import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPServerTransactionImpl;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import javax.sip.TransactionState;

/**
 * JAIN-SIP's server transaction, which can be told that the retransmissions of its request will be
 * answered elsewhere ({@link AnsweredRequests}): it then ends with its final response over UDP as it
 * does over TCP, rather than in the Completed state for timer J's 32 s, a timer and a transaction
 * held for every BYE that long. Any other transaction (an INVITE's, one the stack answers itself)
 * keeps the stack's timers.
 */
final class AnsweredServerTransaction extends SIPServerTransactionImpl {

    private volatile boolean answeredElsewhere;

    AnsweredServerTransaction(SIPTransactionStack stack, MessageChannel channel) {
        super(stack, channel);
    }

    /** The final response about to be sent is remembered, and its request's retransmissions answered, elsewhere. */
    void answeredElsewhere() {
        answeredElsewhere = true;
    }

    /** Timer J: at once, as over a reliable transport, when the retransmissions are answered elsewhere. */
    @Override
    protected void startTransactionTimerJ(long ticks) {
        if (ticks > 0 && answeredElsewhere) {
            setState(TransactionState._TERMINATED);
            super.startTransactionTimerJ(0);
        } else {
            super.startTransactionTimerJ(ticks);
        }
    }
}
