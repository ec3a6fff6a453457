package ai.sentiric.media;

import ai.sentiric.media.engine.playback.AudioClips;
import ai.sentiric.media.engine.session.EngineListener;
import ai.sentiric.media.engine.session.EngineSettings;
import ai.sentiric.media.engine.session.MediaEngine;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Builds the engine from the properties; Spring closes it (every session reported) on shutdown. */
@Configuration(proxyBeanMethods = false)
class MediaEngineConfiguration {

    @Bean(destroyMethod = "close")
    MediaEngine mediaEngine(MediaProperties properties, EngineListener listener, MediaMetrics metrics)
            throws UnknownHostException {
        MediaEngine engine = new MediaEngine(new EngineSettings(InetAddress.getByName(properties.bindAddress()),
                properties.portMin(), properties.portMax(), properties.quarantine(), properties.inactivityTimeout(),
                properties.maxDuration(), properties.relatchAfter(), properties.jitterDepth(),
                properties.recordings()), listener);
        metrics.watch(engine);
        return engine;
    }

    @Bean
    AudioClips audioClips(MediaProperties properties) {
        return new AudioClips(properties.assetsRoot());
    }
}
