package ai.sentiric.sip.stack.jain;

import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPRequest;
import org.jspecify.annotations.Nullable;

/** An INVITE's transaction as its caller's retransmissions repeat it: the Call-ID and the top Via's branch. */
record InviteTransaction(String callId, String branch) {

    /** The request's, or null when it lacks a Call-ID, a Via or a branch (malformed: the stack answers 400). */
    static @Nullable InviteTransaction of(SIPRequest request) {
        Via via = request.getTopmostVia();
        if (request.getCallId() == null || via == null || via.getBranch() == null) {
            return null;
        }
        return new InviteTransaction(request.getCallId().getCallId(), via.getBranch());
    }
}
