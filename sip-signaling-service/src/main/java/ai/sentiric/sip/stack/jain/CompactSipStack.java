package ai.sentiric.sip.stack.jain;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPServerTransaction;
import java.util.Properties;
import javax.sip.PeerUnavailableException;

/**
 * JAIN-SIP's stack, whose server transactions are {@link AnsweredServerTransaction}s. The server
 * transaction table is left unbounded (no {@code MAX_SERVER_TRANSACTIONS}): what bounds it is the
 * call logic's admission control, and a finished non-INVITE transaction no longer stays in it.
 */
final class CompactSipStack extends SipStackImpl {

    CompactSipStack(Properties properties) throws PeerUnavailableException {
        super(properties);
    }

    @Override
    public SIPServerTransaction createServerTransaction(MessageChannel channel) {
        return new AnsweredServerTransaction(this, channel);
    }
}
