package ai.sentiric.dialplan.grpc;

import ai.sentiric.dialplan.plan.PlanService;
import ai.sentiric.dialplan.prompt.PromptService;
import ai.sentiric.dialplan.resolve.DialplanResolver;
import ai.sentiric.dialplan.resolve.RouteCatalog;
import ai.sentiric.dialplan.trunk.TrunkService;
import ai.sentiric.proto.dialplan.v1.*;
import ai.sentiric.support.errors.DomainException;
import ai.sentiric.support.grpc.GrpcHandlerExecutor;
import ai.sentiric.support.grpc.NonBlockingRpc;
import io.grpc.stub.StreamObserver;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** The DialplanService contract, adapted onto the resolver, the catalogue and the prompt store. */
@Service
public class DialplanGrpcService extends DialplanServiceGrpc.DialplanServiceImplBase {

    private final DialplanResolver resolver;
    private final RouteCatalog catalog;
    private final PlanService plans;
    private final TrunkService trunks;
    private final PromptService prompts;
    private final GrpcHandlerExecutor<?> handlers;

    public DialplanGrpcService(DialplanResolver resolver, RouteCatalog catalog, PlanService plans, TrunkService trunks,
                               PromptService prompts, GrpcHandlerExecutor<?> handlers) {
        this.resolver = resolver;
        this.catalog = catalog;
        this.plans = plans;
        this.trunks = trunks;
        this.prompts = prompts;
        this.handlers = handlers;
    }

    /**
     * On the transport thread when the caches hold everything the resolution needs (every call but
     * a new caller's, or the first after a catalogue change); otherwise on the handler pool, where
     * waiting for the database or user-service holds up no other call.
     */
    @Override
    @NonBlockingRpc
    public void resolveDialplan(ResolveDialplanRequest request, StreamObserver<ResolveDialplanResponse> response) {
        Instant at = request.hasCallTime()
                ? Instant.ofEpochSecond(request.getCallTime().getSeconds(), request.getCallTime().getNanos()) : null;
        String caller = request.getCallerContactValue();
        String destination = request.getDestinationNumber();
        Optional<ResolveDialplanResponse> fromMemory = resolver.resolveFromMemory(caller, destination, at);
        if (fromMemory.isPresent()) {
            reply(response, fromMemory.get());
        } else {
            handlers.offload(response, () -> resolver.resolve(caller, destination, at));
        }
    }

    @Override
    public void getInboundRoute(GetInboundRouteRequest request, StreamObserver<GetInboundRouteResponse> response) {
        var route = catalog.route(request.getPhoneNumber())
                .orElseThrow(() -> DomainException.notFound("inbound route", request.getPhoneNumber()));
        reply(response, GetInboundRouteResponse.newBuilder().setRoute(route.toProto()).build());
    }

    @Override
    public void getDialplan(GetDialplanRequest request, StreamObserver<GetDialplanResponse> response) {
        var plan = plans.visible(request.getTenantId(), request.getDialplanId())
                .orElseThrow(() -> DomainException.notFound("dialplan", request.getDialplanId()));
        reply(response, GetDialplanResponse.newBuilder().setDialplan(DialplanProtos.plan(plan)).build());
    }

    @Override
    public void matchSipTrunk(MatchSipTrunkRequest request, StreamObserver<MatchSipTrunkResponse> response) {
        var trunk = trunks.match(request.getSourceIp())
                .orElseThrow(() -> DomainException.notFound("SIP trunk for source", request.getSourceIp()));
        reply(response, MatchSipTrunkResponse.newBuilder().setTrunk(DialplanProtos.trunk(trunk)).build());
    }

    @Override
    public void getAnnouncement(GetAnnouncementRequest request, StreamObserver<GetAnnouncementResponse> response) {
        var announcement = prompts.announcement(request.getTenantId(), request.getAnnouncementId(), request.getLanguageCode());
        reply(response, GetAnnouncementResponse.newBuilder().setAnnouncement(DialplanProtos.announcement(announcement)).build());
    }

    @Override
    public void getPromptTemplate(GetPromptTemplateRequest request, StreamObserver<GetPromptTemplateResponse> response) {
        var template = prompts.template(request.getTenantId(), request.getTemplateId(), request.getLanguageCode());
        reply(response, GetPromptTemplateResponse.newBuilder().setTemplate(DialplanProtos.template(template)).build());
    }

    private static <T> void reply(StreamObserver<T> observer, T message) {
        observer.onNext(message);
        observer.onCompleted();
    }
}
