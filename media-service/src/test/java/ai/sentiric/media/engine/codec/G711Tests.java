package ai.sentiric.media.engine.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Reference values of ITU-T G.711 (and of the widely used Sun reference implementation). */
class G711Tests {

    @Test
    void muLawMatchesReferenceValues() {
        assertThat(G711.linearToUlaw((short) 0)).isEqualTo((byte) 0xFF);
        assertThat(G711.linearToUlaw((short) -1)).isEqualTo((byte) 0x7F);
        assertThat(G711.linearToUlaw((short) 32767)).isEqualTo((byte) 0x80);
        assertThat(G711.linearToUlaw((short) -32768)).isEqualTo((byte) 0x00);
        assertThat(G711.ulawToLinear((byte) 0xFF)).isEqualTo((short) 0);
        assertThat(G711.ulawToLinear((byte) 0x80)).isEqualTo((short) 32124);
        assertThat(G711.ulawToLinear((byte) 0x00)).isEqualTo((short) -32124);
        assertThat(G711.ulawToLinear((byte) 0xEF)).isEqualTo((short) 132);
    }

    @Test
    void aLawMatchesReferenceValues() {
        assertThat(G711.linearToAlaw((short) 0)).isEqualTo((byte) 0xD5);
        assertThat(G711.linearToAlaw((short) -1)).isEqualTo((byte) 0x55);
        assertThat(G711.linearToAlaw((short) 32767)).isEqualTo((byte) 0xAA);
        assertThat(G711.linearToAlaw((short) -32768)).isEqualTo((byte) 0x2A);
        assertThat(G711.alawToLinear((byte) 0xD5)).isEqualTo((short) 8);
        assertThat(G711.alawToLinear((byte) 0x55)).isEqualTo((short) -8);
        assertThat(G711.alawToLinear((byte) 0xAA)).isEqualTo((short) 32256);
        assertThat(G711.alawToLinear((byte) 0x2A)).isEqualTo((short) -32256);
    }

    @Test
    void everyCodeRoundTripsAndLinearRoundTripIsWithinTheSegmentStep() {
        for (int code = 0; code < 256; code++) {
            byte b = (byte) code;
            assertThat(G711.linearToAlaw(G711.alawToLinear(b))).isEqualTo(b);
            if (code != 0x7F) { // mu-law has two zeros (0xFF and 0x7F); both decode to 0
                assertThat(G711.linearToUlaw(G711.ulawToLinear(b))).isEqualTo(b);
            }
        }
        for (int sample = -32768; sample <= 32767; sample += 7) {
            int ulawError = Math.abs(G711.ulawToLinear(G711.linearToUlaw((short) sample)) - sample);
            int alawError = Math.abs(G711.alawToLinear(G711.linearToAlaw((short) sample)) - sample);
            int step = Math.max(16, Math.abs(sample) / 16);
            assertThat(ulawError).as("mu-law %d", sample).isLessThanOrEqualTo(step);
            assertThat(alawError).as("A-law %d", sample).isLessThanOrEqualTo(step);
        }
    }

    @Test
    void theEncodingTablesHoldTheSegmentSearchForEverySampleAndSilence() {
        short[] samples = new short[65536];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) (Short.MIN_VALUE + i);
        }
        byte[] ulaw = new byte[samples.length];
        byte[] alaw = new byte[samples.length];
        G711.encode(samples, samples.length, false, ulaw, 0);
        G711.encode(samples, samples.length, true, alaw, 0);
        for (int i = 0; i < samples.length; i++) {
            assertThat(ulaw[i]).as("mu-law %d", samples[i]).isEqualTo(G711.ulawEncodeSlow(samples[i]));
            assertThat(alaw[i]).as("A-law %d", samples[i]).isEqualTo(G711.alawEncodeSlow(samples[i]));
        }
        assertThat(G711.silence(false)).isEqualTo((byte) 0xFF);
        assertThat(G711.silence(true)).isEqualTo((byte) 0xD5);
    }
}
