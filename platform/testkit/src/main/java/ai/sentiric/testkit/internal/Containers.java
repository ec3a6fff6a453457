package ai.sentiric.testkit.internal;

import ai.sentiric.testkit.AmqpEndpoint;
import ai.sentiric.testkit.PostgresEndpoint;
import ai.sentiric.testkit.RedisEndpoint;
import ai.sentiric.testkit.Source;
import org.jspecify.annotations.Nullable;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/** Infrastructure in containers, when a Docker engine answers; {@code null} otherwise. */
public final class Containers {

    private Containers() {
    }

    public static @Nullable PostgresEndpoint postgres() {
        if (!dockerAvailable()) {
            return null;
        }
        var container = new GenericContainer<>("postgres:15")
                .withEnv("POSTGRES_HOST_AUTH_METHOD", "trust")
                .withExposedPorts(5432)
                .waitingFor(Wait.forListeningPort());
        container.start();
        return new PostgresEndpoint(container.getHost(), container.getMappedPort(5432), "postgres", "", Source.CONTAINER);
    }

    public static @Nullable RedisEndpoint redis() {
        if (!dockerAvailable()) {
            return null;
        }
        var container = new GenericContainer<>("redis:7").withExposedPorts(6379).waitingFor(Wait.forListeningPort());
        container.start();
        return new RedisEndpoint(container.getHost(), container.getMappedPort(6379), Source.CONTAINER);
    }

    public static @Nullable AmqpEndpoint rabbitmq() {
        if (!dockerAvailable()) {
            return null;
        }
        var container = new GenericContainer<>("rabbitmq:3.13-management")
                .withExposedPorts(5672)
                .waitingFor(Wait.forLogMessage(".*Server startup complete.*", 1));
        container.start();
        return new AmqpEndpoint(container.getHost(), container.getMappedPort(5672), "guest", "guest", "/", Source.CONTAINER);
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
