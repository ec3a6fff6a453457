package ai.sentiric.media.engine.session;

/** Why a media session ended. */
public enum EndReason {
    /** Signalling released the port (the call ended). */
    RELEASED,
    /** No RTP from the caller for the inactivity timeout: the call is dead (media timeout). */
    INACTIVE,
    /** The session reached the longest call allowed. */
    MAX_DURATION,
    /** The engine shut down. */
    SHUTDOWN
}
