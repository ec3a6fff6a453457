package ai.sentiric.media.engine.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class RtpPacketTests {

    @Test
    void readsWhatItWritesAcrossTheUnsignedRanges() throws Exception {
        byte[] payload = new byte[160];
        payload[0] = 0x55;
        byte[] out = new byte[200];
        int length = RtpPacket.write(true, 8, 65535, 0xFFFFFFF0L, 0xDEADBEEFL, payload, 0, 160, out);

        RtpPacket packet = RtpPacket.parse(out, length);
        assertThat(packet.marker()).isTrue();
        assertThat(packet.payloadType()).isEqualTo(8);
        assertThat(packet.sequence()).isEqualTo(65535);
        assertThat(packet.timestamp()).isEqualTo(0xFFFFFFF0L);
        assertThat(packet.ssrc()).isEqualTo(0xDEADBEEFL);
        assertThat(packet.payloadLength()).isEqualTo(160);
        assertThat(packet.payload()[0]).isEqualTo((byte) 0x55);
    }

    @Test
    void skipsCsrcsExtensionAndPadding() throws Exception {
        // V=2 P=1 X=1 CC=1, PT=0, seq 1, ts 160, ssrc 1, one CSRC, a one-word extension, 2 payload bytes, 2 bytes padding
        byte[] data = HexFormat.of().parseHex("b100000100000a0000000001" + "00000002" + "bede0001" + "01020304" + "abcd" + "0002");
        RtpPacket packet = RtpPacket.parse(data, data.length);
        assertThat(packet.payload()).containsExactly(0xAB, 0xCD);
    }

    @Test
    void refusesWhatIsNotRtp() {
        assertThatThrownBy(() -> RtpPacket.parse(new byte[11], 11)).isInstanceOf(RtpPacket.MalformedRtpException.class);
        byte[] stun = HexFormat.of().parseHex("000100002112a442000000000000000000000000");
        assertThatThrownBy(() -> RtpPacket.parse(stun, stun.length)).isInstanceOf(RtpPacket.MalformedRtpException.class);
        byte[] badPadding = HexFormat.of().parseHex("a0000001000000a000000001ff");
        assertThatThrownBy(() -> RtpPacket.parse(badPadding, badPadding.length)).isInstanceOf(RtpPacket.MalformedRtpException.class);
        byte[] shortExtension = HexFormat.of().parseHex("90000001000000a000000001bede");
        assertThatThrownBy(() -> RtpPacket.parse(shortExtension, shortExtension.length))
                .isInstanceOf(RtpPacket.MalformedRtpException.class);
    }

    @Test
    void sequenceDistanceWrapsAround() {
        assertThat(RtpPacket.sequenceDelta(65535, 0)).isEqualTo(1);
        assertThat(RtpPacket.sequenceDelta(0, 65535)).isEqualTo(-1);
        assertThat(RtpPacket.sequenceDelta(100, 110)).isEqualTo(10);
    }
}
