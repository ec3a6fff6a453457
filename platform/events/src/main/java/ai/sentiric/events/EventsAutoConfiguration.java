package ai.sentiric.events;

import ai.sentiric.events.internal.EventListener;
import com.google.protobuf.InvalidProtocolBufferException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.AnonymousQueue;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.event.AmqpEvent;
import org.springframework.amqp.rabbit.connection.ConnectionBlockedEvent;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionUnblockedEvent;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Wires the bus into a service: the exchanges,
 * the {@link EventPublisher}, and for a service with an {@link EventHandler} its durable queue,
 * dead-letter queue, listener container and {@code deadletters} actuator endpoint.
 */
@AutoConfiguration(afterName = "org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration")
@EnableConfigurationProperties(EventsProperties.class)
public class EventsAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EventsAutoConfiguration.class);

    @Bean
    EventMetrics sentiricEventMetrics(ObjectProvider<MeterRegistry> registry) {
        return new EventMetrics(registry.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    Declarables sentiricExchanges(EventsProperties properties) {
        return new Declarables(
                new TopicExchange(properties.exchange(), true, false),
                new DirectExchange(properties.deadLetterExchange(), true, false));
    }

    @Bean
    EventPublisher eventPublisher(ConnectionFactory connections, EventsProperties properties, EventMetrics metrics) {
        EventPublisher publisher = new EventPublisher(new ConfirmingChannel(connections,
                properties.confirmTimeout(), properties.retention(), properties.backlog(), properties.linger(),
                properties.maxPack()),
                properties, metrics);
        metrics.watch(publisher);
        return publisher;
    }

    /**
     * A broker under a memory or disk alarm blocks its publishers' connections; the publisher then
     * keeps its events waiting instead of writing into a socket nobody reads.
     */
    @Bean
    ApplicationListener<AmqpEvent> sentiricEventsBlocked(EventPublisher publisher) {
        return event -> {
            if (event instanceof ConnectionBlockedEvent blocked) {
                log.warn("the broker blocked the connection ({}); events wait until it unblocks", blocked.getReason());
                publisher.blocked(true);
            } else if (event instanceof ConnectionUnblockedEvent) {
                log.info("the broker unblocked the connection; waiting events go out");
                publisher.blocked(false);
            }
        };
    }

    /**
     * Once started, off the start-up path: the first calls after a (re)start should not pay for
     * the first publish. On a platform thread: the warm-up loads many classes, and virtual threads
     * blocked inside class loading pin their carriers (see service-support's warm-ups).
     */
    @Bean
    ApplicationListener<ApplicationReadyEvent> sentiricEventsWarmUp(EventPublisher publisher) {
        return ready -> Thread.ofPlatform().name("events-warm-up").daemon().start(() -> {
            if (!publisher.warmUp()) {
                log.info("broker not reachable yet; the first publish will connect");
            }
        });
    }

    static String serviceQueue(EventsProperties properties, Environment environment) {
        String service = properties.service().isEmpty()
                ? environment.getProperty("spring.application.name", "service") : properties.service();
        return properties.queuePrefix() + "sentiric." + service + ".events";
    }

    /** The durable consumer of a service that declares an {@link EventHandler}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(EventHandler.class)
    static class DurableConsumer {

        @Bean
        Declarables sentiricServiceQueue(EventsProperties properties, Environment environment, EventHandler handler,
                                         ConnectionFactory connectionFactory) {
            String name = serviceQueue(properties, environment);
            Map<String, Object> arguments = new HashMap<>();
            Map<String, Object> deadLetterArguments = new HashMap<>();
            // Qpid (the embedded broker) refuses these arguments; RabbitMQ uses them to dead-letter
            // what an operator rejects by hand. Our own dead-lettering does not depend on them.
            if (isRabbitMq(connectionFactory)) {
                arguments.put("x-dead-letter-exchange", properties.deadLetterExchange());
                arguments.put("x-dead-letter-routing-key", name);
                if (properties.queueExpiry() != null) {
                    arguments.put("x-expires", properties.queueExpiry().toMillis());
                    deadLetterArguments.put("x-expires", properties.queueExpiry().toMillis());
                }
            }
            Queue queue = new Queue(name, true, false, false, arguments);
            Queue deadLetterQueue = new Queue(name + ".dlq", true, false, false, deadLetterArguments);
            List<Declarable> declarables = new ArrayList<>(List.of(queue, deadLetterQueue,
                    BindingBuilder.bind(deadLetterQueue).to(new DirectExchange(properties.deadLetterExchange())).with(name)));
            TopicExchange exchange = new TopicExchange(properties.exchange());
            for (String pattern : handler.bindings()) {
                declarables.add(BindingBuilder.bind(queue).to(exchange).with(pattern));
            }
            return new Declarables(declarables);
        }

        @Bean
        SimpleMessageListenerContainer sentiricEventListenerContainer(ConnectionFactory connectionFactory, EventHandler handler,
                                                                      EventsProperties properties, EventMetrics metrics,
                                                                      Environment environment, RabbitAdmin admin) {
            String queue = serviceQueue(properties, environment);
            SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connectionFactory);
            container.setQueueNames(queue);
            container.setAcknowledgeMode(AcknowledgeMode.MANUAL);
            container.setPrefetchCount(properties.prefetch());
            container.setConcurrentConsumers(properties.concurrency());
            container.setAmqpAdmin(admin);
            container.setMissingQueuesFatal(false);
            EventListener listener = new EventListener(handler, properties, metrics, queue);
            container.setMessageListener(listener);
            if (properties.batchSize() > 1) {
                container.setMessageListener(listener.batchListener());
                container.setConsumerBatchEnabled(true);
                container.setBatchSize(properties.batchSize());
                container.setReceiveTimeout(properties.batchWait().toMillis());
                container.setBatchReceiveTimeout(properties.batchMaxWait().toMillis());
                container.setPrefetchCount(Math.max(properties.prefetch(), properties.batchSize() * 2));
            }
            return container;
        }

        @Bean
        DeadLetters sentiricDeadLetters(RabbitTemplate template, RabbitAdmin admin, EventsProperties properties, Environment environment) {
            return new DeadLetters(template, admin, serviceQueue(properties, environment), properties.confirmTimeout().toMillis());
        }

        @Bean
        DeadLettersEndpoint sentiricDeadLettersEndpoint(DeadLetters deadLetters) {
            return new DeadLettersEndpoint(deadLetters);
        }
    }

    /** The per-instance consumer of a service that declares a {@link BroadcastEventHandler}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(BroadcastEventHandler.class)
    static class Broadcast {

        @Bean
        Queue sentiricBroadcastQueue() {
            return new AnonymousQueue();
        }

        @Bean
        Declarables sentiricBroadcastBindings(Queue sentiricBroadcastQueue, BroadcastEventHandler handler, EventsProperties properties) {
            TopicExchange exchange = new TopicExchange(properties.exchange());
            List<Binding> bindings = handler.bindings().stream()
                    .map(pattern -> BindingBuilder.bind(sentiricBroadcastQueue).to(exchange).with(pattern))
                    .toList();
            return new Declarables(bindings);
        }

        @Bean
        SimpleMessageListenerContainer sentiricBroadcastListenerContainer(ConnectionFactory connectionFactory, Queue sentiricBroadcastQueue,
                                                                          BroadcastEventHandler handler, EventMetrics metrics, RabbitAdmin admin) {
            SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connectionFactory);
            container.setQueues(sentiricBroadcastQueue);
            container.setAmqpAdmin(admin);
            container.setMissingQueuesFatal(false);
            container.setAcknowledgeMode(AcknowledgeMode.AUTO);
            container.setMessageListener(message -> {
                List<byte[]> events;
                try {
                    events = EventPacks.split(message.getBody());
                } catch (InvalidProtocolBufferException e) {
                    log.warn("broadcast message not read: {}", e.toString());
                    metrics.consumed(String.valueOf(message.getMessageProperties().getType()), "failed");
                    return;
                }
                for (byte[] body : events) {
                    try {
                        var event = EventCodec.decode(body);
                        handler.handle(event);
                        metrics.consumed(event.getEventType(), "handled");
                    } catch (Exception e) {
                        log.warn("broadcast event not handled: {}", e.toString());
                        metrics.consumed(String.valueOf(message.getMessageProperties().getType()), "failed");
                    }
                }
            });
            return container;
        }
    }

    static boolean isRabbitMq(ConnectionFactory connectionFactory) {
        try (var connection = connectionFactory.createConnection()) {
            Object product = connection.getDelegate().getServerProperties().get("product");
            return product != null && product.toString().contains("RabbitMQ");
        } catch (RuntimeException e) {
            log.warn("cannot tell which broker this is ({}); declaring queues without RabbitMQ arguments", e.toString());
            return false;
        }
    }
}
