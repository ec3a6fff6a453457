package ai.sentiric.sip;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** sip-signaling-service: SIP on 5060 (UDP, TCP), gRPC on 13021, HTTP (health, metrics) on 13020. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SipSignalingApplication {

    public static void main(String[] args) {
        SpringApplication.run(SipSignalingApplication.class, args);
    }
}
