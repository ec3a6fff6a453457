package ai.sentiric.sip.stack;

import org.jspecify.annotations.Nullable;

/**
 * What the stack hands the call logic. Called on the stack's threads: implementations hand any
 * slow work (gRPC, the bus) to other threads.
 */
public interface SipEvents {

    /** A new request; ACKs for 2xx come here too (ACKs for error responses stay in the stack). */
    void request(IncomingRequest request);

    /**
     * Asked of a new INVITE (no To tag, no transaction) before the stack keeps anything of it: a
     * response returned here is sent statelessly and the INVITE goes no further; null lets it in
     * (and {@link #request} may still refuse it). Runs on the thread that reads the socket: it
     * must not wait.
     */
    default @Nullable SipResponse refusalBeforeAnyState(String callId) {
        return null;
    }

    /** A 2xx to an INVITE was retransmitted until timer H and never acknowledged. */
    void ackTimeout(String callId);
}
