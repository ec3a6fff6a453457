package ai.sentiric.media.engine.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class VoiceActivityDetectorTests {

    final Random random = new Random(7);

    short[] frame(double toneAmplitude, double noiseAmplitude, int offset) {
        short[] frame = new short[160];
        for (int i = 0; i < 160; i++) {
            frame[i] = (short) (toneAmplitude * Math.sin(2 * Math.PI * 300 * (offset + i) / 8000.0)
                    + noiseAmplitude * random.nextGaussian());
        }
        return frame;
    }

    @Test
    void speechOverLineNoiseStartsAfterTheOnsetAndEndsAfterTheHangover() {
        var vad = new VoiceActivityDetector(9.0, 15);
        for (int i = 0; i < 100; i++) {
            assertThat(vad.accept(frame(0, 300, i * 160), 160)).as("line noise is not speech").isFalse();
        }
        assertThat(vad.accept(frame(6000, 300, 0), 160)).as("one loud frame is a click").isFalse();
        assertThat(vad.accept(frame(6000, 300, 160), 160)).isTrue();
        for (int i = 0; i < 15; i++) {
            assertThat(vad.accept(frame(0, 300, i), 160)).as("a pause between words").isTrue();
        }
        assertThat(vad.accept(frame(0, 300, 0), 160)).isFalse();
    }

    @Test
    void aQuietTalkerOnASilentLineIsHeard() {
        var vad = new VoiceActivityDetector(9.0, 15);
        for (int i = 0; i < 50; i++) {
            vad.accept(new short[160], 160);
        }
        vad.accept(frame(400, 0, 0), 160);
        assertThat(vad.accept(frame(400, 0, 160), 160)).isTrue();
    }
}
