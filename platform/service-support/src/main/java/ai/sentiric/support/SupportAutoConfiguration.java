package ai.sentiric.support;

import ai.sentiric.support.errors.GrpcErrors;
import ai.sentiric.support.errors.ProblemDetails;
import ai.sentiric.support.grpc.GrpcClientEventLoop;
import ai.sentiric.support.grpc.GrpcClientProperties;
import ai.sentiric.support.grpc.GrpcHandlerExecutor;
import ai.sentiric.support.grpc.GrpcObservationsOff;
import ai.sentiric.support.grpc.GrpcServerProperties;
import ai.sentiric.support.phone.PhoneNumbers;
import ai.sentiric.support.tracing.TraceIdClientInterceptor;
import ai.sentiric.support.tracing.TraceIdFilter;
import ai.sentiric.support.tracing.TraceIdServerInterceptor;
import ai.sentiric.support.warmup.WarmUp;
import io.grpc.BindableService;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.binder.grpc.MetricCollectingClientInterceptor;
import io.micrometer.core.instrument.binder.grpc.MetricCollectingServerInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.grpc.client.GlobalClientInterceptor;
import org.springframework.grpc.server.GlobalServerInterceptor;
import org.springframework.grpc.server.exception.CompositeGrpcExceptionHandler;
import org.springframework.grpc.server.exception.GrpcExceptionHandler;
import org.springframework.grpc.server.exception.GrpcExceptionHandlerInterceptor;
import org.springframework.util.function.SingletonSupplier;

/**
 * Registers the shared error mapping, gRPC handler threads, client event loop and metrics, trace
 * propagation and warm-ups in every service.
 */
@AutoConfiguration
@EnableConfigurationProperties({GrpcServerProperties.class, GrpcClientProperties.class})
public class SupportAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SupportAutoConfiguration.class);

    @Bean
    PhoneNumbers sentiricPhoneNumbers() {
        return new PhoneNumbers();
    }

    @Bean
    GrpcErrors sentiricGrpcErrors() {
        return new GrpcErrors();
    }

    /**
     * Maps exceptions to statuses inside the server metrics (order 0), replacing Spring gRPC's own
     * interceptor, which sits outside them: the metrics would not see the status an exception maps
     * to (the observation they replace recorded every refusal as UNKNOWN).
     * {@code grpc_server_processing_duration_seconds} carries the status the client gets.
     */
    @Bean
    @GlobalServerInterceptor
    GrpcExceptionHandlerInterceptor sentiricGrpcExceptionHandlerInterceptor(ObjectProvider<GrpcExceptionHandler> handlers) {
        return new GrpcErrors.Interceptor(composite(handlers));
    }

    /**
     * Runs every {@link WarmUp} once the service is ready, each on its own platform thread. Not a
     * virtual one: warm-ups load hundreds of classes from the service's jar, and a virtual thread
     * blocked on the jar's lock inside class loading pins its carrier; with two cores, two such
     * warm-ups pinned both carriers while the virtual thread holding the lock waited for one, and
     * the service hung with every request unanswered (seen in dialplan-service).
     */
    @Bean
    ApplicationListener<ApplicationReadyEvent> sentiricWarmUps(ObjectProvider<WarmUp> warmUps) {
        return ready -> warmUps.orderedStream().forEach(warmUp -> Thread.ofPlatform().name("warm-up").daemon().start(() -> {
            try {
                warmUp.warmUp();
            } catch (RuntimeException e) {
                log.debug("warm-up {} failed: {}", warmUp, e.toString());
            }
        }));
    }

    @Bean
    GrpcHandlerExecutor<?> sentiricGrpcHandlerExecutor(GrpcServerProperties properties, ObjectProvider<BindableService> services,
                                                      ObjectProvider<GrpcExceptionHandler> errors) {
        // The handlers are gathered at the first offloaded failure: by then every bean exists.
        SingletonSupplier<GrpcExceptionHandler> mapping = SingletonSupplier.of(() -> composite(errors));
        return new GrpcHandlerExecutor<>(properties, () -> services.orderedStream().toList(),
                exception -> mapping.obtain().handleException(exception));
    }

    @Bean
    GrpcClientEventLoop sentiricGrpcClientEventLoop(GrpcClientProperties properties) {
        return new GrpcClientEventLoop(properties);
    }

    /**
     * Times every call a service serves ({@code grpc.server.processing.duration} by service, method
     * and status code) and counts its messages: Micrometer's metric-collecting interceptor, in place
     * of Spring gRPC's observation (switched off by {@link GrpcObservationsOff}). The observation
     * cost sip-signaling-, media- and dialplan-service 4-7 % of their CPU under the SIP benchmark
     * (async-profiler, 300 calls/s), as every call started a long-task timer and built its meters'
     * ids anew at start, at stop and for each message; this one finds a method's meters once.
     * Every service has Actuator's registry; a context without one (a test's) records nowhere.
     */
    @Bean
    @Order(0)
    @GlobalServerInterceptor
    MetricCollectingServerInterceptor sentiricGrpcServerMetrics(ObjectProvider<MeterRegistry> registry) {
        return new MetricCollectingServerInterceptor(registry.getIfAvailable(() -> Metrics.globalRegistry));
    }

    /** Times every call a service makes ({@code grpc.client.processing.duration}), likewise. */
    @Bean
    @GlobalClientInterceptor
    MetricCollectingClientInterceptor sentiricGrpcClientMetrics(ObjectProvider<MeterRegistry> registry) {
        return new MetricCollectingClientInterceptor(registry.getIfAvailable(() -> Metrics.globalRegistry));
    }

    @Bean
    @GlobalServerInterceptor
    TraceIdServerInterceptor sentiricTraceIdServerInterceptor() {
        return new TraceIdServerInterceptor();
    }

    @Bean
    @GlobalClientInterceptor
    TraceIdClientInterceptor sentiricTraceIdClientInterceptor() {
        return new TraceIdClientInterceptor();
    }

    /** Every exception handler of the service, in order: how both the server and an offloaded handler map failures. */
    private static GrpcExceptionHandler composite(ObjectProvider<GrpcExceptionHandler> handlers) {
        return new CompositeGrpcExceptionHandler(handlers.orderedStream().toArray(GrpcExceptionHandler[]::new));
    }

    /** The REST side, in services that serve HTTP. */
    @AutoConfiguration
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @Import(ProblemDetails.class)
    public static class Web {

        @Bean
        TraceIdFilter sentiricTraceIdFilter() {
            return new TraceIdFilter();
        }
    }
}
