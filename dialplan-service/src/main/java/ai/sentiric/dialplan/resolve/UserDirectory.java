package ai.sentiric.dialplan.resolve;

import ai.sentiric.dialplan.DialplanProperties;
import ai.sentiric.proto.user.v1.ContactType;
import ai.sentiric.proto.user.v1.FindUserByContactRequest;
import ai.sentiric.proto.user.v1.FindUserByContactResponse;
import ai.sentiric.proto.user.v1.GetTenantRequest;
import ai.sentiric.proto.user.v1.UserServiceGrpc;
import ai.sentiric.support.errors.DomainException;
import ai.sentiric.support.errors.ErrorKind;
import ai.sentiric.support.warmup.WarmUp;
import ai.sentiric.support.warmup.WarmUpCall;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.stereotype.Component;

/**
 * What dialplan-service asks of user-service: does a tenant exist, and who is this caller. Caller
 * answers (found or not) are cached per tenant until the TTL or a {@code user.changed} event for
 * that tenant; failures are never cached.
 */
@Component
public class UserDirectory implements WarmUp {

    /** A caller look-up: a known user, nobody, or no answer (user-service failed). */
    public sealed interface Caller {
        record Known(FindUserByContactResponse match) implements Caller { }
        record Unknown() implements Caller { }
        record LookupFailed(String reason) implements Caller { }
    }

    private record CallerKey(String tenantId, String caller) { }

    private static final Caller UNKNOWN = new Caller.Unknown();

    private final GrpcChannelFactory channels;
    private final UserServiceGrpc.UserServiceBlockingStub users;
    private final DialplanProperties properties;
    private final LoadingCache<CallerKey, Caller> callers;

    public UserDirectory(GrpcChannelFactory channels, DialplanProperties properties) {
        this.channels = channels;
        this.users = UserServiceGrpc.newBlockingStub(channels.createChannel("user-service"));
        this.properties = properties;
        // Refreshed in the background once older than the TTL, so no INVITE waits for a refresh;
        // dropped at ten times the TTL when it could not be refreshed.
        this.callers = Caffeine.newBuilder()
                .maximumSize(properties.cacheSize())
                .refreshAfterWrite(properties.callerCacheTtl())
                .expireAfterWrite(properties.callerCacheTtl().multipliedBy(10))
                .build(this::lookUp);
    }

    /** NOT_FOUND when user-service does not know the tenant; UNAVAILABLE when it cannot say. */
    public void requireTenant(String tenantId) {
        try {
            deadline().getTenant(GetTenantRequest.newBuilder().setTenantId(tenantId).build());
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                throw DomainException.notFound("tenant", tenantId);
            }
            throw new DomainException(ErrorKind.UNAVAILABLE, "user-service cannot confirm tenant '" + tenantId + "': "
                    + e.getStatus().getCode());
        }
    }

    /**
     * A tenant look-up that user-service refuses (it names no tenant): loads the call path on both
     * sides, so the first caller look-up after a start does not (see {@link WarmUpCall}).
     */
    @Override
    public void warmUp() {
        WarmUpCall.to(channels, "user-service", channel -> UserServiceGrpc.newBlockingStub(channel)
                .getTenant(GetTenantRequest.getDefaultInstance()));
    }

    public Caller caller(String tenantId, String callerNumber) {
        try {
            return callers.get(new CallerKey(tenantId, callerNumber));
        } catch (LookupFailure failure) {
            return new Caller.LookupFailed(failure.getMessage());
        }
    }

    /** What {@link #caller} would answer, if the cache holds it; null when only user-service can say. */
    public @Nullable Caller cachedCaller(String tenantId, String callerNumber) {
        return callers.getIfPresent(new CallerKey(tenantId, callerNumber));
    }

    /** Drops every cached caller of the tenant: its users changed. */
    public void forgetTenant(String tenantId) {
        callers.asMap().keySet().removeIf(key -> key.tenantId().equals(tenantId));
    }

    /** Thrown by the loader so that a failed look-up is never cached (a refresh keeps the old answer). */
    private static final class LookupFailure extends RuntimeException {
        LookupFailure(String message) {
            super(message, null, false, false);
        }
    }

    private Caller lookUp(CallerKey key) {
        try {
            return new Caller.Known(deadline().findUserByContact(FindUserByContactRequest.newBuilder()
                    .setTenantId(key.tenantId()).setContactType(ContactType.CONTACT_TYPE_PHONE)
                    .setContactValue(key.caller()).build()));
        } catch (StatusRuntimeException e) {
            return switch (e.getStatus().getCode()) {
                // An unreadable number cannot belong to a user: the caller is a guest.
                case NOT_FOUND, INVALID_ARGUMENT -> UNKNOWN;
                default -> throw new LookupFailure(e.getStatus().getCode() + " "
                        + Optional.ofNullable(e.getStatus().getDescription()).orElse(""));
            };
        }
    }

    private UserServiceGrpc.UserServiceBlockingStub deadline() {
        return users.withDeadlineAfter(properties.userLookupTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }
}
