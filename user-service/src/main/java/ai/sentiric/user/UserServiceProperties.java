package ai.sentiric.user;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * user-service settings ({@code sentiric.user.*}).
 *
 * @param sipRealm the digest realm of every SIP credential; sip-signaling must challenge with the same one
 * @param defaultRegion the region for reading national phone numbers when a tenant names none
 */
@ConfigurationProperties("sentiric.user")
public record UserServiceProperties(
        @DefaultValue("sentiric.local") String sipRealm,
        @DefaultValue("US") String defaultRegion) {
}
