package ai.sentiric.cdr;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** cdr-service: consumes sentiric_events, serves the call records on HTTP 12050. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CdrServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(CdrServiceApplication.class, args);
    }
}
