package ai.sentiric.media.engine.playback;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jspecify.annotations.Nullable;

/**
 * One item of a session's playback queue: 8 kHz linear audio, either a whole clip or a stream
 * that grows while text-to-speech still synthesises (speech starts before synthesis ends). A
 * stream that runs dry before it is closed plays silence and waits; it is done when it is closed
 * and played out. {@link #result()} completes when it finished or was interrupted.
 *
 * <p>Thread-safety: {@link #append} and {@link #close} from any thread; {@link #read} only by the
 * session's clock.
 */
public final class Playback {

    private final ConcurrentLinkedQueue<short[]> chunks = new ConcurrentLinkedQueue<>();
    private final CompletableFuture<PlaybackResult> result = new CompletableFuture<>();
    private volatile boolean closed;
    /** Owned by the clock thread. */
    private short @Nullable [] current;
    private int position;
    private long playedSamples;

    /** A clip known in full. */
    public static Playback of(short[] samples) {
        Playback playback = new Playback();
        playback.append(samples);
        playback.close();
        return playback;
    }

    /** A stream to be fed with {@link #append} and ended with {@link #close}. */
    public static Playback stream() {
        return new Playback();
    }

    public void append(short[] samples) {
        if (samples.length > 0) {
            chunks.add(samples);
        }
    }

    /** No more audio will be appended. */
    public void close() {
        closed = true;
    }

    public CompletableFuture<PlaybackResult> result() {
        return result;
    }

    /**
     * Fills {@code frame} with the next samples (silence where the stream has not caught up);
     * returns false, leaving the frame untouched, when the playback is done.
     */
    public boolean read(short[] frame) {
        int filled = 0;
        while (filled < frame.length) {
            if (current == null || position == current.length) {
                current = chunks.poll();
                position = 0;
                if (current == null) {
                    break;
                }
            }
            int n = Math.min(frame.length - filled, current.length - position);
            System.arraycopy(current, position, frame, filled, n);
            position += n;
            filled += n;
        }
        if (filled == 0 && closed && chunks.isEmpty()) {
            result.complete(new PlaybackResult(true, playedSamples / 8));
            return false;
        }
        Arrays.fill(frame, filled, frame.length, (short) 0);
        playedSamples += filled;
        return true;
    }

    /** Milliseconds of audio still queued in this item. */
    public long remainingMillis() {
        long samples = current == null ? 0 : current.length - position;
        for (short[] chunk : chunks) {
            samples += chunk.length;
        }
        return samples / 8;
    }

    /** Ends the playback unplayed (barge-in, end of call). */
    public void interrupt() {
        closed = true;
        result.complete(new PlaybackResult(false, playedSamples / 8));
    }
}
