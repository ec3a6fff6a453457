package ai.sentiric.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A service running as a child process, its output in a log file of its own. */
final class ServiceProcess {

    /**
     * Telephony wants short pauses more than throughput: G1 aims at 5 ms pauses, the heap is
     * committed and touched at start. No -XX:ThreadPriorityPolicy: media's RTP clocks take
     * real-time scheduling themselves, and Java priorities mapped onto nice values (as root) raised
     * every JVM's compiler and GC threads too, which slowed start-up and set-up latency on two cores.
     * Netty's leak detector off: it records the stack of one buffer in 128 that gRPC allocates, 0.7 %
     * of sip-signaling's CPU and 2.6 % of dialplan's in the SIP benchmark; the tests keep it on.
     */
    static final String DEFAULT_JAVA_OPTS = "-XX:MaxGCPauseMillis=5 -XX:+AlwaysPreTouch -Dio.netty.leakDetection.level=disabled";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final ServiceSpec spec;
    private final Process process;
    private final int httpPort;
    private final Path log;

    private ServiceProcess(ServiceSpec spec, Process process, int httpPort, Path log) {
        this.spec = spec;
        this.process = process;
        this.httpPort = httpPort;
        this.log = log;
    }

    /**
     * The JVM options of a service: its fixed heap and the options its spec names, then
     * {@code SENTIRIC_JAVA_OPTS} (every service's, {@link #DEFAULT_JAVA_OPTS} when unset), then its
     * own ({@code SENTIRIC_SIP_JAVA_OPTS} and so on); a later option overrides an earlier one, so
     * either variable may set another heap or threshold.
     *
     * <p>Why a fixed heap: a heap that starts small grows during collections, and a pre-touched one
     * touches every page it grows by inside the pause. Five services growing from 256 MB to about
     * 2 GB in their first minute on two cores paused for 1.4-5.8 s each; heaps shrunk at a marking
     * and grown again paused for 200-900 ms later on, while calls waited (SIP benchmark, 2026-12-05).
     */
    static List<String> javaOptions(ServiceSpec spec, Map<String, String> environment) {
        List<String> options = new ArrayList<>(List.of("-Xms" + spec.heap(), "-Xmx" + spec.heap()));
        options.addAll(spec.javaOptions());
        options.addAll(words(environment.getOrDefault("SENTIRIC_JAVA_OPTS", DEFAULT_JAVA_OPTS)));
        options.addAll(words(environment.getOrDefault(spec.prefix() + "_JAVA_OPTS", "")));
        return options;
    }

    private static List<String> words(String options) {
        return options.isBlank() ? List.of() : List.of(options.trim().split("\\s+"));
    }

    static ServiceProcess start(ServiceSpec spec, Path jar, List<String> javaOptions, Map<String, String> environment, int offset,
                                Path logDirectory) throws IOException {
        if (!jar.toFile().isFile()) {
            throw new IllegalStateException(jar + " is missing: build first (./mvnw -DskipTests package)");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        Path log = logDirectory.resolve(spec.name() + ".log");
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(javaOptions);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        return new ServiceProcess(spec, builder.start(), spec.httpPort() + offset, log);
    }

    /** Waits until the service reports ready, or fails with where to look. */
    void awaitReady(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        URI readiness = URI.create("http://127.0.0.1:" + httpPort + "/actuator/health/readiness");
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(spec.name() + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            // The launcher's own thread has nothing else to do while a child process starts.
            Thread.sleep(250);
        }
        throw new IllegalStateException(spec.name() + " not ready after " + timeout + "; see " + log);
    }

    void stop() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    ServiceSpec spec() {
        return spec;
    }
}
