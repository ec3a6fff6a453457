/**
 * Where tests and the local stack find PostgreSQL, Redis and RabbitMQ: addresses from the
 * environment, then services on the standard local ports, then Testcontainers when a Docker
 * engine answers, then embedded servers.
 */
@NullMarked
package ai.sentiric.testkit;

import org.jspecify.annotations.NullMarked;
