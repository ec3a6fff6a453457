package ai.sentiric.support.warmup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.sentiric.support.SupportAutoConfiguration;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class WarmUpTests {

    final Set<String> warmed = ConcurrentHashMap.newKeySet();
    final CountDownLatch peerUp = new CountDownLatch(1);

    @Test
    void everyWarmUpRunsOnceReadyOnItsOwnPlatformThreadAndAFailureStopsNoOther() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SupportAutoConfiguration.class))
                .withBean("waiting", WarmUp.class, () -> () -> {
                    try {
                        peerUp.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    warmed.add("waiting");
                })
                .withBean("failing", WarmUp.class, () -> () -> {
                    throw new IllegalStateException("database not up yet");
                })
                .withBean("quick", WarmUp.class, () -> () -> warmed.add(Thread.currentThread().isVirtual() ? "virtual" : "quick"))
                .run(context -> {
                    assertThat(warmed).as("nothing before the service is ready").isEmpty();

                    context.publishEvent(new ApplicationReadyEvent(new SpringApplication(), new String[0], context, Duration.ZERO));

                    // On a platform thread: virtual threads loading classes pinned both carriers of a
                    // two-core machine and hung the service (see sentiricWarmUps).
                    await().atMost(Duration.ofSeconds(5)).until(() -> warmed.contains("quick") || warmed.contains("virtual"));
                    assertThat(warmed).as("a warm-up ran on a virtual thread").doesNotContain("virtual");
                    assertThat(warmed).as("one waiting for its peer holds up no other").doesNotContain("waiting");
                    peerUp.countDown();
                    await().atMost(Duration.ofSeconds(5)).until(() -> warmed.contains("waiting"));
                });
    }
}
