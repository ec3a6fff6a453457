package ai.sentiric.sip.client;

import ai.sentiric.proto.user.v1.GetSipCredentialsRequest;
import ai.sentiric.proto.user.v1.UserServiceGrpc;
import ai.sentiric.sip.SipProperties;
import ai.sentiric.sip.auth.DigestAuthenticator;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.stereotype.Component;

/** user-service, for the digest credentials of SIP users and trunks. */
@Component
public class UserClient implements DigestAuthenticator.CredentialLookup {

    private final UserServiceGrpc.UserServiceBlockingStub users;
    private final long deadlineMillis;

    public UserClient(GrpcChannelFactory channels, SipProperties properties) {
        this.users = UserServiceGrpc.newBlockingStub(channels.createChannel("user-service"));
        this.deadlineMillis = properties.rpcDeadline().toMillis();
    }

    @Override
    public Optional<DigestAuthenticator.Credential> find(String username, String realm) {
        try {
            var found = users.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS)
                    .getSipCredentials(GetSipCredentialsRequest.newBuilder().setSipUsername(username).setRealm(realm).build());
            return Optional.of(new DigestAuthenticator.Credential(found.getUserId(), found.getTenantId(), found.getHa1Hash()));
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
