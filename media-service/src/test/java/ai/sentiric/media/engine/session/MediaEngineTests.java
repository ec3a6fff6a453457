package ai.sentiric.media.engine.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.sentiric.media.engine.recording.Recorder;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaEngineTests {

    @TempDir Path recordings;
    final List<SessionReport> reports = new CopyOnWriteArrayList<>();
    MediaEngine engine;

    MediaEngine engine(int min, int max) {
        engine = new MediaEngine(new EngineSettings(InetAddress.getLoopbackAddress(), min, max, Duration.ofMinutes(1),
                Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofSeconds(2), 3, recordings, 0), new EngineListener() {
            @Override public void sessionEnded(SessionReport report) { reports.add(report); }
            @Override public void recordingFinished(String callId, String tenantId, Recorder.Recording recording) { }
            @Override public void paced(long deviationNanos) { }
            @Override public void dropped(DropReason reason) { }
        });
        return engine;
    }

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    static SessionSpec call(String id) {
        return new SessionSpec(id, "t", null, false, 101, false);
    }

    @Test
    void aFullPoolRefusesAndReleasedPortsRestBeforeReuse() throws Exception {
        var engine = engine(43000, 43003);
        int first = engine.allocate(call("a")).port();
        int second = engine.allocate(call("b")).port();
        assertThat(first % 2).isZero();
        assertThat(second % 2).isZero();
        assertThatThrownBy(() -> engine.allocate(call("c"))).isInstanceOf(MediaEngine.NoPortException.class);

        assertThat(engine.release("a")).hasValueSatisfying(report -> assertThat(report.reason()).isEqualTo(EndReason.RELEASED));
        assertThat(engine.release("a")).as("a second release is harmless").isEmpty();
        assertThatThrownBy(() -> engine.allocate(call("c"))).as("port a is in quarantine")
                .isInstanceOf(MediaEngine.NoPortException.class);
        assertThat(reports).hasSize(1);
    }

    @Test
    void aPortTakenByAnotherProgramIsSkipped() throws Exception {
        var engine = engine(43010, 43013);
        try (var squatter = new DatagramSocket(43010, InetAddress.getLoopbackAddress())) {
            assertThat(engine.allocate(call("a")).port()).isEqualTo(43012);
        }
    }

    @Test
    void closingTheEngineReportsEverySession() throws Exception {
        var engine = engine(43020, 43030);
        engine.allocate(call("a"));
        engine.allocate(call("b"));
        engine.close();
        assertThat(reports).extracting(SessionReport::reason).containsOnly(EndReason.SHUTDOWN).hasSize(2);
    }

    @Test
    void framesFallOnTheSlotGrid() {
        long slot = PacingClock.SLOT_NANOS;
        assertThat(PacingClock.onSlot(7 * slot)).isEqualTo(7 * slot);
        assertThat(PacingClock.onSlot(7 * slot + 1)).isEqualTo(8 * slot);
        assertThat(PacingClock.onSlot(-7 * slot - 1)).as("nanoTime may be negative").isEqualTo(-7 * slot);
        assertThat(Session.FRAME_NANOS % slot).as("frames stay on the grid").isZero();
    }

    @Test
    void aNewSessionWakesAnIdleClockAtOnce() throws Exception {
        var engine = engine(43040, 43050);
        try (var phone = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            phone.setSoTimeout(2_000);
            // The clocks started idle and sleep up to IDLE_PARK_NANOS (1 s): the session must wake one.
            long added = System.nanoTime();
            engine.allocate(new SessionSpec("a", "t", new InetSocketAddress(InetAddress.getLoopbackAddress(), phone.getLocalPort()),
                    false, 101, false));
            phone.receive(new DatagramPacket(new byte[512], 512));
            assertThat(Duration.ofNanos(System.nanoTime() - added)).isLessThan(Duration.ofMillis(500));
        }
    }

    @Test
    void newSessionsDoNotWakeAClockThatWakesBeforeTheirFirstFrame() throws Exception {
        var engine = engine(43100, 43300);
        try (var phone = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            phone.setSoTimeout(2_000);
            var address = new InetSocketAddress(InetAddress.getLoopbackAddress(), phone.getLocalPort());
            // A session on every clock (they are chosen by port), so that none is idle.
            for (int i = 0; i < engine.clockCount(); i++) {
                engine.allocate(new SessionSpec("busy-" + i, "t", address, false, 101, false));
            }
            for (int i = 0; i < 10 * engine.clockCount(); i++) {
                phone.receive(new DatagramPacket(new byte[512], 512));
            }
            long before = engine.clockWakeUps();
            // Each clock now wakes every 20 ms at most; a new session's first frame is 20 ms away.
            for (int i = 0; i < 40; i++) {
                engine.allocate(new SessionSpec("new-" + i, "t", address, false, 101, false));
            }
            assertThat(engine.clockWakeUps() - before).as("clocks woken for 40 new sessions").isLessThan(4);
            // And they all send: the 40 new sessions and the busy ones, for 300 ms.
            long deadline = System.nanoTime() + Duration.ofMillis(300).toNanos();
            int received = 0;
            while (System.nanoTime() < deadline) {
                phone.receive(new DatagramPacket(new byte[512], 512));
                received++;
            }
            assertThat(received).isGreaterThan(40 * 5);
        }
    }
}
