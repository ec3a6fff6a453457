package ai.sentiric.testkit.internal;

import ai.sentiric.testkit.AmqpEndpoint;
import ai.sentiric.testkit.PostgresEndpoint;
import ai.sentiric.testkit.RedisEndpoint;
import ai.sentiric.testkit.Source;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.qpid.server.SystemLauncher;
import redis.embedded.RedisServer;

/**
 * Servers started inside this JVM when nothing else is there: zonky's PostgreSQL 15, Redis 6.2
 * and Qpid Broker-J speaking AMQP 0-9-1. Each is stopped when the JVM exits.
 */
public final class EmbeddedServers {

    private EmbeddedServers() {
    }

    public static PostgresEndpoint postgres() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(postgres)));
            return new PostgresEndpoint("127.0.0.1", postgres.getPort(), "postgres", "postgres", Source.EMBEDDED);
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    public static RedisEndpoint redis() {
        int port = Probe.freePort();
        try {
            RedisServer server = RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("save \"\"").build();
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.stop();
                } catch (IOException ignored) {
                    // the JVM is exiting; the child process dies with it
                }
            }));
            return new RedisEndpoint("127.0.0.1", port, Source.EMBEDDED);
        } catch (IOException e) {
            throw new UncheckedIOException("embedded Redis did not start", e);
        }
    }

    public static AmqpEndpoint amqp() {
        int port = Probe.freePort();
        try {
            Path work = Files.createTempDirectory("sentiric-qpid");
            Path config = work.resolve("config.json");
            Files.writeString(config, qpidConfiguration(port));
            SystemLauncher launcher = new SystemLauncher();
            launcher.startup(Map.of(
                    "type", "Memory",
                    "initialConfigurationLocation", config.toUri().toString(),
                    "startupLoggedToSystemOut", false,
                    "context", Map.of("qpid.work_dir", work.toString(), "qpid.home_dir", work.toString())));
            Runtime.getRuntime().addShutdownHook(new Thread(launcher::shutdown));
            return new AmqpEndpoint("127.0.0.1", port, "guest", "guest", "default", Source.EMBEDDED);
        } catch (Exception e) {
            throw new IllegalStateException("embedded AMQP broker did not start", e);
        }
    }

    /** A broker with one in-memory virtual host, named "default", and PLAIN auth for guest/guest over plain TCP. */
    private static String qpidConfiguration(int port) {
        return """
                {
                  "name": "sentiric-embedded",
                  "modelVersion": "9.1",
                  "authenticationproviders": [{
                    "name": "plain", "type": "Plain", "secureOnlyMechanisms": [],
                    "users": [{"name": "guest", "password": "guest", "type": "managed"}]
                  }],
                  "ports": [{
                    "name": "AMQP", "port": %d, "bindingAddress": "127.0.0.1",
                    "authenticationProvider": "plain", "protocols": ["AMQP_0_9_1"],
                    "virtualhostaliases": [
                      {"name": "nameAlias", "type": "nameAlias"},
                      {"name": "defaultAlias", "type": "defaultAlias"}
                    ]
                  }],
                  "virtualhostnodes": [{
                    "name": "default", "type": "Memory", "defaultVirtualHostNode": "true",
                    "virtualHostInitialConfiguration": "{\\"type\\": \\"Memory\\"}"
                  }]
                }
                """.formatted(port);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // the JVM is exiting
        }
    }
}
