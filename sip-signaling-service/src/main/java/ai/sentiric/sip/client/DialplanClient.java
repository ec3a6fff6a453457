package ai.sentiric.sip.client;

import ai.sentiric.proto.dialplan.v1.DialplanServiceGrpc;
import ai.sentiric.proto.dialplan.v1.MatchSipTrunkRequest;
import ai.sentiric.proto.dialplan.v1.ResolveDialplanRequest;
import ai.sentiric.proto.dialplan.v1.ResolveDialplanResponse;
import ai.sentiric.proto.dialplan.v1.SipTrunk;
import ai.sentiric.sip.SipProperties;
import ai.sentiric.support.warmup.WarmUp;
import ai.sentiric.support.warmup.WarmUpCall;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.stereotype.Component;

/** dialplan-service: which trunk an address belongs to, and what to do with a call. */
@Component
public class DialplanClient implements WarmUp {

    private final GrpcChannelFactory channels;
    private final DialplanServiceGrpc.DialplanServiceBlockingStub dialplans;
    private final DialplanServiceGrpc.DialplanServiceStub asyncDialplans;
    private final long deadlineMillis;
    /** Trunk matches by source address; a carrier sends every call from the same few addresses. */
    private final Cache<String, Optional<SipTrunk>> trunks;

    public DialplanClient(GrpcChannelFactory channels, SipProperties properties) {
        this.channels = channels;
        var channel = channels.createChannel("dialplan-service");
        this.dialplans = DialplanServiceGrpc.newBlockingStub(channel);
        this.asyncDialplans = DialplanServiceGrpc.newStub(channel).withExecutor(Runnable::run);
        this.deadlineMillis = properties.rpcDeadline().toMillis();
        this.trunks = Caffeine.newBuilder().expireAfterWrite(properties.trunkCacheTtl()).maximumSize(10_000).build();
    }

    /** The active trunk whose CIDRs hold the address, if any. */
    public Optional<SipTrunk> trunk(String sourceIp) {
        return trunks.get(sourceIp, ip -> {
            try {
                SipTrunk trunk = stub().matchSipTrunk(MatchSipTrunkRequest.newBuilder().setSourceIp(ip).build()).getTrunk();
                return trunk.getActive() ? Optional.of(trunk) : Optional.empty();
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    /** The trunk check of an address as remembered, without asking; null when it is not. */
    public @Nullable Optional<SipTrunk> rememberedTrunk(String sourceIp) {
        return trunks.getIfPresent(sourceIp);
    }

    /**
     * Resolves the call; NOT_FOUND and PERMISSION_DENIED fail the future with a
     * StatusRuntimeException. Completes on the transport thread that read the reply.
     */
    public CompletableFuture<ResolveDialplanResponse> resolve(String caller, String destination) {
        ResolveDialplanRequest request = ResolveDialplanRequest.newBuilder()
                .setCallerContactValue(caller).setDestinationNumber(destination).build();
        return Reply.start(reply -> asyncDialplans.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS)
                .resolveDialplan(request, reply));
    }

    /**
     * A trunk look-up for a documentation address (RFC 5737) that no trunk holds: loads the call
     * path on both sides and changes nothing (see {@link WarmUpCall}).
     */
    @Override
    public void warmUp() {
        WarmUpCall.to(channels, "dialplan-service", channel -> DialplanServiceGrpc.newBlockingStub(channel)
                .matchSipTrunk(MatchSipTrunkRequest.newBuilder().setSourceIp("192.0.2.1").build()));
    }

    private DialplanServiceGrpc.DialplanServiceBlockingStub stub() {
        return dialplans.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS);
    }
}
