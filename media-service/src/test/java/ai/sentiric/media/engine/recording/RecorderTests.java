package ai.sentiric.media.engine.recording;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecorderTests {

    @TempDir Path directory;

    @Test
    void monoSumsBothSidesOnOneTimelineIntoAStandardWavFile() throws Exception {
        Path target = directory.resolve("call.wav");
        Recorder recorder = new Recorder(target, false);
        // 2,000 ticks (40 s, several flushes of the write buffer); the caller talks in the even ones.
        for (int tick = 0; tick < 2_000; tick++) {
            recorder.write(tick % 2 == 0 ? frame(1000) : null, frame(tick % 100));
        }

        Recorder.Recording recording = recorder.finish();

        assertThat(recording.durationMillis()).isEqualTo(40_000);
        assertThat(recording.channels()).isEqualTo(1);
        assertThat(Files.exists(target.resolveSibling("call.wav.part"))).isFalse();
        short[] samples = read(target, 1);
        assertThat(samples).hasSize(2_000 * 160);
        assertThat(samples[0]).isEqualTo((short) 1000);
        assertThat(samples[160]).isEqualTo((short) 1);
        assertThat(samples[160 * 1_999 + 159]).isEqualTo((short) 99);
    }

    @Test
    void stereoKeepsTheCallerLeftAndThePlatformRight() throws Exception {
        Path target = directory.resolve("stereo.wav");
        Recorder recorder = new Recorder(target, true);
        recorder.write(frame(-300), frame(700));
        recorder.write(frame(Short.MAX_VALUE), null);

        Recorder.Recording recording = recorder.finish();

        assertThat(recording.durationMillis()).isEqualTo(40);
        short[] samples = read(target, 2);
        assertThat(samples).hasSize(2 * 160 * 2);
        assertThat(samples[0]).isEqualTo((short) -300);
        assertThat(samples[1]).isEqualTo((short) 700);
        assertThat(samples[320]).isEqualTo(Short.MAX_VALUE);
        assertThat(samples[321]).isZero();
    }

    @Test
    void monoClipsInsteadOfWrappingAround() throws Exception {
        Path target = directory.resolve("loud.wav");
        Recorder recorder = new Recorder(target, false);
        recorder.write(frame(30_000), frame(30_000));
        recorder.finish();

        assertThat(read(target, 1)[0]).isEqualTo(Short.MAX_VALUE);
    }

    private static short[] frame(int value) {
        short[] frame = new short[160];
        Arrays.fill(frame, (short) value);
        return frame;
    }

    /** Reads the file with the JDK's own WAV reader, so the header is checked by a second implementation. */
    private static short[] read(Path file, int channels) throws Exception {
        try (AudioInputStream audio = AudioSystem.getAudioInputStream(new ByteArrayInputStream(Files.readAllBytes(file)))) {
            AudioFormat format = audio.getFormat();
            assertThat(format.getSampleRate()).isEqualTo(8000f);
            assertThat(format.getSampleSizeInBits()).isEqualTo(16);
            assertThat(format.getChannels()).isEqualTo(channels);
            assertThat(format.isBigEndian()).isFalse();
            byte[] bytes = audio.readAllBytes();
            assertThat(audio.getFrameLength() * 2 * channels).isEqualTo(bytes.length);
            short[] samples = new short[bytes.length / 2];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
            return samples;
        }
    }
}
