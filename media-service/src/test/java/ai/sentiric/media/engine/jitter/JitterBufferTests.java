package ai.sentiric.media.engine.jitter;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sentiric.media.engine.rtp.RtpPacket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JitterBufferTests {

    static RtpPacket packet(int sequence) {
        return new RtpPacket(false, 0, sequence & 0xFFFF, sequence * 160L, 1, new byte[172], 12, 160);
    }

    static List<String> drain(JitterBuffer buffer) {
        List<String> out = new ArrayList<>();
        for (var slot = buffer.poll(); slot.isPresent(); slot = buffer.poll()) {
            out.add(switch (slot.get()) {
                case JitterBuffer.Slot.Packet p -> String.valueOf(p.packet().sequence());
                case JitterBuffer.Slot.Lost l -> "lost " + l.sequence();
            });
        }
        return out;
    }

    @Test
    void putsReorderedPacketsBackInSequence() {
        JitterBuffer buffer = new JitterBuffer(3);
        List<String> played = new ArrayList<>();
        for (int sequence : new int[] {10, 12, 11, 13, 15, 14}) {
            buffer.offer(packet(sequence));
            played.addAll(drain(buffer));
        }
        assertThat(played).containsExactly("10", "11", "12", "13", "14", "15");
    }

    @Test
    void declaresALostPacketOnceTheBufferIsFullAndNeverStalls() {
        JitterBuffer buffer = new JitterBuffer(3);
        List<String> played = new ArrayList<>();
        for (int sequence : new int[] {1, 3, 4, 5, 6}) {
            buffer.offer(packet(sequence));
            played.addAll(drain(buffer));
        }
        assertThat(played).containsExactly("1", "lost 2", "3", "4", "5", "6");
        assertThat(buffer.lost()).isEqualTo(1);
    }

    @Test
    void dropsDuplicatesAndLatePacketsAndCrossesTheSequenceWrap() {
        // 1 arrives twice while 0 is awaited (a duplicate); 65534 comes again after it was played (late).
        JitterBuffer buffer = new JitterBuffer(2);
        List<String> played = new ArrayList<>();
        for (int sequence : new int[] {65534, 65535, 1, 1, 0, 65534}) {
            buffer.offer(packet(sequence));
            played.addAll(drain(buffer));
        }
        assertThat(played).containsExactly("65534", "65535", "0", "1");
        assertThat(buffer.duplicates()).isEqualTo(1);
        assertThat(buffer.late()).isEqualTo(1);
    }

    @Test
    void receiverStatisticsFollowRfc3550() {
        ReceiverStatistics steady = new ReceiverStatistics(8000);
        for (int i = 0; i < 50; i++) {
            steady.received(i, i * 160L, i * 20_000_000L);
        }
        assertThat(steady.lost()).isZero();
        assertThat(steady.jitterMillis()).isLessThan(0.01);

        ReceiverStatistics bumpy = new ReceiverStatistics(8000);
        for (int i = 0; i < 200; i++) {
            if (i % 10 == 5) {
                continue;
            }
            long wobble = (i % 2 == 0 ? 0 : 10_000_000L);
            bumpy.received((65500 + i) & 0xFFFF, i * 160L, i * 20_000_000L + wobble);
        }
        assertThat(bumpy.expected()).isEqualTo(200);
        assertThat(bumpy.lost()).isEqualTo(20);
        assertThat(bumpy.jitterMillis()).isBetween(8.0, 10.5);
    }
}
