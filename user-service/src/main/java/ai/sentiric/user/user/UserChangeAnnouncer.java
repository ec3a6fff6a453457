package ai.sentiric.user.user;

import ai.sentiric.events.EventPublisher;
import ai.sentiric.proto.event.v1.EventEnvelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Announces committed user changes as {@code user.changed}, so that caches of user look-ups
 * (dialplan resolution) drop what they hold. Asynchronous: the request that made the change
 * never waits for the broker (while it is out of reach the announcement waits in the publisher's
 * backlog). A change that fails to announce is logged; those caches also expire on their own, so
 * a lost notice delays, never prevents, the update.
 */
@Component
class UserChangeAnnouncer {

    private static final Logger log = LoggerFactory.getLogger(UserChangeAnnouncer.class);

    private final EventPublisher publisher;

    UserChangeAnnouncer(EventPublisher publisher) {
        this.publisher = publisher;
    }

    @TransactionalEventListener
    void announce(UserChanged change) {
        publisher.publishAsync(EventEnvelope.newBuilder()
                .setTenantId(change.tenantId())
                .setUserChanged(ai.sentiric.proto.event.v1.UserChanged.newBuilder()
                        .setUserId(change.userId().toString()).setKind(change.kind()))
                .build()).whenComplete((published, failure) -> {
                    if (failure != null) {
                        log.warn("user.changed for {} not announced: {}", change.userId(), failure.toString());
                    }
                });
    }
}
