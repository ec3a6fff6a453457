package ai.sentiric.media.engine.playback;

import ai.sentiric.media.engine.audio.Resampler;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Loads audio to play: WAV files (16-bit PCM, 8-bit mu-law or A-law, mono, 8 or 16 kHz) from a
 * directory the operator configured, or from a {@code data:} URI; and raw 16-bit PCM from
 * text-to-speech. Everything comes out as 8 kHz linear samples.
 */
public final class AudioClips {

    /** Why a clip cannot be played; the message says what to fix. */
    public static final class BadAudioException extends Exception {
        public BadAudioException(String message) {
            super(message);
        }
    }

    private final Path assetsRoot;

    public AudioClips(Path assetsRoot) {
        this.assetsRoot = assetsRoot.toAbsolutePath().normalize();
    }

    /** Loads {@code file:}, plain relative paths (under the assets root) and {@code data:} URIs. */
    public short[] load(String uri) throws BadAudioException {
        if (uri.startsWith("data:")) {
            int comma = uri.indexOf(',');
            if (comma < 0 || !uri.substring(0, comma).endsWith(";base64")) {
                throw new BadAudioException("a data URI must be base64 (data:audio/wav;base64,...)");
            }
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(uri.substring(comma + 1));
            } catch (IllegalArgumentException e) {
                throw new BadAudioException("the data URI is not valid base64");
            }
            return decodeWav(new ByteArrayInputStream(bytes), "data URI");
        }
        String path = uri.startsWith("file:") ? uri.substring("file:".length()) : uri;
        Path file = assetsRoot.resolve(path.startsWith("/") ? path.substring(1) : path).normalize();
        if (!file.startsWith(assetsRoot)) {
            throw new BadAudioException("'" + uri + "' lies outside the audio assets root");
        }
        if (!Files.isRegularFile(file)) {
            throw new BadAudioException("no audio file '" + uri + "' under the assets root");
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return decodeWav(in, uri);
        } catch (IOException e) {
            throw new BadAudioException("cannot read '" + uri + "': " + e.getMessage());
        }
    }

    /** Raw little-endian 16-bit PCM at 8 or 16 kHz, as text-to-speech sends it. */
    public static short[] pcm(byte[] bytes, int sampleRate, Resampler downsampler) throws BadAudioException {
        if (sampleRate != 8000 && sampleRate != 16000) {
            throw new BadAudioException("PCM at " + sampleRate + " Hz: only 8000 and 16000 are accepted");
        }
        short[] samples = new short[bytes.length / 2];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
        return sampleRate == 8000 ? samples : downsampler.process(samples, samples.length);
    }

    private static short[] decodeWav(InputStream in, String name) throws BadAudioException {
        try (AudioInputStream source = AudioSystem.getAudioInputStream(in)) {
            AudioFormat format = source.getFormat();
            float rate = format.getSampleRate();
            if (format.getChannels() != 1 || (rate != 8000f && rate != 16000f)) {
                throw new BadAudioException(name + " is " + format.getChannels() + " channel(s) at " + rate
                        + " Hz: mono 8 or 16 kHz is needed");
            }
            AudioFormat linear = new AudioFormat(rate, 16, 1, true, false);
            byte[] bytes;
            try (AudioInputStream converted = AudioSystem.getAudioInputStream(linear, source)) {
                bytes = converted.readAllBytes();
            }
            return pcm(bytes, (int) rate, Resampler.downsampler16kTo8k());
        } catch (UnsupportedAudioFileException | IllegalArgumentException e) {
            throw new BadAudioException(name + " is not a WAV file we can play (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new BadAudioException("cannot read " + name + ": " + e.getMessage());
        }
    }
}
