package ai.sentiric.dialplan;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** dialplan-service: gRPC on 12021, REST admin API on 12020. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DialplanServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(DialplanServiceApplication.class, args);
    }
}
