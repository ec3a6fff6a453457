package ai.sentiric.dialplan.resolve;

import ai.sentiric.events.BroadcastEventHandler;
import ai.sentiric.events.EventTypes;
import ai.sentiric.proto.event.v1.EventEnvelope;
import java.util.List;
import org.springframework.stereotype.Component;

/** Every instance drops its cached callers of a tenant when user-service changes one of its users. */
@Component
class UserChangeListener implements BroadcastEventHandler {

    private final UserDirectory directory;

    UserChangeListener(UserDirectory directory) {
        this.directory = directory;
    }

    @Override
    public void handle(EventEnvelope event) {
        directory.forgetTenant(event.getTenantId());
    }

    @Override
    public List<String> bindings() {
        return List.of(EventTypes.USER_CHANGED);
    }
}
