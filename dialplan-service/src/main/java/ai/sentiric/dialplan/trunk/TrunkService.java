package ai.sentiric.dialplan.trunk;

import ai.sentiric.dialplan.CatalogChanged;
import ai.sentiric.dialplan.route.InboundRouteRepository;
import ai.sentiric.support.errors.DomainException;
import ai.sentiric.support.errors.ErrorKind;
import ai.sentiric.support.warmup.WarmUp;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/** A tenant's SIP trunks, and which trunk a source address belongs to. */
@Service
@Transactional(readOnly = true)
public class TrunkService implements WarmUp {

    static final Set<String> CODECS = Set.of("PCMU", "PCMA", "G722", "opus", "telephone-event");

    private final SipTrunkRepository trunks;
    private final InboundRouteRepository routes;
    private final ApplicationEventPublisher events;

    public TrunkService(SipTrunkRepository trunks, InboundRouteRepository routes, ApplicationEventPublisher events) {
        this.trunks = trunks;
        this.routes = routes;
        this.events = events;
    }

    public List<SipTrunk> list(String tenantId) {
        return trunks.findByTenantIdOrderByName(tenantId);
    }

    public SipTrunk get(String tenantId, long id) {
        return trunks.findByIdAndTenantId(id, tenantId).orElseThrow(() -> DomainException.notFound("SIP trunk", id));
    }

    /** An active trunk with its blocks parsed once, for matching every INVITE without the database. */
    private record Candidate(SipTrunk trunk, List<Cidr> blocks) {
    }

    /** The active trunks, parsed; null until first needed and after any committed catalogue change. */
    private volatile @Nullable List<Candidate> candidates;

    /** Loads the active trunks, so the first MatchSipTrunk after a (re)start does not wait for them. */
    @Override
    public void warmUp() {
        match("192.0.2.1");
    }

    /** The active trunk whose allowed blocks contain the address; the most specific block wins. */
    public Optional<SipTrunk> match(String sourceIp) {
        List<Candidate> current = candidates;
        if (current == null) {
            current = trunks.findByActiveTrue().stream()
                    .map(trunk -> new Candidate(trunk, trunk.getAllowedCidrs().stream().map(Cidr::parse).toList()))
                    .toList();
            candidates = current;
        }
        SipTrunk best = null;
        int bestPrefix = -1;
        for (Candidate candidate : current) {
            for (Cidr cidr : candidate.blocks()) {
                if (cidr.prefix() > bestPrefix && cidr.contains(sourceIp)) {
                    best = candidate.trunk();
                    bestPrefix = cidr.prefix();
                }
            }
        }
        return Optional.ofNullable(best);
    }

    @TransactionalEventListener(fallbackExecution = true)
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    void onChange(CatalogChanged change) {
        candidates = null;
    }

    @Transactional
    public SipTrunk create(String tenantId, String name, List<String> cidrs, List<String> codecs, boolean active) {
        validate(cidrs, codecs);
        if (trunks.existsByTenantIdAndName(tenantId, name)) {
            throw DomainException.alreadyExists("a SIP trunk named '" + name + "' already exists");
        }
        SipTrunk trunk = trunks.saveAndFlush(new SipTrunk(tenantId, name, cidrs, codecs, active));
        events.publishEvent(new CatalogChanged(tenantId, "trunk"));
        return trunk;
    }

    @Transactional
    public SipTrunk update(String tenantId, long id, String name, List<String> cidrs, List<String> codecs, boolean active) {
        validate(cidrs, codecs);
        SipTrunk trunk = get(tenantId, id);
        if (!trunk.getName().equals(name) && trunks.existsByTenantIdAndName(tenantId, name)) {
            throw DomainException.alreadyExists("a SIP trunk named '" + name + "' already exists");
        }
        trunk.change(name, cidrs, codecs, active);
        trunks.saveAndFlush(trunk);
        events.publishEvent(new CatalogChanged(tenantId, "trunk"));
        return trunk;
    }

    @Transactional
    public void delete(String tenantId, long id) {
        SipTrunk trunk = get(tenantId, id);
        if (routes.existsBySipTrunkId(id)) {
            throw new DomainException(ErrorKind.FAILED_PRECONDITION, "SIP trunk '" + trunk.getName() + "' is used by an inbound route");
        }
        trunks.delete(trunk);
        events.publishEvent(new CatalogChanged(tenantId, "trunk"));
    }

    private static void validate(List<String> cidrs, List<String> codecs) {
        cidrs.forEach(Cidr::parse);
        codecs.stream().filter(codec -> !CODECS.contains(codec)).findFirst().ifPresent(codec -> {
            throw DomainException.invalid("unknown codec '" + codec + "'; known: " + CODECS);
        });
        if (codecs.stream().noneMatch(codec -> codec.equals("PCMU") || codec.equals("PCMA"))) {
            throw DomainException.invalid("a trunk needs PCMU or PCMA: the media engine speaks G.711");
        }
    }
}
