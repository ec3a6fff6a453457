package ai.sentiric.bench;

import ai.sentiric.proto.media.v1.AllocatePortRequest;
import ai.sentiric.proto.media.v1.Codec;
import ai.sentiric.proto.media.v1.MediaServiceGrpc;
import ai.sentiric.proto.media.v1.ReleasePortRequest;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Concurrent bidirectional G.711 sessions against a running media-service. For each session
 * count: allocate that many sessions over gRPC, send each 50 PCMU packets/s from this process
 * (paced on one clock), receive the 50 packets/s each session sends back, and report
 * <ul>
 *   <li>pacing: per packet, the deviation of its arrival (the kernel's timestamp when it reached
 *       this process's socket, see {@link TimestampingSocket}) from its session's 20 ms grid
 *       (anchored on the session's earliest packet), p50/p99/max over all packets;</li>
 *   <li>loss: packets missing from each session's outbound sequence, and of those, how many the
 *       kernel dropped at this process's own socket (the peer's loss, not the service's);</li>
 *   <li>the media process's CPU (cores busy, from /proc) and resident memory per session;</li>
 * </ul>
 * then the AllocatePort + ReleasePort rate (32 pairs in flight, three rounds of 4,000 pairs). A
 * warm-up (10,000 allocations, then 250 sessions for 10 s) comes first and is not reported.
 *
 * <p>Usage: {@code MediaSessionsBench grpcHost:port mediaPid seconds count...}
 */
public final class MediaSessionsBench {

    private static final long FRAME = 20_000_000L;
    private static final ValueLayout.OfShort BIG_ENDIAN_SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt BIG_ENDIAN_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    public static void main(String[] args) throws Exception {
        String[] target = args[0].split(":");
        long pid = Long.parseLong(args[1]);
        int seconds = Integer.parseInt(args[2]);
        ManagedChannel channel = ManagedChannelBuilder.forAddress(target[0], Integer.parseInt(target[1])).usePlaintext().build();
        var media = MediaServiceGrpc.newBlockingStub(channel);
        // Warm-up, not reported: the service's hot paths compiled before anything is measured.
        // Allocations first: the media.quality events of their releases keep the broker and the
        // event consumers busy for seconds, which the session warm-up then absorbs.
        allocationRate(channel, pid, 10_000, false);
        run(media, pid, 10, 250, false);
        System.out.printf("%-9s %-10s %-10s %-10s %-10s %-10s %-12s %-10s %-10s%n", "sessions", "cores", "MB/session",
                "p50 ms", "p99 ms", "max ms", "received", "lost", "peer drops");
        for (int i = 3; i < args.length; i++) {
            run(media, pid, seconds, Integer.parseInt(args[i]), true);
        }
        // Rounds the size of the port range: released ports rest 2 s (quarantine), so a longer burst
        // beyond 2,500/s would measure the pool running dry, not the service.
        List<Double> rates = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            Thread.sleep(2_500);
            rates.add(allocationRate(channel, pid, 4_000, true));
        }
        rates.sort(null);
        System.out.printf("AllocatePort + ReleasePort, median of 3 rounds: %.0f pairs/s%n", rates.get(1));
        channel.shutdownNow();
    }

    private static void run(MediaServiceGrpc.MediaServiceBlockingStub media, long pid, int seconds, int count, boolean report)
            throws Exception {
        long rssBefore = rssKb(pid);
        TimestampingSocket socket = new TimestampingSocket(64 << 20, 2048, 100);
        int localPort = socket.port();
        // Receiver: per SSRC (one per session), kernel arrival times, sequence numbers and RTP timestamps.
        Map<Long, long[]> arrivals = new HashMap<>();
        Map<Long, int[]> sequences = new HashMap<>();
        Map<Long, int[]> timestamps = new HashMap<>();
        Map<Long, Integer> counts = new HashMap<>();
        // Room for the run and the time its sessions send while the others are still being allocated.
        int capacity = (seconds + 30) * 50;
        STOP.set(false);
        Thread receiver = Thread.ofPlatform().name("peer-receive").start(() -> {
            MemorySegment datagram = socket.datagram();
            try {
                while (!STOP.get()) {
                    if (socket.receive() < 12) {
                        continue;
                    }
                    long ssrc = datagram.get(BIG_ENDIAN_INT, 8) & 0xFFFFFFFFL;
                    int index = counts.getOrDefault(ssrc, 0);
                    if (index < capacity) {
                        arrivals.computeIfAbsent(ssrc, key -> new long[capacity])[index] = socket.arrivalNanos();
                        sequences.computeIfAbsent(ssrc, key -> new int[capacity])[index] = datagram.get(BIG_ENDIAN_SHORT, 2) & 0xFFFF;
                        timestamps.computeIfAbsent(ssrc, key -> new int[capacity])[index] = datagram.get(BIG_ENDIAN_INT, 4);
                        counts.put(ssrc, index + 1);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });

        // Allocated after the receiver started: each session sends from its allocation on.
        List<String> calls = new ArrayList<>();
        MemorySegment[] ports = new MemorySegment[count];
        for (int s = 0; s < count; s++) {
            String callId = "bench-" + UUID.randomUUID();
            int port = media.allocatePort(AllocatePortRequest.newBuilder().setCallId(callId).setTenantId("bench")
                    .setCodec(Codec.CODEC_PCMU).setRemoteRtpAddr("127.0.0.1:" + localPort).build()).getRtpPort();
            calls.add(callId);
            ports[s] = socket.loopback(port);
        }
        long rssAllocated = rssKb(pid);

        // Sender: every session gets a 20 ms PCMU packet on one shared clock, spread over the frame.
        // The sender wakes once a millisecond and sends what fell due (about count / 20 packets), so
        // the load generator sleeps between bursts instead of spinning a core the service needs.
        MemorySegment packet = Arena.ofAuto().allocate(172);
        packet.fill((byte) 0xFF);
        packet.set(ValueLayout.JAVA_BYTE, 0, (byte) 0x80);
        packet.set(ValueLayout.JAVA_BYTE, 1, (byte) 0);
        long cpuBefore = cpuTicks(pid);
        long start = System.nanoTime();
        long total = (long) seconds * 50 * count;
        for (long next = 0; next < total; ) {
            long now = System.nanoTime();
            for (; next < total; next++) {
                int frame = (int) (next / count);
                int s = (int) (next % count);
                long due = start + frame * FRAME + (FRAME * s / count);
                if (due > now) {
                    break;
                }
                packet.set(BIG_ENDIAN_SHORT, 2, (short) frame);
                packet.set(BIG_ENDIAN_INT, 4, frame * 160);
                packet.set(BIG_ENDIAN_INT, 8, s);
                socket.send(packet, 172, ports[s]);
            }
            LockSupport.parkNanos(1_000_000L);
        }
        long elapsed = System.nanoTime() - start;
        long cpuAfter = cpuTicks(pid);
        Thread.sleep(200);
        long peerDrops = socketDrops(localPort);
        STOP.set(true);
        receiver.join();
        socket.close();
        for (String callId : calls) {
            media.releasePort(ReleasePortRequest.newBuilder().setCallId(callId).build());
        }

        // Pacing: skip each session's first second (latching, warm-up), anchor its grid on the
        // earliest arrival after that; deviation = arrival - the grid slot of its RTP timestamp (the
        // media clock the packet claims: 160 samples a 20 ms frame). Loss: gaps in the sequence.
        List<Double> deviations = new ArrayList<>();
        long received = 0;
        long lost = 0;
        for (var entry : arrivals.entrySet()) {
            int n = counts.get(entry.getKey());
            long[] times = entry.getValue();
            int[] seqs = sequences.get(entry.getKey());
            int[] stamps = timestamps.get(entry.getKey());
            received += n;
            if (n < 100) {
                continue;
            }
            lost += Math.max(0, (((seqs[n - 1] - seqs[50]) & 0xFFFF) + 1) - (n - 50));
            long anchor = Long.MAX_VALUE;
            for (int k = 50; k < n; k++) {
                anchor = Math.min(anchor, times[k] - slot(stamps[k], stamps[50]));
            }
            for (int k = 50; k < n; k++) {
                deviations.add((times[k] - (anchor + slot(stamps[k], stamps[50]))) / 1e6);
            }
        }
        deviations.sort(null);
        double cores = (cpuAfter - cpuBefore) / 100.0 / (elapsed / 1e9);
        if (report) {
            System.out.printf("%-9d %-10.2f %-10.3f %-10.2f %-10.2f %-10.2f %-12d %-10d %-10d%n", count, cores,
                    (rssAllocated - rssBefore) / 1024.0 / count, percentile(deviations, 0.5), percentile(deviations, 0.99),
                    deviations.isEmpty() ? 0 : deviations.getLast(), received, lost, peerDrops);
        }
    }

    /** Tells the receiver thread to stop at the end of a run. */
    private static final AtomicBoolean STOP = new AtomicBoolean();

    /**
     * AllocatePort + ReleasePort pairs as fast as the service takes them: {@code WINDOW} pairs in
     * flight on the asynchronous stub (a caller per pair would measure this process's threads and
     * the round trip, not the service). Reports pairs/s, failed pairs and media's CPU per pair.
     */
    private static double allocationRate(ManagedChannel channel, long pid, int pairs, boolean report) throws Exception {
        var media = MediaServiceGrpc.newStub(channel);
        Semaphore window = new Semaphore(WINDOW);
        CountDownLatch done = new CountDownLatch(pairs);
        AtomicInteger failed = new AtomicInteger();
        long cpuBefore = cpuTicks(pid);
        long start = System.nanoTime();
        for (int i = 0; i < pairs; i++) {
            window.acquire();
            String callId = "alloc-" + UUID.randomUUID();
            Runnable finished = () -> {
                window.release();
                done.countDown();
            };
            media.allocatePort(AllocatePortRequest.newBuilder().setCallId(callId).setTenantId("bench").build(),
                    new Reply<>(failed, finished, () -> media.releasePort(ReleasePortRequest.newBuilder().setCallId(callId).build(),
                            new Reply<>(failed, finished, finished))));
        }
        done.await();
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (cpuTicks(pid) - cpuBefore) / 100.0;
        if (report) {
            System.out.printf("AllocatePort + ReleasePort: %d pairs (%d in flight) in %.2f s = %.0f pairs/s, %d failed; media CPU %.0f us per pair (%.2f cores)%n",
                    pairs, WINDOW, seconds, pairs / seconds, failed.get(), cpuSeconds * 1e6 / pairs, cpuSeconds / seconds);
        }
        return (pairs - failed.get()) / seconds;
    }

    private static final int WINDOW = 32;

    /** One unary reply: {@code then} on success, {@code otherwise} (after counting it) on failure. */
    private record Reply<T>(AtomicInteger failed, Runnable otherwise, Runnable then) implements StreamObserver<T> {
        @Override
        public void onNext(T value) {
        }

        @Override
        public void onError(Throwable t) {
            failed.incrementAndGet();
            otherwise.run();
        }

        @Override
        public void onCompleted() {
            then.run();
        }
    }

    /** Nanoseconds from the frame stamped {@code from} to the one stamped {@code stamp} (8 kHz, 32-bit wrap). */
    private static long slot(int stamp, int from) {
        return ((stamp - from) & 0xFFFFFFFFL) * FRAME / 160;
    }

    private static double percentile(List<Double> sorted, double p) {
        return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size())));
    }

    private static long cpuTicks(long pid) throws IOException {
        String[] fields = Files.readString(Path.of("/proc/" + pid + "/stat")).replaceAll(".*\\) ", "").split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /**
     * Datagrams the kernel dropped at this process's socket on {@code port} because its receive
     * buffer was full (the {@code drops} column of /proc/net/udp): loss that is the peer's, not the
     * service's.
     */
    private static long socketDrops(int port) throws IOException {
        String local = String.format(":%04X ", port);
        return Files.readAllLines(Path.of("/proc/net/udp")).stream().skip(1).map(String::trim)
                .filter(line -> line.split("\\s+")[1].endsWith(local.trim()))
                .mapToLong(line -> {
                    String[] fields = line.split("\\s+");
                    return Long.parseLong(fields[fields.length - 1]);
                }).sum();
    }

    private static long rssKb(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(0L);
    }
}
