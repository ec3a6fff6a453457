package ai.sentiric.media.engine.recording;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where recordings go: {@code <root>/<tenant>/<yyyy>/<MM>/<dd>/<call id>.wav}, by the day (UTC)
 * the recording started. One directory a day keeps directories small (a busy tenant records tens
 * of thousands of calls a day, and one flat directory of millions of files is slow to list and to
 * clean up) and lets retention delete whole days.
 *
 * <p>Each day's directory is created once: {@link Files#createDirectories} on a directory that
 * exists costs a failed {@code mkdir} and an exception, and it ran for every recorded call. A
 * directory removed while the service runs (retention cleaning up) is created again on the next
 * recording into it.
 *
 * <p>Recorders reuse write buffers through the store: up to {@value #IDLE_BUFFERS} are kept idle.
 */
public final class RecordingStore {

    private static final int IDLE_BUFFERS = 256;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd");

    private final Path root;
    private final Clock clock;
    private final Set<Path> created = ConcurrentHashMap.newKeySet();
    private final WriteBuffers buffers = new WriteBuffers(IDLE_BUFFERS);

    public RecordingStore(Path root, Clock clock) {
        this.root = root;
        this.clock = clock;
    }

    /** Starts recording a call into its day's directory. */
    public Recorder open(String tenantId, String callId, boolean stereo) {
        Path directory = root.resolve(tenantId).resolve(DAY.format(LocalDate.now(clock)));
        Path target = directory.resolve(callId + ".wav");
        try {
            if (!created.contains(directory)) {
                create(directory);
            }
            try {
                return new Recorder(target, stereo, buffers);
            } catch (UncheckedIOException e) {
                if (!(e.getCause() instanceof NoSuchFileException)) {
                    throw e;
                }
                create(directory);
                return new Recorder(target, stereo, buffers);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record to " + target, e);
        }
    }

    /** Write buffers waiting for the next recording. */
    int idleBuffers() {
        return buffers.idle();
    }

    private void create(Path directory) throws IOException {
        Files.createDirectories(directory);
        created.add(directory);
    }
}
