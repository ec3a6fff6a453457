package ai.sentiric.sip.stack.jain;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/** Requests from the carrier at 127.0.0.1:5070, parsed as the stack parses them, for the valves' tests. */
final class ParsedRequests {

    private ParsedRequests() {
    }

    /** {@code method} with this Call-ID, top Via branch and CSeq number, the To header with {@code toTag} or none. */
    static SIPRequest parse(String method, String callId, String branch, @Nullable String toTag, int cseq) throws Exception {
        String message = method + " sip:+902124548592@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=" + branch + "\r\n"
                + "From: <sip:carrier@127.0.0.1>;tag=1\r\nTo: <sip:+902124548592@127.0.0.1>"
                + (toTag == null ? "" : ";tag=" + toTag) + "\r\n"
                + "Call-ID: " + callId + "\r\nCSeq: " + cseq + " " + method + "\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
        return (SIPRequest) new StringMsgParser().parseSIPMessage(message.getBytes(StandardCharsets.US_ASCII), true, false, null);
    }
}
