package ai.sentiric.sip.registrar;

import ai.sentiric.sip.SipProperties;
import ai.sentiric.sip.auth.DigestAuthenticator;
import ai.sentiric.sip.client.UserClient;
import ai.sentiric.sip.stack.IncomingRequest;
import ai.sentiric.sip.stack.SipResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Service;

/**
 * REGISTER (RFC 3261 section 10): digest-authenticated, each user's contact bindings kept in a
 * Redis hash (contact -> expiry instant) that expires with its longest binding, so every
 * instance sees them and nothing outlives its Expires.
 */
@Service
public class Registrar {

    private static final Logger log = LoggerFactory.getLogger(Registrar.class);

    private static final Pattern CONTACT_EXPIRES = Pattern.compile(";\\s*expires\\s*=\\s*(\\d+)", Pattern.CASE_INSENSITIVE);

    private final DigestAuthenticator authenticator;
    private final UserClient users;
    private final StringRedisTemplate redis;
    private final SipProperties.Registration limits;
    private final String realm;
    private final String keyPrefix;

    public Registrar(DigestAuthenticator authenticator, UserClient users, StringRedisTemplate redis,
                     SipProperties properties, @Value("${sentiric.redis.key-prefix:}") String keyPrefix) {
        this.authenticator = authenticator;
        this.users = users;
        this.redis = redis;
        this.limits = properties.registration();
        this.realm = properties.realm();
        this.keyPrefix = keyPrefix;
    }

    public void register(IncomingRequest register) {
        var outcome = authenticator.check("REGISTER", register.header("Authorization"), users);
        switch (outcome) {
            case DigestAuthenticator.Outcome.Challenge(boolean stale) -> register.respond(
                    SipResponse.of(401, "Unauthorized").withHeader("WWW-Authenticate", authenticator.challenge(stale)));
            case DigestAuthenticator.Outcome.Rejected(String why) -> {
                log.info("REGISTER {} from {} refused: {}", register.callId(), register.sourceHost(), why);
                register.respond(SipResponse.of(403, "Forbidden"));
            }
            case DigestAuthenticator.Outcome.Accepted accepted -> bind(register, accepted);
        }
    }

    /** The bindings of a user, contact -> when it expires. */
    public Map<String, Instant> bindings(String username) {
        Map<Object, Object> stored = redis.opsForHash().entries(key(username));
        Instant now = Instant.now();
        return stored.entrySet().stream()
                .map(entry -> Map.entry((String) entry.getKey(), Instant.ofEpochMilli(Long.parseLong((String) entry.getValue()))))
                .filter(entry -> entry.getValue().isAfter(now))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private void bind(IncomingRequest register, DigestAuthenticator.Outcome.Accepted accepted) {
        String key = key(accepted.username());
        String contact = register.header("Contact");
        Duration expires = expires(register, contact);
        if (contact == null) {
            register.respond(withBindings(SipResponse.of(200, "OK"), accepted.username()));
            return;
        }
        if (contact.strip().equals("*")) {
            if (!expires.isZero()) {
                register.respond(SipResponse.of(400, "Bad Request"));
                return;
            }
            redis.delete(key);
            register.respond(SipResponse.of(200, "OK"));
            return;
        }
        String address = CONTACT_EXPIRES.matcher(contact).replaceAll("").strip();
        if (expires.isZero()) {
            redis.opsForHash().delete(key, address);
        } else if (expires.compareTo(limits.minExpires()) < 0) {
            register.respond(SipResponse.of(423, "Interval Too Brief")
                    .withHeader("Min-Expires", String.valueOf(limits.minExpires().toSeconds())));
            return;
        } else {
            Duration granted = expires.compareTo(limits.maxExpires()) > 0 ? limits.maxExpires() : expires;
            redis.opsForHash().put(key, address, String.valueOf(Instant.now().plus(granted).toEpochMilli()));
            Long ttl = redis.getExpire(key);
            if (ttl == null || ttl < granted.toSeconds()) {
                redis.expire(key, granted);
            }
        }
        register.respond(withBindings(SipResponse.of(200, "OK"), accepted.username()));
    }

    private SipResponse withBindings(SipResponse response, String username) {
        Instant now = Instant.now();
        StringBuilder contacts = new StringBuilder();
        bindings(username).forEach((contact, until) -> {
            if (!contacts.isEmpty()) {
                contacts.append(", ");
            }
            contacts.append(contact).append(";expires=").append(Duration.between(now, until).toSeconds());
        });
        return contacts.isEmpty() ? response : response.withHeader("Contact", contacts.toString());
    }

    private Duration expires(IncomingRequest register, @Nullable String contact) {
        if (contact != null) {
            Matcher matcher = CONTACT_EXPIRES.matcher(contact);
            if (matcher.find()) {
                return Duration.ofSeconds(Long.parseLong(matcher.group(1)));
            }
        }
        String header = register.header("Expires");
        if (header != null && header.strip().matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(header.strip()));
        }
        return limits.defaultExpires();
    }

    private String key(String username) {
        return keyPrefix + "sip:registrations:" + realm + ":" + username;
    }
}
