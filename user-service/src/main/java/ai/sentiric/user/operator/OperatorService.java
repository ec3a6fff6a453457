package ai.sentiric.user.operator;

import ai.sentiric.support.errors.DomainException;
import ai.sentiric.support.errors.ErrorKind;
import ai.sentiric.user.tenant.TenantService;
import java.util.Locale;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Operator accounts. Passwords are hashed with Argon2id (OWASP's first choice); a login for an
 * unknown e-mail still runs one hash so that timing does not tell which addresses exist.
 */
@Service
@Transactional(readOnly = true)
public class OperatorService {

    private final OperatorRepository operators;
    private final TenantService tenants;
    private final PasswordEncoder encoder = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    private final String decoyHash = encoder.encode("decoy-password-for-unknown-accounts");

    public OperatorService(OperatorRepository operators, TenantService tenants) {
        this.operators = operators;
        this.tenants = tenants;
    }

    public Page<Operator> list(String tenantId, Pageable page) {
        tenants.get(tenantId);
        return operators.findByTenantId(tenantId, page);
    }

    @Transactional
    public Operator create(String tenantId, String email, String password, OperatorRole role) {
        tenants.active(tenantId);
        String address = email.strip().toLowerCase(Locale.ROOT);
        if (password == null || password.length() < 12) {
            throw DomainException.invalid("an operator password has at least 12 characters");
        }
        if (role == OperatorRole.PLATFORM_ADMIN && !"system".equals(tenantId)) {
            throw DomainException.invalid("platform admins belong to the system tenant");
        }
        if (operators.existsByEmail(address)) {
            throw DomainException.alreadyExists("an operator with this e-mail already exists");
        }
        return operators.saveAndFlush(new Operator(UUID.randomUUID(), tenantId, address, encoder.encode(password), role));
    }

    @Transactional
    public void delete(String tenantId, UUID operatorId) {
        operators.delete(operators.findByIdAndTenantId(operatorId, tenantId)
                .orElseThrow(() -> DomainException.notFound("operator", operatorId)));
    }

    /** The operator with these credentials, of an active tenant; UNAUTHENTICATED otherwise. */
    @Transactional
    public Operator authenticate(String email, String password) {
        var found = operators.findByEmail(email == null ? "" : email.strip().toLowerCase(Locale.ROOT));
        String hash = found.map(Operator::getPasswordHash).orElse(decoyHash);
        boolean matches = encoder.matches(password == null ? "" : password, hash);
        Operator operator = found.filter(o -> matches)
                .filter(o -> tenants.get(o.getTenantId()).isActive())
                .orElseThrow(() -> new DomainException(ErrorKind.UNAUTHENTICATED, "wrong e-mail or password"));
        if (encoder.upgradeEncoding(hash)) {
            operator.setPasswordHash(encoder.encode(password));
        }
        operator.loggedIn();
        return operator;
    }
}
