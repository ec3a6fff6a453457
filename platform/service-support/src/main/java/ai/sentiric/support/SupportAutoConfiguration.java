package ai.sentiric.support;

import ai.sentiric.support.errors.GrpcErrors;
import ai.sentiric.support.errors.ProblemDetails;
import ai.sentiric.support.phone.PhoneNumbers;
import ai.sentiric.support.tracing.TraceIdClientInterceptor;
import ai.sentiric.support.tracing.TraceIdFilter;
import ai.sentiric.support.tracing.TraceIdServerInterceptor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.grpc.client.GlobalClientInterceptor;
import org.springframework.grpc.server.GlobalServerInterceptor;

/** Registers the shared error mapping and trace propagation in every service. */
@AutoConfiguration
public class SupportAutoConfiguration {

    @Bean
    PhoneNumbers sentiricPhoneNumbers() {
        return new PhoneNumbers();
    }

    @Bean
    GrpcErrors sentiricGrpcErrors() {
        return new GrpcErrors();
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
