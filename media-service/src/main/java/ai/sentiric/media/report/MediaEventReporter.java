package ai.sentiric.media.report;

import ai.sentiric.events.EventPublisher;
import ai.sentiric.media.MediaMetrics;
import ai.sentiric.media.engine.recording.Recorder;
import ai.sentiric.media.engine.session.DropReason;
import ai.sentiric.media.engine.session.EndReason;
import ai.sentiric.media.engine.session.EngineListener;
import ai.sentiric.media.engine.session.SessionReport;
import ai.sentiric.proto.event.v1.CallRecordingAvailable;
import ai.sentiric.proto.event.v1.EventEnvelope;
import ai.sentiric.proto.event.v1.MediaEndReason;
import ai.sentiric.proto.event.v1.MediaInactive;
import ai.sentiric.proto.event.v1.MediaQuality;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Announces what the engine reports: {@code media.quality} when a session ends (with why),
 * {@code media.inactive} before it when no RTP came for the inactivity timeout (signalling hangs
 * those calls up), and {@code call.recording.available}. Publishing is
 * asynchronous: the engine's threads never wait for the broker.
 */
@Component
class MediaEventReporter implements EngineListener {

    private static final Logger log = LoggerFactory.getLogger(MediaEventReporter.class);

    private final EventPublisher publisher;
    private final MediaMetrics metrics;

    MediaEventReporter(EventPublisher publisher, MediaMetrics metrics) {
        this.publisher = publisher;
        this.metrics = metrics;
    }

    @Override
    public void sessionEnded(SessionReport report) {
        metrics.sessionEnded();
        MediaQuality.Builder quality = MediaQuality.newBuilder()
                .setPacketsReceived(report.packetsReceived())
                .setPacketsLost(report.packetsLost())
                .setJitterMs(report.jitterMillis())
                .setMos(report.mos())
                .setPacketsSent(report.packetsSent())
                .setPacketsDropped(report.dropped())
                .setEndReason(MediaEndReason.valueOf("MEDIA_END_REASON_" + report.reason().name()));
        if (report.latched() != null) {
            quality.setLatchedAddr(report.latched());
        }
        if (report.reason() == EndReason.INACTIVE) {
            // First, and on its own routing key: signalling hangs up on it and binds nothing else.
            MediaInactive.Builder inactive = MediaInactive.newBuilder().setPacketsReceived(report.packetsReceived());
            if (report.latched() != null) {
                inactive.setLatchedAddr(report.latched());
            }
            publish(EventEnvelope.newBuilder().setCallId(report.callId()).setTenantId(report.tenantId())
                    .setMediaInactive(inactive).build());
        }
        publish(EventEnvelope.newBuilder().setCallId(report.callId()).setTenantId(report.tenantId())
                .setMediaQuality(quality).build());
    }

    @Override
    public void recordingFinished(String callId, String tenantId, Recorder.Recording recording) {
        publish(EventEnvelope.newBuilder().setCallId(callId).setTenantId(tenantId)
                .setCallRecordingAvailable(CallRecordingAvailable.newBuilder()
                        .setRecordingUri(recording.file().toUri().toString())
                        .setDurationMs((int) recording.durationMillis())
                        .setChannels(recording.channels()))
                .build());
    }

    @Override
    public void paced(long deviationNanos) {
        metrics.paced(deviationNanos);
    }

    @Override
    public void dropped(DropReason reason) {
        metrics.dropped(reason);
    }

    private void publish(EventEnvelope event) {
        publisher.publishAsync(event).whenComplete((published, failure) -> {
            if (failure != null) {
                log.warn("{} for call {} not published: {}", event.getPayloadCase(), event.getCallId(), failure.toString());
            }
        });
    }
}
