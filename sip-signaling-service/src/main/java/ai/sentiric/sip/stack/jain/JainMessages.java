package ai.sentiric.sip.stack.jain;

import ai.sentiric.sip.stack.SipResponse;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import javax.sip.SipProvider;
import javax.sip.address.AddressFactory;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * What every request of a stack shares: its factories, the address we advertise, and the requests it
 * answered lately (INVITEs with a 2xx, the others with any final response), whose retransmissions it
 * absorbs.
 */
record JainMessages(SipProvider provider, AddressFactory addresses, HeaderFactory headers, MessageFactory messages,
                    String advertisedAddress, int port, AcceptedInvites accepted, AnsweredRequests answered) {

    /** {@code reply} to {@code request} as a JAIN-SIP response: our To tag (but on a 100), its headers and SDP. */
    Response response(Request request, SipResponse reply, String toTag) throws ParseException {
        Response response = messages.createResponse(reply.status(), request);
        response.setReasonPhrase(reply.reason());
        ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
        if (reply.status() > 100 && to.getTag() == null) {
            to.setTag(toTag);
        }
        for (Map.Entry<String, String> header : reply.headers().entrySet()) {
            for (Header parsed : parse(header.getKey(), header.getValue())) {
                response.addHeader(parsed);
            }
        }
        if (reply.sdp() != null) {
            response.setContent(reply.sdp(), headers.createContentTypeHeader("application", "sdp"));
        }
        return response;
    }

    /** One header, or several for a list value (Allow, Contact with several bindings). */
    @SuppressWarnings("unchecked")
    private List<Header> parse(String name, String value) throws ParseException {
        try {
            return List.of(headers.createHeader(name, value));
        } catch (ParseException singletonOnly) {
            return (List<Header>) ((HeaderFactoryImpl) headers).createHeaders(name + ": " + value);
        }
    }
}
