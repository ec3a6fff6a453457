package ai.sentiric.testkit;

/** How a piece of infrastructure was found, in the order they are tried. */
public enum Source {
    /** Addresses given in {@code SENTIRIC_POSTGRES_URL}, {@code SENTIRIC_REDIS_URL}, {@code SENTIRIC_AMQP_URL}. */
    ENVIRONMENT,
    /** A server listening on the standard port of 127.0.0.1. */
    LOCAL,
    /** A container started through a reachable Docker engine. */
    CONTAINER,
    /** A server started inside this JVM (zonky PostgreSQL, embedded Redis, Qpid Broker-J). */
    EMBEDDED
}
