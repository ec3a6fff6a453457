package ai.sentiric.bench;

import ai.sentiric.proto.dialplan.v1.DialplanServiceGrpc;
import ai.sentiric.proto.dialplan.v1.ResolveDialplanRequest;
import ai.sentiric.proto.dialplan.v1.ResolveDialplanResponse;
import com.google.protobuf.Timestamp;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * ResolveDialplan under load, over real gRPC, against a running dialplan-service (and the
 * user-service behind it). Two phases, each after a warm-up:
 * <ol>
 *   <li>fixed rate: requests sent on a schedule at {@code rate}/s (open loop, so a slow server
 *       cannot slow the sender down and hide its latency); reports achieved rate and p50/p99/max
 *       measured from each request's scheduled send time;</li>
 *   <li>saturation: {@code concurrency} requests always in flight; reports the highest throughput.</li>
 * </ol>
 * The calls mix a known caller, guests (1,000 distinct numbers), a maintenance route and
 * off-hours times, as a carrier's traffic would.
 *
 * <p>Usage: {@code ResolveDialplanBench host:port seconds rate concurrency}
 */
public final class ResolveDialplanBench {

    private static final Instant OPEN = Instant.parse("2026-11-23T07:00:00Z");
    private static final Instant CLOSED = Instant.parse("2026-11-23T20:00:00Z");

    public static void main(String[] args) throws Exception {
        String target = args.length > 0 ? args[0] : "127.0.0.1:12021";
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 5000;
        int concurrency = args.length > 3 ? Integer.parseInt(args[3]) : 64;
        String[] hostPort = target.split(":");
        ManagedChannel channel = NettyChannelBuilder.forAddress(hostPort[0], Integer.parseInt(hostPort[1])).usePlaintext()
                // Callbacks only record a number: run them on the event loop rather than hand them to a pool.
                .directExecutor().build();
        var stub = DialplanServiceGrpc.newStub(channel);
        List<ResolveDialplanRequest> requests = requests();

        // Long enough for both JVMs' JIT compilers to finish with the hot paths on 2 cores.
        System.out.println("warm-up: 20 s saturation");
        saturate(stub, requests, concurrency, 20);
        LatencyRecorder fixed = fixedRate(stub, requests, rate, seconds);
        System.out.printf("fixed rate %d/s for %d s: achieved %.0f/s, p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms, errors %d%n",
                rate, seconds, fixed.count() / (double) seconds, fixed.percentileMillis(50), fixed.percentileMillis(90),
                fixed.percentileMillis(99), fixed.percentileMillis(99.9), fixed.percentileMillis(100), fixed.errors());
        long started = System.nanoTime();
        LatencyRecorder saturated = saturate(stub, requests, concurrency, seconds);
        double elapsed = (System.nanoTime() - started) / 1e9;
        System.out.printf("saturation, %d in flight for %d s: %.0f resolutions/s, p50 %.2f ms, p99 %.2f ms, errors %d%n",
                concurrency, seconds, saturated.count() / elapsed, saturated.percentileMillis(50), saturated.percentileMillis(99),
                saturated.errors());
        channel.shutdownNow();
        if (fixed.errors() + saturated.errors() > 0) {
            System.exit(1);
        }
    }

    static List<ResolveDialplanRequest> requests() {
        var list = new ArrayList<ResolveDialplanRequest>();
        for (int i = 0; i < 1000; i++) {
            list.add(request("+90532" + String.format("%07d", i), "+902124548590", OPEN));
            if (i % 4 == 0) {
                list.add(request("+905551112233", "+902124548590", OPEN));
            }
            if (i % 10 == 0) {
                list.add(request("+905551112233", "+902124548591", OPEN));
                list.add(request("+90532" + String.format("%07d", i), "+902124548590", CLOSED));
            }
        }
        Collections.shuffle(list, new Random(42));
        return List.copyOf(list);
    }

    private static ResolveDialplanRequest request(String caller, String destination, Instant at) {
        return ResolveDialplanRequest.newBuilder().setCallerContactValue(caller).setDestinationNumber(destination)
                .setCallTime(Timestamp.newBuilder().setSeconds(at.getEpochSecond())).build();
    }

    private static LatencyRecorder fixedRate(DialplanServiceGrpc.DialplanServiceStub stub, List<ResolveDialplanRequest> requests,
                                             int rate, int seconds) throws InterruptedException {
        LatencyRecorder recorder = new LatencyRecorder();
        long total = (long) rate * seconds;
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime();
        Semaphore outstanding = new Semaphore(100_000);
        for (long i = 0; i < total; i++) {
            long scheduled = start + i * interval;
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            outstanding.acquire();
            stub.resolveDialplan(requests.get((int) (i % requests.size())), observer(recorder, scheduled, outstanding));
        }
        outstanding.acquire(100_000);
        return recorder;
    }

    private static LatencyRecorder saturate(DialplanServiceGrpc.DialplanServiceStub stub, List<ResolveDialplanRequest> requests,
                                            int concurrency, int seconds) throws InterruptedException {
        LatencyRecorder recorder = new LatencyRecorder();
        Semaphore inFlight = new Semaphore(concurrency);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        for (long i = 0; System.nanoTime() < end; i++) {
            inFlight.acquire();
            stub.resolveDialplan(requests.get((int) (i % requests.size())), observer(recorder, System.nanoTime(), inFlight));
        }
        inFlight.acquire(concurrency);
        return recorder;
    }

    private static StreamObserver<ResolveDialplanResponse> observer(LatencyRecorder recorder, long sent, Semaphore permits) {
        return new StreamObserver<>() {
            @Override
            public void onNext(ResolveDialplanResponse value) {
                recorder.record(System.nanoTime() - sent);
            }

            @Override
            public void onError(Throwable error) {
                recorder.error();
                permits.release();
            }

            @Override
            public void onCompleted() {
                permits.release();
            }
        };
    }
}
