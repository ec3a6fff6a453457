package ai.sentiric.sip.stack;

/** An established dialog, from the platform's side. */
public interface CallLeg {

    /** Sends an in-dialog BYE (route set, CSeq and tags taken from the dialog). */
    void bye(String reason);
}
