package ai.sentiric.media.engine.recording;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingStoreTests {

    @TempDir Path root;

    private RecordingStore store;

    @BeforeEach
    void store() {
        store = new RecordingStore(root, Clock.fixed(Instant.parse("2026-03-07T23:59:00Z"), ZoneOffset.UTC));
    }

    @Test
    void aRecordingGoesToItsTenantsDirectoryOfTheDay() throws Exception {
        Recorder.Recording recording = store.open("acme", "call-1", false).finish();

        assertThat(recording.file()).isEqualTo(root.resolve("acme/2026/03/07/call-1.wav"));
        assertThat(recording.file()).exists();
    }

    @Test
    void aDayDirectoryRemovedWhileRunningIsCreatedAgain() throws Exception {
        store.open("acme", "call-1", false).finish();
        try (Stream<Path> files = Files.walk(root.resolve("acme"))) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }

        Recorder.Recording recording = store.open("acme", "call-2", true).finish();

        assertThat(recording.file()).isEqualTo(root.resolve("acme/2026/03/07/call-2.wav")).exists();
    }

    @Test
    void aFinishedRecordingsBufferIsReusedAndItsBytesDoNotLeakIntoTheNextCall() throws Exception {
        Recorder first = store.open("acme", "call-1", false);
        short[] loud = new short[160];
        Arrays.fill(loud, (short) 12_345);
        for (int tick = 0; tick < 200; tick++) {
            first.write(loud, null);
        }
        first.finish();
        assertThat(store.idleBuffers()).isOne();

        Recorder second = store.open("acme", "call-2", false);
        assertThat(store.idleBuffers()).isZero();
        second.write(null, null);
        Recorder.Recording quiet = second.finish();

        // The WAV header and one silent frame: nothing of the first call's samples.
        byte[] bytes = Files.readAllBytes(quiet.file());
        assertThat(bytes).hasSize(44 + 320);
        assertThat(Arrays.copyOfRange(bytes, 44, bytes.length)).containsOnly(0);
        assertThat(store.idleBuffers()).isOne();
    }

    @Test
    void anAbandonedRecordingKeepsItsPartFileAndGivesItsBufferBack() throws Exception {
        Recorder recorder = store.open("acme", "call-1", true);
        recorder.write(null, null);

        recorder.abandon();

        assertThat(store.idleBuffers()).isOne();
        assertThat(root.resolve("acme/2026/03/07/call-1.wav.part")).exists();
        assertThat(root.resolve("acme/2026/03/07/call-1.wav")).doesNotExist();
    }
}
