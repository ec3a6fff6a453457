package ai.sentiric.media.engine.audio;

import java.util.Arrays;

/**
 * Converts 16-bit mono PCM between 8 kHz (G.711 on the wire) and 16 kHz (what the agent's speech
 * engines take) with a 31-tap windowed-sinc half-band low-pass filter.
 *
 * <p>The filter's history is kept between calls: the output of a stream fed packet by packet is
 * sample for sample the output of the whole stream at once. A resampler that starts fresh for
 * every 20 ms packet puts a discontinuity at each packet boundary, heard as crackle (the original
 * platform's MEDIA-BUG-02). One instance per direction and session; not thread-safe.
 */
public final class Resampler {

    private static final int TAPS = 31;
    private static final double[] HALF_BAND = halfBand();

    private final boolean up;
    /** Last TAPS samples at the high rate, newest at {@code position - 1}, as a ring. */
    private final double[] history = new double[TAPS];
    private int position;
    /** For down-sampling: whether the next high-rate sample produces an output. */
    private boolean keepNext = true;

    private Resampler(boolean up) {
        this.up = up;
    }

    public static Resampler upsampler8kTo16k() {
        return new Resampler(true);
    }

    public static Resampler downsampler16kTo8k() {
        return new Resampler(false);
    }

    /** Resamples {@code count} samples; the result has twice (up) or half (down) as many. */
    public short[] process(short[] in, int count) {
        if (up) {
            short[] out = new short[count * 2];
            for (int i = 0; i < count; i++) {
                // Zero-stuffing doubles the rate; the filter's gain of 2 restores the level.
                out[2 * i] = clip(2 * push(in[i]));
                out[2 * i + 1] = clip(2 * push(0));
            }
            return out;
        }
        short[] out = new short[(count + (keepNext ? 1 : 0)) / 2];
        int produced = 0;
        for (int i = 0; i < count; i++) {
            double filtered = push(in[i]);
            if (keepNext) {
                out[produced++] = clip(filtered);
            }
            keepNext = !keepNext;
        }
        return produced == out.length ? out : Arrays.copyOf(out, produced);
    }

    /** Adds a high-rate sample to the history and returns the filter's output at it. */
    private double push(double sample) {
        history[position] = sample;
        position = (position + 1) % TAPS;
        double sum = 0;
        for (int tap = 0; tap < TAPS; tap++) {
            sum += HALF_BAND[tap] * history[(position + tap) % TAPS];
        }
        return sum;
    }

    private static short clip(double value) {
        long rounded = Math.round(value);
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, rounded));
    }

    /** sinc(n/2)/2 under a Blackman window, normalised to unit gain at DC; every other tap is zero. */
    private static double[] halfBand() {
        double[] taps = new double[TAPS];
        int middle = TAPS / 2;
        double sum = 0;
        for (int i = 0; i < TAPS; i++) {
            int n = i - middle;
            double sinc = n == 0 ? 0.5 : Math.sin(Math.PI * n / 2) / (Math.PI * n);
            double window = 0.42 - 0.5 * Math.cos(2 * Math.PI * i / (TAPS - 1)) + 0.08 * Math.cos(4 * Math.PI * i / (TAPS - 1));
            taps[i] = sinc * window;
            sum += taps[i];
        }
        for (int i = 0; i < TAPS; i++) {
            taps[i] /= sum;
        }
        return taps;
    }
}
