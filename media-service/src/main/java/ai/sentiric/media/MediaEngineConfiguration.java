package ai.sentiric.media;

import ai.sentiric.media.engine.playback.AudioClips;
import ai.sentiric.media.engine.session.EngineListener;
import ai.sentiric.media.engine.session.EngineSettings;
import ai.sentiric.media.engine.session.MediaEngine;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Builds the engine from the properties; Spring closes it (every session reported) on shutdown. */
@Configuration(proxyBeanMethods = false)
class MediaEngineConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MediaEngineConfiguration.class);

    @Bean(destroyMethod = "close")
    MediaEngine mediaEngine(MediaProperties properties, EngineListener listener, MediaMetrics metrics)
            throws UnknownHostException {
        MediaEngine engine = new MediaEngine(new EngineSettings(InetAddress.getByName(properties.bindAddress()),
                properties.portMin(), properties.portMax(), properties.quarantine(), properties.inactivityTimeout(),
                properties.maxDuration(), properties.relatchAfter(), properties.jitterDepth(),
                properties.recordings(), properties.clockRealtimePriority()), listener);
        metrics.watch(engine);
        if (properties.clockRealtimePriority() > 0) {
            int realtime = engine.realtimeClocks();
            if (realtime == engine.clockCount()) {
                log.info("RTP clocks: {} at real-time priority {}", realtime, properties.clockRealtimePriority());
            } else {
                log.warn("RTP clocks: {} of {} at real-time priority; the rest are normally scheduled and may pace late on a busy"
                        + " machine (real-time scheduling needs root or CAP_SYS_NICE)", realtime, engine.clockCount());
            }
        }
        return engine;
    }

    @Bean
    AudioClips audioClips(MediaProperties properties) {
        return new AudioClips(properties.assetsRoot());
    }
}
