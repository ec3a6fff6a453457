package ai.sentiric.sip.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the kernel says of the UDP sockets bound to a port ({@code /proc/net/udp} and {@code udp6}
 * on Linux): the datagrams it dropped because the receive buffer was full, and the bytes waiting
 * in it. A SIP receive thread that falls behind loses datagrams silently, an ACK or a BYE among
 * them; these two numbers are how an operator sees it. Both are 0 where the tables do not exist.
 */
public final class UdpSocketStats {

    private static final List<Path> LINUX = List.of(Path.of("/proc/net/udp"), Path.of("/proc/net/udp6"));

    private final int port;
    private final List<Path> tables;

    UdpSocketStats(int port, List<Path> tables) {
        this.port = port;
        this.tables = tables;
    }

    /** The sockets bound to this local port, as this machine's kernel reports them. */
    public static UdpSocketStats of(int port) {
        return new UdpSocketStats(port, LINUX);
    }

    /** A snapshot: datagrams dropped since each socket was opened, and bytes queued now. */
    public record Snapshot(long dropped, long queuedBytes) {
    }

    public Snapshot read() {
        long dropped = 0;
        long queued = 0;
        for (Path table : tables) {
            if (!Files.isReadable(table)) {
                continue;
            }
            List<String> lines;
            try {
                lines = Files.readAllLines(table);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            // "sl local_address rem_address st tx_queue:rx_queue tr:when retrnsmt uid timeout inode ref pointer drops"
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length < 13 || Integer.parseInt(fields[1].substring(fields[1].lastIndexOf(':') + 1), 16) != port) {
                    continue;
                }
                queued += Long.parseLong(fields[4].substring(fields[4].indexOf(':') + 1), 16);
                dropped += Long.parseLong(fields[fields.length - 1]);
            }
        }
        return new Snapshot(dropped, queued);
    }
}
