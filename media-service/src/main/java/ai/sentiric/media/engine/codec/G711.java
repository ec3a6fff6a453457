package ai.sentiric.media.engine.codec;

/**
 * G.711 companding (ITU-T G.711): 16-bit linear PCM to 8-bit mu-law (PCMU, payload type 0) or
 * A-law (PCMA, payload type 8) and back, through tables built once from the standard's segment
 * search: 256 entries a law to decode, 65,536 (one a 16-bit sample) to encode. Every outbound RTP
 * frame is encoded, and the search cost a few percent of media-service's CPU.
 */
public final class G711 {

    private static final int BIAS = 0x84;
    private static final int CLIP = 32635;
    private static final short[] ULAW_TO_LINEAR = new short[256];
    private static final short[] ALAW_TO_LINEAR = new short[256];
    private static final byte[] LINEAR_TO_ULAW = new byte[65536];
    private static final byte[] LINEAR_TO_ALAW = new byte[65536];

    static {
        for (int i = 0; i < 256; i++) {
            ULAW_TO_LINEAR[i] = ulawDecodeSlow((byte) i);
            ALAW_TO_LINEAR[i] = alawDecodeSlow((byte) i);
        }
        for (int sample = Short.MIN_VALUE; sample <= Short.MAX_VALUE; sample++) {
            LINEAR_TO_ULAW[sample & 0xFFFF] = ulawEncodeSlow(sample);
            LINEAR_TO_ALAW[sample & 0xFFFF] = alawEncodeSlow(sample);
        }
    }

    private G711() {
    }

    /** The mu-law code of a 16-bit sample. */
    static byte linearToUlaw(short sample) {
        return LINEAR_TO_ULAW[sample & 0xFFFF];
    }

    /** The A-law code of a 16-bit sample. */
    static byte linearToAlaw(short sample) {
        return LINEAR_TO_ALAW[sample & 0xFFFF];
    }

    /** The code of digital silence (a zero sample): what a frame without audio is filled with. */
    public static byte silence(boolean alaw) {
        return alaw ? LINEAR_TO_ALAW[0] : LINEAR_TO_ULAW[0];
    }

    static byte ulawEncodeSlow(int sample) {
        int sign = (sample >> 8) & 0x80;
        int magnitude = sign != 0 ? -sample : sample;
        if (magnitude > CLIP) {
            magnitude = CLIP;
        }
        magnitude += BIAS;
        int exponent = 7;
        for (int mask = 0x4000; (magnitude & mask) == 0 && exponent > 0; mask >>= 1) {
            exponent--;
        }
        int mantissa = (magnitude >> (exponent + 3)) & 0x0F;
        return (byte) ~(sign | (exponent << 4) | mantissa);
    }

    public static short ulawToLinear(byte ulaw) {
        return ULAW_TO_LINEAR[ulaw & 0xFF];
    }

    static byte alawEncodeSlow(int sample) {
        int sign = sample >= 0 ? 0xD5 : 0x55;
        int magnitude = sample >= 0 ? sample : -sample - 1;
        if (magnitude > 32767) {
            magnitude = 32767;
        }
        int encoded;
        if (magnitude < 256) {
            encoded = magnitude >> 4;
        } else {
            int exponent = 7;
            for (int mask = 0x4000; (magnitude & mask) == 0; mask >>= 1) {
                exponent--;
            }
            encoded = (exponent << 4) | ((magnitude >> (exponent + 3)) & 0x0F);
        }
        return (byte) (encoded ^ sign);
    }

    public static short alawToLinear(byte alaw) {
        return ALAW_TO_LINEAR[alaw & 0xFF];
    }

    /** Encodes 16-bit samples into {@code out} from {@code offset}. */
    public static void encode(short[] samples, int count, boolean alaw, byte[] out, int offset) {
        byte[] table = alaw ? LINEAR_TO_ALAW : LINEAR_TO_ULAW;
        for (int i = 0; i < count; i++) {
            out[offset + i] = table[samples[i] & 0xFFFF];
        }
    }

    /** Decodes {@code count} bytes from {@code offset} into 16-bit samples. */
    public static void decode(byte[] in, int offset, int count, boolean alaw, short[] samples) {
        short[] table = alaw ? ALAW_TO_LINEAR : ULAW_TO_LINEAR;
        for (int i = 0; i < count; i++) {
            samples[i] = table[in[offset + i] & 0xFF];
        }
    }

    private static short ulawDecodeSlow(byte value) {
        int ulaw = ~value & 0xFF;
        int sign = ulaw & 0x80;
        int exponent = (ulaw >> 4) & 0x07;
        int mantissa = ulaw & 0x0F;
        int magnitude = ((mantissa << 3) + BIAS) << exponent;
        return (short) (sign != 0 ? BIAS - magnitude : magnitude - BIAS);
    }

    private static short alawDecodeSlow(byte value) {
        int alaw = (value & 0xFF) ^ 0x55;
        int sign = alaw & 0x80;
        int exponent = (alaw >> 4) & 0x07;
        int mantissa = alaw & 0x0F;
        int magnitude = exponent == 0 ? (mantissa << 4) + 8 : ((mantissa << 4) + 0x108) << (exponent - 1);
        return (short) (sign != 0 ? magnitude : -magnitude);
    }
}
