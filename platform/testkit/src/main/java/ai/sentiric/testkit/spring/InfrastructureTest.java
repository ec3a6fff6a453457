package ai.sentiric.testkit.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives a Spring test context real infrastructure from {@link ai.sentiric.testkit.Infrastructure}:
 * a fresh PostgreSQL database of its own ({@code spring.datasource.*}), the AMQP broker with an
 * exchange and queues named for this run ({@code spring.rabbitmq.*}, {@code sentiric.events.*}),
 * and Redis with a key prefix for this run ({@code spring.data.redis.*},
 * {@code sentiric.redis.key-prefix}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface InfrastructureTest {

    boolean postgres() default true;

    boolean amqp() default true;

    boolean redis() default false;
}
