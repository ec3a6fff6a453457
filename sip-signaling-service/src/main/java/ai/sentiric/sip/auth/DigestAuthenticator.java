package ai.sentiric.sip.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * SIP digest authentication (RFC 3261 section 22 with qop=auth, MD5 as SIP trunks and phones
 * still use it). Nonces carry their issue time and an HMAC, so any instance can check them
 * without shared state and they expire; each nonce's nonce-count must grow, so a captured
 * Authorization header cannot be replayed.
 */
public final class DigestAuthenticator {

    /** A user's digest credentials, as user-service keeps them (HA1 only, never the password). */
    public record Credential(String userId, String tenantId, String ha1) {
    }

    /** Looks credentials up by user name and realm. */
    public interface CredentialLookup {
        Optional<Credential> find(String username, String realm);
    }

    /** What a request's credentials amount to. */
    public sealed interface Outcome {
        /** Authenticated. */
        record Accepted(Credential credential, String username) implements Outcome { }
        /** No usable credentials yet (or an expired nonce): challenge. */
        record Challenge(boolean stale) implements Outcome { }
        /** Credentials given and wrong (or replayed): refuse. */
        record Rejected(String why) implements Outcome { }
    }

    private static final Pattern PARAMETER = Pattern.compile("(\\w+)\\s*=\\s*(?:\"([^\"]*)\"|([^,\\s]+))");
    private static final int NONCE_BYTES = 8 + 8 + 16;

    private final String realm;
    private final Duration nonceTtl;
    private final Clock clock;
    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();
    /** The highest nonce-count seen per nonce, kept as long as a nonce lives. */
    private final Cache<String, AtomicLong> counts;

    public DigestAuthenticator(String realm, Duration nonceTtl, byte[] secret, Clock clock) {
        this.realm = realm;
        this.nonceTtl = nonceTtl;
        this.clock = clock;
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.counts = Caffeine.newBuilder().expireAfterWrite(nonceTtl.plusMinutes(1)).maximumSize(1_000_000).build();
    }

    /** The value of a WWW-Authenticate or Proxy-Authenticate header with a fresh nonce. */
    public String challenge(boolean stale) {
        byte[] nonce = new byte[NONCE_BYTES];
        ByteBuffer buffer = ByteBuffer.wrap(nonce).putLong(clock.millis());
        byte[] salt = new byte[8];
        random.nextBytes(salt);
        buffer.put(salt).put(mac(nonce, 16), 0, 16);
        return "Digest realm=\"" + realm + "\", nonce=\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(nonce)
                + "\", algorithm=MD5, qop=\"auth\"" + (stale ? ", stale=true" : "");
    }

    /** Checks an Authorization (or Proxy-Authorization) header of a request. */
    public Outcome check(String method, @Nullable String authorization, CredentialLookup lookup) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Digest", 0, 6)) {
            return new Outcome.Challenge(false);
        }
        Map<String, String> parameters = new HashMap<>();
        Matcher matcher = PARAMETER.matcher(authorization.substring(6));
        while (matcher.find()) {
            parameters.put(matcher.group(1).toLowerCase(), matcher.group(2) != null ? matcher.group(2) : matcher.group(3));
        }
        String username = parameters.get("username");
        String nonce = parameters.get("nonce");
        String uri = parameters.get("uri");
        String response = parameters.get("response");
        String cnonce = parameters.get("cnonce");
        String nc = parameters.get("nc");
        if (username == null || nonce == null || uri == null || response == null) {
            return new Outcome.Rejected("incomplete digest credentials");
        }
        if (!realm.equals(parameters.get("realm"))) {
            return new Outcome.Challenge(false);
        }
        if (!"auth".equals(parameters.get("qop")) || cnonce == null || nc == null) {
            return new Outcome.Rejected("qop=auth with cnonce and nc is required");
        }
        if (parameters.containsKey("algorithm") && !"MD5".equalsIgnoreCase(parameters.get("algorithm"))) {
            return new Outcome.Rejected("only the MD5 algorithm is supported");
        }
        NonceState state = nonceState(nonce);
        if (state == NonceState.FORGED) {
            return new Outcome.Rejected("a nonce we did not issue");
        }
        if (state == NonceState.EXPIRED) {
            return new Outcome.Challenge(true);
        }
        long count;
        try {
            count = Long.parseLong(nc, 16);
        } catch (NumberFormatException e) {
            return new Outcome.Rejected("nc is not hexadecimal");
        }
        Optional<Credential> credential = lookup.find(username, realm);
        if (credential.isEmpty()) {
            return new Outcome.Rejected("unknown user");
        }
        String ha2 = md5(method + ":" + uri);
        String expected = md5(credential.get().ha1() + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), response.toLowerCase().getBytes(StandardCharsets.US_ASCII))) {
            return new Outcome.Rejected("wrong password");
        }
        AtomicLong highest = counts.get(nonce, ignored -> new AtomicLong());
        long previous = highest.getAndAccumulate(count, Math::max);
        if (count <= previous) {
            return new Outcome.Rejected("nonce count " + nc + " replayed");
        }
        return new Outcome.Accepted(credential.get(), username);
    }

    private enum NonceState { VALID, EXPIRED, FORGED }

    private NonceState nonceState(String nonce) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(nonce);
        } catch (IllegalArgumentException e) {
            return NonceState.FORGED;
        }
        if (bytes.length != NONCE_BYTES) {
            return NonceState.FORGED;
        }
        byte[] signature = new byte[16];
        System.arraycopy(bytes, 16, signature, 0, 16);
        if (!MessageDigest.isEqual(signature, Arrays.copyOf(mac(bytes, 16), 16))) {
            return NonceState.FORGED;
        }
        long issued = ByteBuffer.wrap(bytes).getLong();
        return clock.millis() - issued > nonceTtl.toMillis() ? NonceState.EXPIRED : NonceState.VALID;
    }

    private byte[] mac(byte[] data, int length) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(data, 0, length);
            return mac.doFinal();
        } catch (Exception e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** Lower-case hex MD5, the digest scheme's hash. */
    public static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
    }
}
