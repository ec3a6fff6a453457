package ai.sentiric.testkit.spring;

import ai.sentiric.testkit.Infrastructure;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/** Adds the properties of {@link InfrastructureTest} to the contexts of the test classes that carry it. */
public final class InfrastructureContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> attributes) {
        InfrastructureTest annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass, InfrastructureTest.class);
        return annotation == null ? null : new Customizer(annotation.postgres(), annotation.amqp(), annotation.redis());
    }

    /** Equal for equal settings, so that Spring's context cache shares one context between them. */
    private record Customizer(boolean postgres, boolean amqp, boolean redis) implements ContextCustomizer {

        private static final AtomicInteger CONTEXTS = new AtomicInteger();

        @Override
        public void customizeContext(ConfigurableApplicationContext context,
                                     MergedContextConfiguration configuration) {
            Infrastructure infrastructure = Infrastructure.shared();
            String name = infrastructure.runId() + "_" + CONTEXTS.incrementAndGet();
            Map<String, Object> properties = new LinkedHashMap<>();
            if (postgres) {
                var endpoint = infrastructure.postgres();
                String database = "sentiric_test_" + name;
                properties.put("spring.datasource.url", endpoint.createDatabase(database));
                properties.put("spring.datasource.username", endpoint.user());
                properties.put("spring.datasource.password", endpoint.password());
                Runtime.getRuntime().addShutdownHook(new Thread(() -> endpoint.dropDatabase(database)));
            }
            if (amqp) {
                var endpoint = infrastructure.amqp();
                properties.put("spring.rabbitmq.host", endpoint.host());
                properties.put("spring.rabbitmq.port", endpoint.port());
                properties.put("spring.rabbitmq.username", endpoint.user());
                properties.put("spring.rabbitmq.password", endpoint.password());
                properties.put("spring.rabbitmq.virtual-host", endpoint.virtualHost());
                properties.put("sentiric.events.exchange", "sentiric_events." + name);
                properties.put("sentiric.events.queue-prefix", "test." + name + ".");
                properties.put("sentiric.events.queue-expiry", "10m");
            }
            if (redis) {
                var endpoint = infrastructure.redis();
                properties.put("spring.data.redis.host", endpoint.host());
                properties.put("spring.data.redis.port", endpoint.port());
                properties.put("sentiric.redis.key-prefix", name + ":");
            }
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("sentiric-infrastructure", properties));
        }
    }
}
