package ai.sentiric.media.engine.recording;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.jspecify.annotations.Nullable;

/**
 * Records a call as 8 kHz 16-bit WAV. The session's clock hands it the caller's frame and the
 * platform's frame of the same 20 ms tick, so both sides lie on one timeline by construction:
 * mono sums them (clipped), stereo puts the caller left and the platform right. Samples go to a
 * {@code .part} file behind a WAV header while the call lasts (memory stays flat however long the
 * call); when the recording stops the header gets its sizes and the file its name, so finishing
 * costs as little for an hour's call as for a minute's. A recording that fits in the write buffer
 * (64 KiB: 2 s in stereo, 4 s in mono) reaches the file in one write, header and all.
 *
 * <p>Its write buffer comes from, and goes back to, the store's {@link WriteBuffers}.
 *
 * <p>Not thread-safe: written by the session's clock, stopped under the session's lock.
 */
public final class Recorder {

    /** What a finished recording left behind. */
    public record Recording(Path file, long durationMillis, int channels) {
    }

    /** The canonical 44-byte header of a PCM WAV file. */
    private static final int HEADER_BYTES = 44;
    private static final int SAMPLE_RATE = 8000;

    private final Path target;
    private final Path raw;
    private final boolean stereo;
    private final FileChannel file;
    private final WriteBuffers buffers;
    private final ByteBuffer buffer;
    private long frames;
    /** Whether the buffer went to the file yet (and with it the header, whose sizes are then written in place). */
    private boolean flushed;

    /** Records into {@code target}, whose directory must exist (see {@link RecordingStore}). */
    public Recorder(Path target, boolean stereo) {
        this(target, stereo, new WriteBuffers(1));
    }

    Recorder(Path target, boolean stereo, WriteBuffers buffers) {
        this.target = target;
        this.raw = target.resolveSibling(target.getFileName() + ".part");
        this.stereo = stereo;
        try {
            this.file = FileChannel.open(raw, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record to " + target, e);
        }
        this.buffers = buffers;
        // The header goes out with the first samples, its sizes filled in when the recording ends.
        this.buffer = buffers.take().put(header(0));
    }

    /** One tick: the caller's and the platform's 160 samples (null where a side was silent). */
    public void write(short @Nullable [] caller, short @Nullable [] platform) throws IOException {
        if (buffer.remaining() < 160 * 2 * channels()) {
            flush();
        }
        for (int i = 0; i < 160; i++) {
            int left = caller == null ? 0 : caller[i];
            int right = platform == null ? 0 : platform[i];
            if (stereo) {
                buffer.putShort((short) left).putShort((short) right);
            } else {
                buffer.putShort((short) Math.clamp(left + right, Short.MIN_VALUE, Short.MAX_VALUE));
            }
        }
        frames += 160;
    }

    /** Writes what is buffered, completes the header and gives the file its name. */
    public Recording finish() throws IOException {
        long dataBytes = frames * 2 * channels();
        try (file) {
            if (flushed) {
                flush();
                file.write(header(dataBytes), 0);
            } else {
                // All of it, header first, is still in the buffer: one write.
                buffer.putInt(4, (int) (36 + dataBytes)).putInt(HEADER_BYTES - 4, (int) dataBytes);
                flush();
            }
        } catch (IOException e) {
            Files.deleteIfExists(raw);
            throw e;
        } finally {
            buffers.give(buffer);
        }
        Files.move(raw, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new Recording(target, frames * 1000 / SAMPLE_RATE, channels());
    }

    /**
     * Gives up after a failed write (a full disk, say): the file is closed as far as it got, its
     * {@code .part} name saying it is incomplete, and the buffer goes back.
     */
    public void abandon() {
        try {
            file.close();
        } catch (IOException ignored) {
            // closing is all that is left to do
        } finally {
            buffers.give(buffer);
        }
    }

    private int channels() {
        return stereo ? 2 : 1;
    }

    private void flush() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            file.write(buffer);
        }
        buffer.clear();
        flushed = true;
    }

    /** RIFF/WAVE header of 16-bit little-endian PCM at 8 kHz with {@code dataBytes} of samples. */
    private ByteBuffer header(long dataBytes) {
        int channels = channels();
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes(US_ASCII)).putInt((int) (36 + dataBytes))
                .put("WAVE".getBytes(US_ASCII))
                .put("fmt ".getBytes(US_ASCII)).putInt(16)
                .putShort((short) 1).putShort((short) channels).putInt(SAMPLE_RATE).putInt(SAMPLE_RATE * 2 * channels)
                .putShort((short) (2 * channels)).putShort((short) 16)
                .put("data".getBytes(US_ASCII)).putInt((int) dataBytes);
        return header.flip();
    }
}
