package ai.sentiric.sip.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * What the kernel says of the UDP sockets bound to a port ({@code /proc/net/udp} and {@code udp6}
 * on Linux): the datagrams it dropped because the receive buffer was full, and the bytes waiting
 * in it. A SIP receive thread that falls behind loses datagrams silently, an ACK or a BYE among
 * them; these two numbers are how an operator sees it. Both are 0 where the tables do not exist.
 *
 * <p>The tables list every UDP socket of the machine (media's RTP sockets among them: thousands
 * under load), so the two metrics share one reading a scrape ({@link #recent}).
 */
public final class UdpSocketStats {

    private static final List<Path> LINUX = List.of(Path.of("/proc/net/udp"), Path.of("/proc/net/udp6"));

    /** Readings younger than this are shared: both metrics of one scrape come from one reading. */
    private static final long SHARED_NANOS = 1_000_000_000L;

    private final int port;
    private final List<Path> tables;
    private final LongSupplier nanoTime;
    private @Nullable Snapshot last;
    private long lastNanos;

    UdpSocketStats(int port, List<Path> tables, LongSupplier nanoTime) {
        this.port = port;
        this.tables = tables;
        this.nanoTime = nanoTime;
    }

    /** The sockets bound to this local port, as this machine's kernel reports them. */
    public static UdpSocketStats of(int port) {
        return new UdpSocketStats(port, LINUX, System::nanoTime);
    }

    /** The last reading if it is less than a second old, else a new one. */
    public synchronized Snapshot recent() {
        long now = nanoTime.getAsLong();
        if (last == null || now - lastNanos >= SHARED_NANOS) {
            last = read();
            lastNanos = now;
        }
        return last;
    }

    /** A snapshot: datagrams dropped since each socket was opened, and bytes queued now. */
    public record Snapshot(long dropped, long queuedBytes) {
    }

    Snapshot read() {
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
