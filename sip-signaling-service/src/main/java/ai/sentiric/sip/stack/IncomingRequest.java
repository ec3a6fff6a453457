package ai.sentiric.sip.stack;

import org.jspecify.annotations.Nullable;

/**
 * A request as the call logic sees it. Retransmissions never reach here: the stack's transaction
 * layer absorbs them and repeats the last response.
 */
public interface IncomingRequest {

    String method();

    String callId();

    /** The user part of the Request-URI: the dialled number on a trunk. */
    String requestUser();

    /** The user part of the From URI: the caller's number, or "anonymous". */
    String fromUser();

    String fromUri();

    String toUri();

    /** A header's value as received, or null. */
    @Nullable String header(String name);

    /** The message body (SDP), empty when there is none. */
    String body();

    String sourceHost();

    int sourcePort();

    /** "udp" or "tcp". */
    String transport();

    /** Sends a response in the request's transaction; 1xx and 2xx to an INVITE establish its dialog. */
    void respond(SipResponse response);

    /** The dialog an INVITE established with a 2xx, to end it later. */
    CallLeg leg();
}
