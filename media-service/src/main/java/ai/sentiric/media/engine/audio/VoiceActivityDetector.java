package ai.sentiric.media.engine.audio;

/**
 * An energy detector with an adaptive noise floor: a frame is speech when it stands
 * {@code marginDb} above the floor and above an absolute threshold. Speech starts after
 * {@link #ONSET_FRAMES} such frames in a row (a click is not speech) and ends after a hangover of
 * {@code hangoverFrames} quiet frames (the gaps between words are not the end of speech).
 *
 * <p>Not thread-safe: one detector per session, fed by the session's clock.
 */
public final class VoiceActivityDetector {

    /** Consecutive loud frames before speech is declared (40 ms at 20 ms frames). */
    static final int ONSET_FRAMES = 2;
    /** Below this level nothing is speech, whatever the floor (line noise of a quiet call). */
    private static final double ABSOLUTE_THRESHOLD_DB = -50.0;

    private final double marginDb;
    private final int hangoverFrames;
    /** NaN until the first frame, which sets it. */
    private double floorDb = Double.NaN;
    private int loudRun;
    private int quietRun;
    private boolean active;

    public VoiceActivityDetector(double marginDb, int hangoverFrames) {
        this.marginDb = marginDb;
        this.hangoverFrames = hangoverFrames;
    }

    /** Feeds one frame; returns whether the caller is speaking after it. */
    public boolean accept(short[] samples, int count) {
        double level = levelDb(samples, count);
        if (Double.isNaN(floorDb)) {
            floorDb = level;
        }
        boolean loud = level > floorDb + marginDb && level > ABSOLUTE_THRESHOLD_DB;
        // The floor follows quieter frames quickly downwards and louder ones slowly upwards (very
        // slowly while they count as speech), so speech barely lifts it while a line that grew
        // noisier is learnt within a few seconds.
        double rate = level < floorDb ? 0.5 : loud ? 0.005 : 0.05;
        floorDb += rate * (level - floorDb);
        if (loud) {
            loudRun++;
            quietRun = 0;
            if (loudRun >= ONSET_FRAMES) {
                active = true;
            }
        } else {
            loudRun = 0;
            if (active && ++quietRun > hangoverFrames) {
                active = false;
            }
        }
        return active;
    }

    public boolean active() {
        return active;
    }

    /** The frame's RMS level in dB relative to full scale (-96 for digital silence). */
    static double levelDb(short[] samples, int count) {
        double sum = 0;
        for (int i = 0; i < count; i++) {
            sum += (double) samples[i] * samples[i];
        }
        double rms = Math.sqrt(sum / Math.max(1, count)) / 32768.0;
        return rms <= 1.6e-5 ? -96.0 : 20 * Math.log10(rms);
    }
}
