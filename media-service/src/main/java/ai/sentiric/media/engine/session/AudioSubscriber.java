package ai.sentiric.media.engine.session;

/**
 * Receives the caller's audio as it is played out of the jitter buffer: 20 ms frames of 16 kHz
 * 16-bit little-endian PCM with the voice-activity flag, and DTMF digits. Called from the
 * engine's clock thread, so implementations must not block: a slow subscriber drops frames.
 */
public interface AudioSubscriber {

    void frame(byte[] pcm16k, boolean voiceActive, long sequence);

    void dtmf(char digit, long sequence);

    /** The session ended; no more calls follow. */
    void ended();
}
