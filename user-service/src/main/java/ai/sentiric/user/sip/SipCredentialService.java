package ai.sentiric.user.sip;

import ai.sentiric.support.errors.DomainException;
import ai.sentiric.user.UserServiceProperties;
import ai.sentiric.user.user.UserService;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * SIP digest credentials. Only HA1 is stored, computed for the configured realm: that is all a
 * registrar needs to check RFC 2617/7616 digests, and a stolen HA1 is useless in any other realm.
 */
@Service
@Transactional(readOnly = true)
public class SipCredentialService {

    private static final Pattern USERNAME = Pattern.compile("^[A-Za-z0-9._+-]{1,64}$");

    private final SipCredentialRepository credentials;
    private final UserService users;
    private final String realm;

    public SipCredentialService(SipCredentialRepository credentials, UserService users, UserServiceProperties properties) {
        this.credentials = credentials;
        this.users = users;
        this.realm = properties.sipRealm();
    }

    public String realm() {
        return realm;
    }

    /** The credential for a digest check; NOT_FOUND for an unknown name or another realm. */
    public SipCredential forDigest(String username, String requestedRealm) {
        if (!realm.equals(requestedRealm)) {
            throw DomainException.notFound("SIP realm", requestedRealm);
        }
        return credentials.findBySipUsername(username).filter(c -> c.getRealm().equals(realm))
                .orElseThrow(() -> DomainException.notFound("SIP user", username));
    }

    public List<SipCredential> list(String tenantId) {
        return credentials.findByTenantIdOrderBySipUsername(tenantId);
    }

    @Transactional
    public SipCredential create(String tenantId, UUID userId, String username, String password) {
        users.get(tenantId, userId);
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw DomainException.invalid("a SIP user name has 1 to 64 letters, digits or ._+-");
        }
        if (password == null || password.length() < 8) {
            throw DomainException.invalid("a SIP password has at least 8 characters");
        }
        if (credentials.existsBySipUsername(username)) {
            throw DomainException.alreadyExists("SIP user '" + username + "' already exists");
        }
        return credentials.saveAndFlush(new SipCredential(tenantId, userId, username, realm, ha1(username, realm, password)));
    }

    @Transactional
    public void delete(String tenantId, String username) {
        credentials.delete(credentials.findBySipUsernameAndTenantId(username, tenantId)
                .orElseThrow(() -> DomainException.notFound("SIP user", username)));
    }

    static String ha1(String username, String realm, String password) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5")
                    .digest((username + ":" + realm + ":" + password).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
