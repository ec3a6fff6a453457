package ai.sentiric.sip.stack.jain;

import ai.sentiric.sip.stack.CallLeg;
import ai.sentiric.sip.stack.IncomingRequest;
import ai.sentiric.sip.stack.SipResponse;
import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.message.SIPRequest;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ServerTransaction;
import javax.sip.address.SipURI;
import javax.sip.address.TelURL;
import javax.sip.address.URI;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.jspecify.annotations.Nullable;

/** One JAIN-SIP request behind the port's view; responses go out in its server transaction. */
final class JainIncomingRequest implements IncomingRequest {

    private final Request request;
    private final @Nullable ServerTransaction transaction;
    private final JainMessages messages;
    /** Our To tag: the same on every response of the transaction, so 180 and 200 share one dialog. */
    private final String localTag = Long.toHexString(ThreadLocalRandom.current().nextLong());

    JainIncomingRequest(Request request, @Nullable ServerTransaction transaction, JainMessages messages) {
        this.request = request;
        this.transaction = transaction;
        this.messages = messages;
    }

    @Override
    public String method() {
        return request.getMethod();
    }

    @Override
    public String callId() {
        return ((SIPRequest) request).getCallId().getCallId();
    }

    @Override
    public String requestUser() {
        return user(request.getRequestURI());
    }

    @Override
    public String fromUser() {
        return user(((FromHeader) request.getHeader(FromHeader.NAME)).getAddress().getURI());
    }

    @Override
    public String fromUri() {
        return ((FromHeader) request.getHeader(FromHeader.NAME)).getAddress().getURI().toString();
    }

    @Override
    public String toUri() {
        return ((ToHeader) request.getHeader(ToHeader.NAME)).getAddress().getURI().toString();
    }

    @Override
    public @Nullable String header(String name) {
        var header = request.getHeader(name);
        return header instanceof SIPHeader sip ? sip.getHeaderValue() : header == null ? null : header.toString();
    }

    @Override
    public String body() {
        byte[] content = request.getRawContent();
        return content == null ? "" : new String(content, StandardCharsets.UTF_8);
    }

    @Override
    public String sourceHost() {
        return ((SIPRequest) request).getRemoteAddress().getHostAddress();
    }

    @Override
    public int sourcePort() {
        return ((SIPRequest) request).getRemotePort();
    }

    @Override
    public String transport() {
        return ((SIPRequest) request).getTopmostVia().getTransport().toLowerCase();
    }

    @Override
    public void respond(SipResponse reply) {
        if (transaction == null) {
            throw new IllegalStateException(method() + " takes no response");
        }
        try {
            Response response = messages.response(request, reply, localTag);
            if (Request.INVITE.equals(method()) && reply.status() > 100 && reply.status() < 300) {
                SipURI contact = messages.addresses().createSipURI(null, messages.advertisedAddress());
                contact.setPort(messages.port());
                contact.setTransportParam(transport());
                response.addHeader(messages.headers().createContactHeader(messages.addresses().createAddress(contact)));
            }
            boolean invite = Request.INVITE.equals(method());
            if (!invite && reply.status() >= 200) {
                // Its retransmissions are answered from this record, so the transaction ends with
                // its response instead of waiting out timer J; recorded first, so none falls between.
                messages.answered().answered((SIPRequest) request, reply, localTag);
                if (transaction instanceof AnsweredServerTransaction answered) {
                    answered.answeredElsewhere();
                }
            }
            transaction.sendResponse(response);
            if (invite && reply.status() >= 200 && reply.status() < 300) {
                String branch = ((SIPRequest) request).getTopmostVia().getBranch();
                if (branch != null) {
                    messages.accepted().accepted(callId(), branch);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot send " + reply.status() + " to " + method(), e);
        }
    }

    @Override
    public CallLeg leg() {
        Dialog dialog = transaction == null ? null : transaction.getDialog();
        if (dialog == null) {
            throw new IllegalStateException("no dialog for " + method() + " " + callId());
        }
        return reason -> {
            try {
                Request bye = dialog.createRequest(Request.BYE);
                bye.addHeader(messages.headers().createHeader("Reason", "SIP;cause=200;text=\"" + reason + "\""));
                ClientTransaction client = messages.provider().getNewClientTransaction(bye);
                dialog.sendRequest(client);
            } catch (Exception e) {
                throw new IllegalStateException("cannot send BYE for " + callId(), e);
            }
        };
    }

    private static String user(URI uri) {
        if (uri instanceof SipURI sip) {
            return sip.getUser() == null ? "" : sip.getUser();
        }
        if (uri instanceof TelURL tel) {
            return (tel.isGlobal() ? "+" : "") + tel.getPhoneNumber();
        }
        return "";
    }
}
