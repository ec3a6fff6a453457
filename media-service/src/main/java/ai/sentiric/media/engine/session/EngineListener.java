package ai.sentiric.media.engine.session;

import ai.sentiric.media.engine.recording.Recorder;

/** What the engine tells its host: ended sessions, finished recordings, and figures for metrics. */
public interface EngineListener {

    void sessionEnded(SessionReport report);

    void recordingFinished(String callId, String tenantId, Recorder.Recording recording);

    /** How late a packet left against its session's 20 ms grid. */
    void paced(long deviationNanos);

    void dropped(DropReason reason);
}
