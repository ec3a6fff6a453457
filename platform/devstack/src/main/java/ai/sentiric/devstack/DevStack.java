package ai.sentiric.devstack;

import ai.sentiric.testkit.AmqpEndpoint;
import ai.sentiric.testkit.Infrastructure;
import ai.sentiric.testkit.PostgresEndpoint;
import ai.sentiric.testkit.RedisEndpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;

/**
 * Runs the platform on this machine: finds or starts PostgreSQL, Redis and RabbitMQ, starts every
 * service of the {@link Fleet} as its own process with its own database, waits until each is
 * ready, and prints where everything listens. Ctrl-C stops it all.
 *
 * <p>Infrastructure is embedded by default ({@code SENTIRIC_INFRA=embedded}); {@code local} uses
 * the servers on the standard local ports or the {@code SENTIRIC_*_URL} addresses.
 * {@code SENTIRIC_PORT_OFFSET} shifts every service port, to run a second stack beside a first;
 * {@code SENTIRIC_SCRATCH_DATABASES=true} gives the run empty databases of its own ({@link ServiceDatabases}).
 */
public final class DevStack implements AutoCloseable {

    /** What a running stack offers: the infrastructure and each service's ports. */
    public record Running(PostgresEndpoint postgres, RedisEndpoint redis, AmqpEndpoint amqp, int portOffset) {
    }

    private final Path root;
    private final String version;
    private final Map<String, String> environment;
    private final List<ServiceProcess> processes = new ArrayList<>();
    private @Nullable ServiceDatabases databases;

    public DevStack(Path root, String version, Map<String, String> environment) {
        this.root = root;
        this.version = version;
        this.environment = environment;
    }

    /** How long each service may take to report ready. */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(300);

    public Running start() throws IOException, InterruptedException {
        String mode = environment.getOrDefault("SENTIRIC_INFRA", "embedded");
        Infrastructure infrastructure = "embedded".equals(mode) ? Infrastructure.embedded() : Infrastructure.discovered(environment);
        int offset = Integer.parseInt(environment.getOrDefault("SENTIRIC_PORT_OFFSET", "0"));
        PostgresEndpoint postgres = infrastructure.postgres();
        RedisEndpoint redis = infrastructure.redis();
        AmqpEndpoint amqp = infrastructure.amqp();
        Path logs = Files.createDirectories(root.resolve("run").resolve("logs"));
        databases = new ServiceDatabases(postgres, environment);

        Map<String, String> shared = new HashMap<>(Fleet.addresses(offset));
        shared.put("SENTIRIC_DB_USER", postgres.user());
        shared.put("SENTIRIC_DB_PASSWORD", postgres.password());
        shared.put("SENTIRIC_AMQP_HOST", amqp.host());
        shared.put("SENTIRIC_AMQP_PORT", String.valueOf(amqp.port()));
        shared.put("SENTIRIC_AMQP_USER", amqp.user());
        shared.put("SENTIRIC_AMQP_PASSWORD", amqp.password());
        shared.put("SENTIRIC_AMQP_VHOST", amqp.virtualHost());
        shared.put("SENTIRIC_REDIS_HOST", redis.host());
        shared.put("SENTIRIC_REDIS_PORT", String.valueOf(redis.port()));
        // Calls are recorded, and audio played from, under the run directory unless configured otherwise.
        shared.put("SENTIRIC_MEDIA_RECORDINGS", environment.getOrDefault("SENTIRIC_MEDIA_RECORDINGS",
                root.resolve("run").resolve("recordings").toString()));
        shared.put("SENTIRIC_MEDIA_ASSETS", environment.getOrDefault("SENTIRIC_MEDIA_ASSETS", root.resolve("assets").toString()));

        for (ServiceSpec spec : Fleet.SERVICES) {
            String databaseUrl = spec.database() == null ? null : databases.url(spec.database());
            Map<String, String> env = new HashMap<>(shared);
            env.putAll(spec.ownEnvironment(offset, databaseUrl));
            processes.add(ServiceProcess.start(spec, spec.jar(root, version), ServiceProcess.javaOptions(spec, environment), env,
                    offset, logs));
        }
        // Five JVMs starting at once on a two-core machine each take 70-110 s to be ready (their
        // start is mostly class loading and JIT, all competing for the same cores).
        for (ServiceProcess process : processes) {
            process.awaitReady(READY_TIMEOUT);
        }
        return new Running(postgres, redis, amqp, offset);
    }

    @Override
    public void close() {
        processes.reversed().forEach(ServiceProcess::stop);
        processes.clear();
        if (databases != null) {
            databases.close();
        }
    }

    static String describe(Running running) {
        StringBuilder text = new StringBuilder("\nSentiric is running.\n\n");
        text.append(String.format("  %-20s %-28s %s%n", "service", "REST / actuator", "gRPC"));
        for (ServiceSpec spec : Fleet.SERVICES) {
            text.append(String.format("  %-20s http://127.0.0.1:%-12d %s%n", spec.name(), spec.httpPort() + running.portOffset(),
                    spec.grpcPort() > 0 ? "127.0.0.1:" + (spec.grpcPort() + running.portOffset()) : "-"));
        }
        text.append(String.format("%n  %-20s %s:%d (%s)%n", "postgresql", running.postgres().host(), running.postgres().port(),
                running.postgres().source()));
        text.append(String.format("  %-20s %s:%d (%s)%n", "redis", running.redis().host(), running.redis().port(), running.redis().source()));
        text.append(String.format("  %-20s %s:%d (%s)%n", "amqp", running.amqp().host(), running.amqp().port(), running.amqp().source()));
        text.append("\n  logs: run/logs/<service>.log    stop: Ctrl-C\n");
        return text.toString();
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        String version = args.length > 1 ? args[1] : "0.1.0-SNAPSHOT";
        DevStack stack = new DevStack(root, version, System.getenv());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            stopped.countDown();
        }));
        try {
            System.out.println(describe(stack.start()));
        } catch (RuntimeException | IOException e) {
            System.err.println("Sentiric did not start: " + e.getMessage()
                    + (e.getCause() == null ? "" : " (" + e.getCause() + ")"));
            System.exit(1);
        }
        stopped.await();
    }
}
