package ai.sentiric.sip.call;

import ai.sentiric.events.BroadcastEventHandler;
import ai.sentiric.events.EventTypes;
import ai.sentiric.proto.event.v1.EventEnvelope;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Hangs up calls whose media died: media-service ends a session that received no RTP for its
 * inactivity timeout and says so in {@code media.inactive}. Every instance hears it; the one
 * carrying the call ends it. (It binds nothing else: {@code media.quality}, published at the end
 * of every session, would cost a delivery per call to find the rare timeout.)
 */
@Component
class MediaTimeoutListener implements BroadcastEventHandler {

    private final CallService calls;

    MediaTimeoutListener(CallService calls) {
        this.calls = calls;
    }

    @Override
    public void handle(EventEnvelope event) {
        if (event.hasMediaInactive()) {
            calls.mediaTimeout(event.getCallId());
        }
    }

    @Override
    public List<String> bindings() {
        return List.of(EventTypes.MEDIA_INACTIVE);
    }
}
