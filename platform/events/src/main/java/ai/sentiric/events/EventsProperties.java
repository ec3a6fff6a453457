package ai.sentiric.events;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The bus settings of a service ({@code sentiric.events.*}).
 *
 * @param exchange the topic exchange every event goes to
 * @param service the consuming service's name in queue names; {@code spring.application.name} when empty
 * @param queuePrefix prepended to queue names (tests use it to keep runs apart)
 * @param queueExpiry on RabbitMQ, delete the service queue and its dead-letter queue after they were
 *                    unused this long (tests use it so that their uniquely named queues go away);
 *                    none by default
 * @param maxAttempts how many times a failing event is handled before it is dead-lettered
 * @param initialBackoff the wait before the second attempt; it doubles for each further one
 * @param prefetch unacknowledged messages a consumer may hold
 * @param concurrency consumers of the service queue
 * @param confirmTimeout how long the broker may take to confirm an event, confirming nothing else
 *                       meanwhile, before it is sent again on a new channel; also how long
 *                       {@link EventPublisher#publish} waits
 * @param retention how long an event may wait for the broker (out of reach, or not confirming) before
 *                  it is given up
 * @param backlog how many events may wait for the broker at once; a publish beyond that fails at once
 * @param linger how long a published event waits for others to go to the broker with it (the
 *               broker's CPU per message halves in batches of ten); 0 sends each at once
 * @param maxPack the most events of one type that go to the broker as one message (a pack, see
 *                {@link EventPacks}), from those that gathered during the linger; 1 sends each alone
 * @param batchSize events handed to {@link EventHandler#handleBatch} at once; 1 handles them one by one
 * @param batchWait how long a consumer waits for the next message before it hands over a partial batch
 * @param batchMaxWait the longest a consumer gathers one batch, however steadily messages keep coming:
 *                     with {@code batchWait}, it bounds how late a message is handled
 */
@ConfigurationProperties("sentiric.events")
public record EventsProperties(
        @DefaultValue("sentiric_events") String exchange,
        @DefaultValue("") String service,
        @DefaultValue("") String queuePrefix,
        @Nullable Duration queueExpiry,
        @DefaultValue("3") int maxAttempts,
        @DefaultValue("200ms") Duration initialBackoff,
        @DefaultValue("50") int prefetch,
        @DefaultValue("1") int concurrency,
        @DefaultValue("5s") Duration confirmTimeout,
        @DefaultValue("10m") Duration retention,
        @DefaultValue("50000") int backlog,
        @DefaultValue("10ms") Duration linger,
        @DefaultValue("100") int maxPack,
        @DefaultValue("1") int batchSize,
        @DefaultValue("10ms") Duration batchWait,
        @DefaultValue("250ms") Duration batchMaxWait) {

    public String deadLetterExchange() {
        return exchange + ".dlx";
    }
}
