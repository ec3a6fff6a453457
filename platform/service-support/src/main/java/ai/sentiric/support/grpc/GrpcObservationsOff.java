package ai.sentiric.support.grpc;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.DefaultPropertiesPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Switches Spring gRPC's server and client observations off in every service, as defaults its
 * own configuration may override: {@code SupportAutoConfiguration} times the calls with
 * Micrometer's metric-collecting interceptors instead, at a fraction of the cost, and with both
 * each call would be timed twice.
 */
public final class GrpcObservationsOff implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        DefaultPropertiesPropertySource.addOrMerge(Map.of(
                "spring.grpc.server.observation.enabled", "false",
                "spring.grpc.client.observation.enabled", "false"), environment.getPropertySources());
    }
}
