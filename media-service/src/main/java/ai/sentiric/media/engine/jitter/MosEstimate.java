package ai.sentiric.media.engine.jitter;

/**
 * A listening-quality MOS estimated from what the receiver measured, by the ITU-T G.107 E-model
 * for G.711 with packet-loss concealment (Ie = 0, Bpl = 25.1). The delay term assumes a jitter
 * buffer twice the measured jitter plus the 20 ms frame and a fixed network path.
 */
public final class MosEstimate {

    /** One-way delay assumed outside what the receiver can see (network and the far end's buffer). */
    private static final double BASE_DELAY_MS = 40.0;

    private MosEstimate() {
    }

    public static double of(long expected, long lost, double jitterMillis) {
        double lossPercent = expected <= 0 ? 0 : Math.max(0, 100.0 * lost / expected);
        double delay = BASE_DELAY_MS + 20 + 2 * jitterMillis;
        double delayImpairment = 0.024 * delay + (delay > 177.3 ? 0.11 * (delay - 177.3) : 0);
        double lossImpairment = 95 * lossPercent / (lossPercent + 25.1);
        double r = Math.clamp(93.2 - delayImpairment - lossImpairment, 0, 100);
        double mos = 1 + 0.035 * r + 7e-6 * r * (r - 60) * (100 - r);
        return Math.round(Math.clamp(mos, 1.0, 4.5) * 100) / 100.0;
    }
}
