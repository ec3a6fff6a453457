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
     * Telephony wants short pauses more than throughput: G1 aims at 5 ms pauses, the heap starts
     * committed. No -XX:ThreadPriorityPolicy: media's RTP clocks take real-time scheduling
     * themselves, and Java priorities mapped onto nice values (as root) raised every JVM's
     * compiler and GC threads too, which slowed start-up and set-up latency on two cores.
     */
    static final String DEFAULT_JAVA_OPTS = "-Xms256m -XX:MaxGCPauseMillis=5 -XX:+AlwaysPreTouch";

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

    static ServiceProcess start(ServiceSpec spec, Path jar, Map<String, String> environment, int offset, Path logDirectory)
            throws IOException {
        if (!jar.toFile().isFile()) {
            throw new IllegalStateException(jar + " is missing: build first (./mvnw -DskipTests package)");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        Path log = logDirectory.resolve(spec.name() + ".log");
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(List.of(environment.getOrDefault("SENTIRIC_JAVA_OPTS", DEFAULT_JAVA_OPTS).trim().split("\\s+")));
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
