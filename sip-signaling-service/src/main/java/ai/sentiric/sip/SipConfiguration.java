package ai.sentiric.sip;

import ai.sentiric.sip.auth.DigestAuthenticator;
import ai.sentiric.sip.stack.SipStackPort;
import ai.sentiric.sip.stack.jain.JainSipPort;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The SIP stack behind its port, and the digest authenticator. */
@Configuration(proxyBeanMethods = false)
class SipConfiguration {

    @Bean
    SipStackPort sipStack(SipProperties properties) {
        return new JainSipPort(new JainSipPort.Binding(properties.bindAddress(), properties.port(),
                properties.advertisedAddress(), properties.transports(), properties.maxMessageSize(),
                properties.stackThreads(), Math.toIntExact(properties.udpReceiveBuffer().toBytes()),
                properties.linger()));
    }

    @Bean
    DigestAuthenticator digestAuthenticator(SipProperties properties) {
        byte[] secret;
        if (properties.nonceSecret().isBlank()) {
            // One instance: a key of its own. Several behind one address must share nonce-secret.
            secret = new byte[32];
            new SecureRandom().nextBytes(secret);
        } else {
            secret = properties.nonceSecret().getBytes(StandardCharsets.UTF_8);
        }
        return new DigestAuthenticator(properties.realm(), properties.nonceTtl(), secret, Clock.systemUTC());
    }
}
