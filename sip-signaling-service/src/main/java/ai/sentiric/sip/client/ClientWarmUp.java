package ai.sentiric.sip.client;

import java.time.Duration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Once started, off the start-up path, one harmless request to each service a call set-up needs,
 * waiting up to a minute for it to come up: otherwise the first calls after a (re)start pay for
 * loading the gRPC call path on both sides, and while they wait, admission control sheds the
 * INVITEs behind them (before: the first call's INVITE->200 took 3.3 s, and at 20 calls/s 38 of
 * the first 100 INVITEs got 503).
 */
@Component
class ClientWarmUp implements ApplicationListener<ApplicationReadyEvent> {

    private static final Duration WAIT = Duration.ofMinutes(1);

    private final DialplanClient dialplans;
    private final MediaClient media;

    ClientWarmUp(DialplanClient dialplans, MediaClient media) {
        this.dialplans = dialplans;
        this.media = media;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent ready) {
        Thread.ofVirtual().name("grpc-warm-up").start(() -> {
            dialplans.warmUp(WAIT);
            media.warmUp(WAIT);
        });
    }
}
