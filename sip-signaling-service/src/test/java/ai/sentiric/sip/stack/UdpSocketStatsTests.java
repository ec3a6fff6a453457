package ai.sentiric.sip.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UdpSocketStatsTests {

    @Test
    void seesTheBytesWaitingAndTheDatagramsDroppedOnAFullReceiveBuffer() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/net/udp")), "a Linux kernel's /proc/net/udp");
        try (DatagramSocket unread = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             DatagramSocket sender = new DatagramSocket()) {
            unread.setReceiveBufferSize(4096);
            UdpSocketStats stats = UdpSocketStats.of(unread.getLocalPort());
            assertThat(stats.read()).isEqualTo(new UdpSocketStats.Snapshot(0, 0));

            byte[] datagram = new byte[500];
            for (int i = 0; i < 200; i++) {
                sender.send(new DatagramPacket(datagram, datagram.length, unread.getLocalSocketAddress()));
            }
            UdpSocketStats.Snapshot full = stats.read();
            assertThat(full.queuedBytes()).isPositive();
            assertThat(full.dropped()).isPositive();

            // Reading drains the queue; the drops stay counted.
            unread.setSoTimeout(100);
            try {
                while (true) {
                    unread.receive(new DatagramPacket(new byte[600], 600));
                }
            } catch (java.net.SocketTimeoutException drained) {
                // nothing left
            }
            assertThat(stats.read().queuedBytes()).isZero();
            assertThat(stats.read().dropped()).isEqualTo(full.dropped());
        }
    }

    @Test
    void addsUpTheSocketsOfItsPortAcrossBothTablesAndIgnoresTheOthers(@TempDir Path dir) throws Exception {
        String header = "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n";
        Path udp = Files.writeString(dir.resolve("udp"), header
                + " 1021: 0100007F:13C4 00000000:0000 07 00000000:00000A00 00:00000000 00000000     0        0 4711 2 0000000000000000 7\n"
                + " 1022: 0100007F:13C5 00000000:0000 07 00000000:00000100 00:00000000 00000000     0        0 4712 2 0000000000000000 99\n");
        Path udp6 = Files.writeString(dir.resolve("udp6"), header
                + "  101: 00000000000000000000000000000000:13C4 00000000000000000000000000000000:0000 07 00000000:00000010 00:00000000 00000000     0        0 4713 2 0000000000000000 3\n");
        // 0x13C4 = 5060; the socket on 5061 is another's.
        assertThat(new UdpSocketStats(5060, List.of(udp, udp6, dir.resolve("absent")), System::nanoTime).read())
                .isEqualTo(new UdpSocketStats.Snapshot(10, 0xA00 + 0x10));
    }

    @Test
    void theMetricsOfOneScrapeShareAReadingOfUnderASecond(@TempDir Path dir) throws Exception {
        String header = "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n";
        Path udp = Files.writeString(dir.resolve("udp"), header
                + " 1021: 0100007F:13C4 00000000:0000 07 00000000:00000A00 00:00000000 00000000     0        0 4711 2 0000000000000000 7\n");
        AtomicLong clock = new AtomicLong();
        UdpSocketStats stats = new UdpSocketStats(5060, List.of(udp), clock::get);
        assertThat(stats.recent()).isEqualTo(new UdpSocketStats.Snapshot(7, 0xA00));

        Files.writeString(udp, header
                + " 1021: 0100007F:13C4 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 4711 2 0000000000000000 9\n");
        clock.set(999_999_999L);
        assertThat(stats.recent()).as("the same scrape").isEqualTo(new UdpSocketStats.Snapshot(7, 0xA00));
        clock.set(1_000_000_000L);
        assertThat(stats.recent()).as("the next scrape").isEqualTo(new UdpSocketStats.Snapshot(9, 0));
    }
}
