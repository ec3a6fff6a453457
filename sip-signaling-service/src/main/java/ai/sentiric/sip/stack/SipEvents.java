package ai.sentiric.sip.stack;

/**
 * What the stack hands the call logic. Called on the stack's threads: implementations hand any
 * slow work (gRPC, the bus) to other threads.
 */
public interface SipEvents {

    /** A new request; ACKs for 2xx come here too (ACKs for error responses stay in the stack). */
    void request(IncomingRequest request);

    /** A 2xx to an INVITE was retransmitted until timer H and never acknowledged. */
    void ackTimeout(String callId);
}
