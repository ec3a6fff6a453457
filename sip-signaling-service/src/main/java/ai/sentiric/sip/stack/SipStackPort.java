package ai.sentiric.sip.stack;

/**
 * The SIP stack as the service uses it: listen, deliver requests, send responses and BYEs.
 * The call logic depends only on this package, so the stack behind it could be replaced.
 */
public interface SipStackPort {

    void start(SipEvents events);

    void stop();
}
