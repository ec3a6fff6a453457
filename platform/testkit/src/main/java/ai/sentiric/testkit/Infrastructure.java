package ai.sentiric.testkit;

import ai.sentiric.testkit.internal.Containers;
import ai.sentiric.testkit.internal.EmbeddedServers;
import ai.sentiric.testkit.internal.Probe;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL, Redis and RabbitMQ for tests and the local stack, each found lazily and once per JVM.
 *
 * <p>Each is looked for in this order: an address in the environment ({@code SENTIRIC_POSTGRES_URL}
 * as {@code postgresql://user:password@host:port}, {@code SENTIRIC_REDIS_URL} as
 * {@code redis://host:port}, {@code SENTIRIC_AMQP_URL} as {@code amqp://user:password@host:port});
 * a server on the standard port of 127.0.0.1; a container when a Docker engine answers; an embedded
 * server. {@code SENTIRIC_INFRA=embedded} skips straight to the embedded servers.
 *
 * <p>{@link #runId()} names everything a run creates (databases, exchanges, queues, key prefixes)
 * so that concurrent runs against the same servers never see each other's data.
 */
public final class Infrastructure {

    private static final Logger log = LoggerFactory.getLogger(Infrastructure.class);
    private static final Infrastructure SHARED = new Infrastructure(System.getenv(), false);

    private final Map<String, String> environment;
    private final boolean embeddedOnly;
    private final String runId = "r" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private @Nullable PostgresEndpoint postgres;
    private @Nullable RedisEndpoint redis;
    private @Nullable AmqpEndpoint amqp;

    Infrastructure(Map<String, String> environment, boolean embeddedOnly) {
        this.environment = environment;
        this.embeddedOnly = embeddedOnly
                || "embedded".equals(environment.getOrDefault("SENTIRIC_INFRA", "").toLowerCase(Locale.ROOT));
    }

    /** The JVM-wide instance used by tests. */
    public static Infrastructure shared() {
        return SHARED;
    }

    /** An instance that only ever starts embedded servers (the local stack's default). */
    public static Infrastructure embedded() {
        return new Infrastructure(Map.of(), true);
    }

    /** An instance that looks in the environment and on the local ports before embedding. */
    public static Infrastructure discovered(Map<String, String> environment) {
        return new Infrastructure(environment, false);
    }

    public String runId() {
        return runId;
    }

    public synchronized PostgresEndpoint postgres() {
        if (postgres == null) {
            postgres = find("PostgreSQL", "SENTIRIC_POSTGRES_URL", 5432,
                    url -> new PostgresEndpoint(url.getHost(), url.getPort(), user(url, "postgres"), password(url, ""), Source.ENVIRONMENT),
                    () -> new PostgresEndpoint("127.0.0.1", 5432, "postgres", "", Source.LOCAL),
                    Containers::postgres,
                    EmbeddedServers::postgres);
        }
        return postgres;
    }

    public synchronized RedisEndpoint redis() {
        if (redis == null) {
            redis = find("Redis", "SENTIRIC_REDIS_URL", 6379,
                    url -> new RedisEndpoint(url.getHost(), url.getPort(), Source.ENVIRONMENT),
                    () -> new RedisEndpoint("127.0.0.1", 6379, Source.LOCAL),
                    Containers::redis,
                    EmbeddedServers::redis);
        }
        return redis;
    }

    public synchronized AmqpEndpoint amqp() {
        if (amqp == null) {
            amqp = find("AMQP broker", "SENTIRIC_AMQP_URL", 5672,
                    url -> new AmqpEndpoint(url.getHost(), url.getPort(), user(url, "guest"), password(url, "guest"), "/", Source.ENVIRONMENT),
                    () -> new AmqpEndpoint("127.0.0.1", 5672, "guest", "guest", "/", Source.LOCAL),
                    Containers::rabbitmq,
                    EmbeddedServers::amqp);
        }
        return amqp;
    }

    private <T> T find(String what, String variable, int standardPort, Function<URI, T> fromEnvironment,
                       Supplier<T> local, Supplier<@Nullable T> container, Supplier<T> embedded) {
        T found;
        String url = environment.get(variable);
        if (embeddedOnly) {
            found = embedded.get();
        } else if (url != null && !url.isBlank()) {
            found = fromEnvironment.apply(URI.create(url));
        } else if (Probe.listening("127.0.0.1", standardPort)) {
            found = local.get();
        } else {
            T started = container.get();
            found = started != null ? started : embedded.get();
        }
        log.info("{}: {}", what, found);
        return found;
    }

    private static String user(URI url, String fallback) {
        String info = url.getUserInfo();
        return info == null ? fallback : info.split(":", 2)[0];
    }

    private static String password(URI url, String fallback) {
        String info = url.getUserInfo();
        return info == null || !info.contains(":") ? fallback : info.split(":", 2)[1];
    }
}
