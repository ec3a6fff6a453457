package ai.sentiric.media.engine.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ResamplerTests {

    static short[] tone(double hertz, int rate, int samples, double amplitude) {
        short[] out = new short[samples];
        for (int i = 0; i < samples; i++) {
            out[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hertz * i / rate));
        }
        return out;
    }

    static short[] inPackets(Resampler resampler, short[] signal, int packet) {
        short[] all = new short[0];
        for (int from = 0; from < signal.length; from += packet) {
            short[] part = resampler.process(Arrays.copyOfRange(signal, from, Math.min(signal.length, from + packet)),
                    Math.min(packet, signal.length - from));
            short[] joined = Arrays.copyOf(all, all.length + part.length);
            System.arraycopy(part, 0, joined, all.length, part.length);
            all = joined;
        }
        return all;
    }

    static double rms(short[] samples, int from) {
        double sum = 0;
        for (int i = from; i < samples.length; i++) {
            sum += (double) samples[i] * samples[i];
        }
        return Math.sqrt(sum / (samples.length - from));
    }

    @Test
    void packetByPacketEqualsTheWholeStreamSoBoundariesAddNoDiscontinuity() {
        short[] speechBand = tone(440, 8000, 8000, 12000);
        short[] whole = Resampler.upsampler8kTo16k().process(speechBand, speechBand.length);
        assertThat(inPackets(Resampler.upsampler8kTo16k(), speechBand, 160)).containsExactly(whole);

        short[] wide = tone(1000, 16000, 16000, 12000);
        short[] wholeDown = Resampler.downsampler16kTo8k().process(wide, wide.length);
        assertThat(inPackets(Resampler.downsampler16kTo8k(), wide, 320)).containsExactly(wholeDown);
        assertThat(inPackets(Resampler.downsampler16kTo8k(), wide, 317)).containsExactly(wholeDown);
    }

    @Test
    void upsamplingKeepsTheToneItsPitchAndItsLevel() {
        short[] in = tone(440, 8000, 8000, 10000);
        short[] out = Resampler.upsampler8kTo16k().process(in, in.length);
        assertThat(out).hasSize(16000);
        // After the filter's delay (15 samples at 16 kHz) the output is the same tone sampled at 16 kHz.
        short[] expected = tone(440, 16000, 16000, 10000);
        double worst = 0;
        for (int i = 100; i < 16000; i++) {
            worst = Math.max(worst, Math.abs(out[i] - expected[i - 15]));
        }
        assertThat(worst).isLessThan(300);
    }

    @Test
    void downsamplingKeepsTheSpeechBandAndRejectsWhatWouldAlias() {
        short[] speech = tone(1000, 16000, 16000, 10000);
        assertThat(rms(Resampler.downsampler16kTo8k().process(speech, speech.length), 50) / rms(speech, 0))
                .isBetween(0.97, 1.03);
        short[] aboveNyquist = tone(6500, 16000, 16000, 10000);
        double gain = rms(Resampler.downsampler16kTo8k().process(aboveNyquist, aboveNyquist.length), 50) / rms(aboveNyquist, 0);
        assertThat(20 * Math.log10(gain)).as("attenuation in dB").isLessThan(-40);
    }
}
