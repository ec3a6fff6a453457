package ai.sentiric.media.engine.recording;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * Records a call as 8 kHz 16-bit WAV. The session's clock hands it the caller's frame and the
 * platform's frame of the same 20 ms tick, so both sides lie on one timeline by construction:
 * mono sums them (clipped), stereo puts the caller left and the platform right. Samples go to a
 * raw file while the call lasts (memory stays flat however long the call) and become a WAV file
 * when the recording stops.
 *
 * <p>Not thread-safe: written by the session's clock, stopped under the session's lock.
 */
public final class Recorder {

    /** What a finished recording left behind. */
    public record Recording(Path file, long durationMillis, int channels) {
    }

    private final Path target;
    private final Path raw;
    private final boolean stereo;
    private final OutputStream out;
    private final byte[] buffer;
    private long frames;

    public Recorder(Path target, boolean stereo) {
        this.target = target;
        this.raw = target.resolveSibling(target.getFileName() + ".part");
        this.stereo = stereo;
        this.buffer = new byte[160 * 2 * (stereo ? 2 : 1)];
        try {
            Files.createDirectories(target.getParent());
            this.out = new BufferedOutputStream(Files.newOutputStream(raw), 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record to " + target, e);
        }
    }

    /** One tick: the caller's and the platform's 160 samples (null where a side was silent). */
    public void write(short @org.jspecify.annotations.Nullable [] caller, short @org.jspecify.annotations.Nullable [] platform) throws IOException {
        int position = 0;
        for (int i = 0; i < 160; i++) {
            int left = caller == null ? 0 : caller[i];
            int right = platform == null ? 0 : platform[i];
            if (stereo) {
                position = put(position, left);
                position = put(position, right);
            } else {
                position = put(position, Math.clamp(left + right, Short.MIN_VALUE, Short.MAX_VALUE));
            }
        }
        out.write(buffer, 0, position);
        frames += 160;
    }

    /** Closes the raw file and writes the WAV file. */
    public Recording finish() throws IOException {
        out.close();
        int channels = stereo ? 2 : 1;
        AudioFormat format = new AudioFormat(8000f, 16, channels, true, false);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(raw));
             AudioInputStream audio = new AudioInputStream(in, format, frames)) {
            AudioSystem.write(audio, AudioFileFormat.Type.WAVE, target.toFile());
        } finally {
            Files.deleteIfExists(raw);
        }
        return new Recording(target, frames / 8, channels);
    }

    private int put(int position, int sample) {
        buffer[position] = (byte) sample;
        buffer[position + 1] = (byte) (sample >> 8);
        return position + 2;
    }
}
