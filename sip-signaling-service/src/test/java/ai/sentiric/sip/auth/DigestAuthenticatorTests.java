package ai.sentiric.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DigestAuthenticatorTests {

    static final String REALM = "sentiric.local";
    static final String HA1 = DigestAuthenticator.md5("1001:" + REALM + ":secret");
    final MutableClock clock = new MutableClock();
    final DigestAuthenticator authenticator = new DigestAuthenticator(REALM, Duration.ofMinutes(5), "key".getBytes(), clock);
    final DigestAuthenticator.CredentialLookup lookup = (user, realm) -> user.equals("1001")
            ? Optional.of(new DigestAuthenticator.Credential("u", "t", HA1)) : Optional.empty();

    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-11-23T10:00:00Z");
        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    String nonce() {
        Matcher matcher = Pattern.compile("nonce=\"([^\"]+)\"").matcher(authenticator.challenge(false));
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    static String authorization(String nonce, String nc, String ha1) {
        String uri = "sip:sentiric.local";
        String response = DigestAuthenticator.md5(ha1 + ":" + nonce + ":" + nc + ":abc:auth:" + DigestAuthenticator.md5("REGISTER:" + uri));
        return "Digest username=\"1001\",realm=\"" + REALM + "\",nonce=\"" + nonce + "\",uri=\"" + uri
                + "\",response=\"" + response + "\",algorithm=MD5,cnonce=\"abc\",qop=auth,nc=" + nc;
    }

    @Test
    void theRightPasswordIsAcceptedOncePerNonceCount() {
        String nonce = nonce();
        assertThat(authenticator.check("REGISTER", authorization(nonce, "00000001", HA1), lookup))
                .isInstanceOf(DigestAuthenticator.Outcome.Accepted.class);
        assertThat(authenticator.check("REGISTER", authorization(nonce, "00000001", HA1), lookup))
                .as("a replayed nonce count").isInstanceOf(DigestAuthenticator.Outcome.Rejected.class);
        assertThat(authenticator.check("REGISTER", authorization(nonce, "00000002", HA1), lookup))
                .isInstanceOf(DigestAuthenticator.Outcome.Accepted.class);
    }

    @Test
    void wrongPasswordsForgedAndExpiredNoncesAreTold() {
        String nonce = nonce();
        assertThat(authenticator.check("REGISTER", authorization(nonce, "00000001", DigestAuthenticator.md5("1001:" + REALM + ":wrong")), lookup))
                .isEqualTo(new DigestAuthenticator.Outcome.Rejected("wrong password"));
        String forged = nonce.substring(0, nonce.length() - 2) + (nonce.endsWith("AA") ? "BB" : "AA");
        assertThat(authenticator.check("REGISTER", authorization(forged, "00000001", HA1), lookup))
                .isEqualTo(new DigestAuthenticator.Outcome.Rejected("a nonce we did not issue"));
        clock.now = clock.now.plus(Duration.ofMinutes(6));
        assertThat(authenticator.check("REGISTER", authorization(nonce, "00000002", HA1), lookup))
                .isEqualTo(new DigestAuthenticator.Outcome.Challenge(true));
        assertThat(authenticator.check("REGISTER", null, lookup)).isEqualTo(new DigestAuthenticator.Outcome.Challenge(false));
    }
}
