package ai.sentiric.sip.stack.jain;

import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPMessageValve;
import javax.sip.SipStack;
import javax.sip.message.Response;

/** A message valve that looks at requests only: responses pass, and it has nothing to set up or tear down. */
abstract class RequestValve implements SIPMessageValve {

    @Override
    public final boolean processResponse(Response response, MessageChannel channel) {
        return true;
    }

    @Override
    public final void init(SipStack stack) {
    }

    @Override
    public final void destroy() {
    }
}
