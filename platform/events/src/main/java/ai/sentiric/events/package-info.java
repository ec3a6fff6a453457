/**
 * The {@code sentiric_events} bus. Producers call {@link ai.sentiric.events.EventPublisher};
 * a service consumes by declaring one {@link ai.sentiric.events.EventHandler} bean, which gets the
 * service's durable queue, bounded retries, a dead-letter queue and replay
 * ({@code /actuator/deadletters}).
 */
@NullMarked
package ai.sentiric.events;

import org.jspecify.annotations.NullMarked;
