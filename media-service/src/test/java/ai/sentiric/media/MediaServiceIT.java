package ai.sentiric.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import ai.sentiric.events.EventPublisher;
import ai.sentiric.proto.event.v1.EventEnvelope;
import ai.sentiric.proto.event.v1.MediaInactive;
import ai.sentiric.proto.media.v1.*;
import ai.sentiric.testkit.AmqpEndpoint;
import ai.sentiric.testkit.EventTap;
import ai.sentiric.testkit.Infrastructure;
import ai.sentiric.testkit.spring.InfrastructureTest;
import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.grpc.test.autoconfigure.LocalGrpcPort;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * media-service through its real gRPC contract, with a Java RTP peer on real UDP sockets playing
 * the caller: what the service streams out, plays back (payload and timing), records and
 * announces, and how it shrugs off bad datagrams and dead calls.
 */
@SpringBootTest(properties = {
        "spring.grpc.server.port=0",
        "sentiric.media.port-min=41000", "sentiric.media.port-max=41200",
        "sentiric.media.inactivity-timeout=2s",
        "sentiric.media.quarantine=1s",
        "sentiric.media.recordings=target/it-recordings",
        // Room for 8 events while the broker is away: from 4 waiting, no new session starts.
        "sentiric.events.backlog=8"})
@InfrastructureTest(postgres = false, redis = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MediaServiceIT {

    @LocalGrpcPort int grpcPort;
    @Value("${sentiric.events.exchange}") String exchange;

    ManagedChannel channel;
    MediaServiceGrpc.MediaServiceBlockingStub media;
    MediaServiceGrpc.MediaServiceStub async;
    EventTap events;

    @BeforeAll
    void connect() {
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build();
        media = MediaServiceGrpc.newBlockingStub(channel);
        async = MediaServiceGrpc.newStub(channel);
        events = EventTap.open(Infrastructure.shared().amqp(), exchange);
    }

    @AfterAll
    void disconnect() {
        events.close();
        channel.shutdownNow();
    }

    String newCall() {
        return "call-" + UUID.randomUUID();
    }

    int allocate(String callId, RtpPeer peer, SessionMode mode) {
        return media.allocatePort(AllocatePortRequest.newBuilder().setCallId(callId).setTenantId("sentiric_demo")
                .setMode(mode).setCodec(Codec.CODEC_PCMU).setTelephoneEventPayloadType(101)
                .setRemoteRtpAddr(peer == null ? "" : peer.address()).build()).getRtpPort();
    }

    static String toneWav(double seconds, float rate) throws Exception {
        int samples = (int) (seconds * rate);
        byte[] pcm = new byte[samples * 2];
        for (int i = 0; i < samples; i++) {
            short value = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / rate));
            pcm[2 * i] = (byte) value;
            pcm[2 * i + 1] = (byte) (value >> 8);
        }
        var out = new ByteArrayOutputStream();
        AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(pcm), new AudioFormat(rate, 16, 1, true, false), samples),
                AudioFileFormat.Type.WAVE, out);
        return "data:audio/wav;base64," + Base64.getEncoder().encodeToString(out.toByteArray());
    }

    static Status.Code code(Runnable call) {
        try {
            call.run();
            return Status.Code.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode();
        }
    }

    /** Collects a server stream. */
    static final class Collector<T> implements StreamObserver<T> {
        final List<T> items = new CopyOnWriteArrayList<>();
        volatile boolean completed;
        volatile Throwable error;

        @Override public void onNext(T value) { items.add(value); }
        @Override public void onError(Throwable t) { error = t; }
        @Override public void onCompleted() { completed = true; }
    }

    @Test
    void callerAudioIsStreamedAt16kHzWithVoiceActivityAndDtmf() {
        String callId = newCall();
        try (RtpPeer peer = new RtpPeer(0)) {
            int port = allocate(callId, peer, SessionMode.SESSION_MODE_NORMAL);
            Collector<StreamAudioResponse> stream = new Collector<>();
            async.streamAudio(StreamAudioRequest.newBuilder().setCallId(callId).build(), stream);
            try (RtpPeer caller = new RtpPeer(port)) {
                caller.sendTone(10, 0, 0);
                caller.sendTone(50, 1000, 8000);
                caller.sendDigit(5);
                caller.sendTone(30, 0, 0);
            }
            media.releasePort(ReleasePortRequest.newBuilder().setCallId(callId).build());
            await().atMost(Duration.ofSeconds(5)).until(() -> stream.completed);

            List<StreamAudioResponse> frames = stream.items.stream().filter(f -> f.getDtmfDigit().isEmpty()).toList();
            assertThat(frames).hasSizeGreaterThan(80).allSatisfy(f -> assertThat(f.getPcm().size()).isEqualTo(640));
            assertThat(frames.stream().filter(StreamAudioResponse::getVoiceActive).count()).isBetween(40L, 70L);
            assertThat(frames.getFirst().getVoiceActive()).isFalse();
            assertThat(stream.items.stream().map(StreamAudioResponse::getDtmfDigit).filter(d -> !d.isEmpty()))
                    .containsExactly("5");
            // The sequence numbers of the frames count up without gaps.
            for (int i = 1; i < frames.size(); i++) {
                assertThat(frames.get(i).getSequence()).isEqualTo(frames.get(i - 1).getSequence() + 1);
            }
        }
    }

    @Test
    void playAudioIsPacedOnA20msGridAndReportsWhenItFinished() throws Exception {
        String callId = newCall();
        try (RtpPeer peer = new RtpPeer(0)) {
            allocate(callId, peer, SessionMode.SESSION_MODE_NORMAL);
            PlayAudioResponse played = media.playAudio(PlayAudioRequest.newBuilder().setCallId(callId)
                    .setAudioUri(toneWav(1.0, 16000f)).build());
            assertThat(played.getResult()).isEqualTo(PlaybackResult.PLAYBACK_RESULT_FINISHED);
            assertThat(played.getPlayedMs()).isEqualTo(1000);

            await().atMost(Duration.ofSeconds(1)).until(() -> peer.voiced().size() >= 49);
            List<RtpPeer.Received> voiced = peer.voiced();
            assertThat(voiced).hasSizeBetween(49, 51);
            assertThat(voiced.getFirst().packet().marker()).isTrue();
            for (int i = 1; i < voiced.size(); i++) {
                var previous = voiced.get(i - 1).packet();
                var packet = voiced.get(i).packet();
                assertThat(packet.payloadType()).isZero();
                assertThat(packet.payloadLength()).isEqualTo(160);
                assertThat(packet.sequence()).isEqualTo((previous.sequence() + 1) & 0xFFFF);
                assertThat(packet.timestamp()).isEqualTo((previous.timestamp() + 160) & 0xFFFFFFFFL);
            }
            // 49 intervals of 20 ms between the first and the last voiced packet, within 2 frames.
            double spanMs = (voiced.getLast().arrivalNanos() - voiced.getFirst().arrivalNanos()) / 1e6;
            assertThat(spanMs).isCloseTo((voiced.size() - 1) * 20.0, within(40.0));
            // 8000 peak amplitude sine: RMS about 5,660.
            assertThat(voiced.get(25).rms()).isCloseTo(5657, within(400.0));
            media.releasePort(ReleasePortRequest.newBuilder().setCallId(callId).build());
        }
    }

    @Test
    void stopAudioFlushesTheQueueWithinAPacketTime() throws Exception {
        String callId = newCall();
        try (RtpPeer peer = new RtpPeer(0)) {
            // The caller sends throughout: without it the session ends for inactivity (2 s here),
            // which on a slow run came before the last assertion.
            peer.keepSendingSilenceTo(allocate(callId, peer, SessionMode.SESSION_MODE_NORMAL));
            Collector<PlayAudioResponse> first = new Collector<>();
            Collector<PlayAudioResponse> second = new Collector<>();
            String tone = toneWav(3.0, 8000f);
            async.playAudio(PlayAudioRequest.newBuilder().setCallId(callId).setAudioUri(tone).build(), first);
            async.playAudio(PlayAudioRequest.newBuilder().setCallId(callId).setAudioUri(tone).build(), second);
            await().atMost(Duration.ofSeconds(2)).until(() -> peer.voiced().size() >= 25);

            StopAudioResponse stopped = media.stopAudio(StopAudioRequest.newBuilder().setCallId(callId).build());
            long stoppedAt = System.nanoTime();
            assertThat(stopped.getFlushedMs()).isBetween(4_000, 5_600);
            await().atMost(Duration.ofSeconds(1)).until(() -> first.completed && second.completed);
            assertThat(first.items.getFirst().getResult()).isEqualTo(PlaybackResult.PLAYBACK_RESULT_INTERRUPTED);
            assertThat(second.items.getFirst().getResult()).isEqualTo(PlaybackResult.PLAYBACK_RESULT_INTERRUPTED);
            // The two RPCs may reach the queue in either order: one played a while, the other not at all.
            assertThat(Math.min(first.items.getFirst().getPlayedMs(), second.items.getFirst().getPlayedMs())).isZero();

            // Silence packets after the stop prove the sound stopped rather than the stream.
            await().atMost(Duration.ofSeconds(1)).until(() -> peer.received().stream()
                    .filter(r -> r.arrivalNanos() > stoppedAt + 100_000_000L).count() >= 5);
            assertThat(peer.voiced().stream().filter(r -> r.arrivalNanos() > stoppedAt + 25_000_000L)).isEmpty();
            assertThat(peer.received().getLast().rms()).isLessThan(50);
            media.releasePort(ReleasePortRequest.newBuilder().setCallId(callId).build());
        }
    }

    @Test
    void playStreamStartsSpeakingBeforeSynthesisEnds() throws Exception {
        String callId = newCall();
        try (RtpPeer peer = new RtpPeer(0)) {
            allocate(callId, peer, SessionMode.SESSION_MODE_NORMAL);
            Collector<PlayStreamResponse> result = new Collector<>();
            StreamObserver<PlayStreamRequest> tts = async.playStream(result);
            byte[] chunk = new byte[3200 * 2]; // 200 ms at 16 kHz
            for (int i = 0; i < 3200; i++) {
                short value = (short) (8000 * Math.sin(2 * Math.PI * 300 * i / 16000.0));
                chunk[2 * i] = (byte) value;
                chunk[2 * i + 1] = (byte) (value >> 8);
            }
            for (int i = 0; i < 5; i++) {
                tts.onNext(PlayStreamRequest.newBuilder().setCallId(callId).setSampleRateHz(16000)
                        .setPcm(ByteString.copyFrom(chunk)).build());
                Thread.sleep(150); // the pace of a synthesiser slower than real time: the stimulus, not a wait
            }
            assertThat(peer.voiced()).as("speech started before the stream ended").isNotEmpty();
            tts.onCompleted();
            await().atMost(Duration.ofSeconds(3)).until(() -> result.completed);
            assertThat(result.items.getFirst().getResult()).isEqualTo(PlaybackResult.PLAYBACK_RESULT_FINISHED);
            assertThat(result.items.getFirst().getPlayedMs()).isBetween(1_000, 1_100);
            media.releasePort(ReleasePortRequest.newBuilder().setCallId(callId).build());
        }
    }

    @Test
    void echoModePlaysTheCallerBackAndTheRecordingHoldsTheCall() throws Exception {
        String callId = newCall();
        try (RtpPeer caller = new RtpPeer(0)) {
            int port = allocate(callId, null, SessionMode.SESSION_MODE_ECHO);
            media.startRecording(StartRecordingRequest.newBuilder().setCallId(callId).build());
            try (RtpPeer phone = new RtpPeer(port)) {
                phone.sendTone(50, 600, 6000);
                phone.sendTone(25, 0, 0);
                // Latched onto the phone's source address: the echo comes back to it.
                assertThat(phone.voiced()).hasSizeBetween(45, 51);
                assertThat(phone.voiced().get(20).rms()).isCloseTo(4243, within(400.0));
            }
            String uri = media.stopRecording(StopRecordingRequest.newBuilder().setCallId(callId).build()).getRecordingUri();
            try (AudioInputStream wav = AudioSystem.getAudioInputStream(Path.of(URI.create(uri)).toFile())) {
                assertThat(wav.getFormat().getSampleRate()).isEqualTo(8000f);
                double seconds = wav.getFrameLength() / 8000.0;
                assertThat(seconds).isCloseTo(1.5, within(0.15));
                byte[] pcm = wav.readAllBytes();
                int loud = 0;
                for (int frame = 0; frame + 320 <= pcm.length; frame += 320) {
                    double sum = 0;
                    for (int i = frame; i < frame + 320; i += 2) {
                        double sample = (short) ((pcm[i] & 0xFF) | (pcm[i + 1] << 8));
                        sum += sample * sample;
                    }
                    loud += Math.sqrt(sum / 160) > 2000 ? 1 : 0;
                }
                // The caller's second and the echo of it, overlapping on one timeline.
                assertThat(loud).isBetween(48, 60);
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> !events.bodies("call.recording.available", callId).isEmpty());
            assertThat(events.bodies("call.recording.available", callId).getFirst()).contains(uri).contains("\"channels\":1");
            media.releasePort(ReleasePortRequest.newBuilder().setCallId(callId).build());
        }
    }

    @Test
    void aCallAllocatedWithRecordingIsRecordedFromItsFirstPacketIntoItsDaysDirectory() throws Exception {
        String callId = newCall();
        int port = media.allocatePort(AllocatePortRequest.newBuilder().setCallId(callId).setTenantId("sentiric_demo")
                .setMode(SessionMode.SESSION_MODE_NORMAL).setCodec(Codec.CODEC_PCMU)
                .setRecording(RecordingOptions.newBuilder().setStereo(true)).build()).getRtpPort();
        try (RtpPeer phone = new RtpPeer(port)) {
            phone.sendTone(25, 600, 6000);
        }
        media.releasePort(ReleasePortRequest.newBuilder().setCallId(callId).build());

        await().atMost(Duration.ofSeconds(5)).until(() -> !events.bodies("call.recording.available", callId).isEmpty());
        String event = events.bodies("call.recording.available", callId).getFirst();
        assertThat(event).contains("\"channels\":2");
        String uri = event.replaceAll(".*\"recordingUri\":\"([^\"]+)\".*", "$1");
        Path file = Path.of(URI.create(uri));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThat(file.getParent()).endsWith(Path.of("sentiric_demo", String.valueOf(today.getYear()),
                "%02d".formatted(today.getMonthValue()), "%02d".formatted(today.getDayOfMonth())));
        try (AudioInputStream wav = AudioSystem.getAudioInputStream(file.toFile())) {
            assertThat(wav.getFormat().getChannels()).isEqualTo(2);
            // The caller's half second, from the first packet on.
            assertThat(wav.getFrameLength() / 8000.0).isGreaterThanOrEqualTo(0.45);
        }
    }

    @Test
    void junkDatagramsAreCountedAndDroppedAndTheCallCarriesOn() {
        String callId = newCall();
        int port = allocate(callId, null, SessionMode.SESSION_MODE_NORMAL);
        Collector<StreamAudioResponse> stream = new Collector<>();
        async.streamAudio(StreamAudioRequest.newBuilder().setCallId(callId).build(), stream);
        try (RtpPeer phone = new RtpPeer(port); RtpPeer stranger = new RtpPeer(port)) {
            stranger.sendDatagram("not RTP at all".getBytes(), 14);
            phone.sendTone(10, 500, 5000);
            stranger.sendTone(5, 900, 5000);
            stranger.send(96, false, new byte[160]);
            stranger.sendDatagram(new byte[1800], 1800);
            phone.send(18, false, new byte[20]);
            phone.sendTone(10, 500, 5000);
            assertThat(phone.received()).isNotEmpty();
            assertThat(stranger.received()).isEmpty();
            int frames = stream.items.size();
            media.releasePort(ReleasePortRequest.newBuilder().setCallId(callId).build());
            assertThat(frames).isGreaterThanOrEqualTo(15);

            await().atMost(Duration.ofSeconds(5)).until(() -> !events.bodies("media.quality", callId).isEmpty());
            String quality = events.bodies("media.quality", callId).getFirst();
            assertThat(quality).contains("\"packetsReceived\":\"20\"").contains("\"packetsDropped\":\"9\"")
                    .contains("\"latchedAddr\":\"127.0.0.1:" + phone.port() + "\"")
                    .contains("MEDIA_END_REASON_RELEASED").contains("\"tenantId\":\"sentiric_demo\"");
            assertThat(events.bodies("media.inactive", callId)).as("a released session is not a dead call").isEmpty();
        }
    }

    @Test
    void aSessionThatReceivesNothingEndsAndIsReported() {
        String callId = newCall();
        int port = allocate(callId, null, SessionMode.SESSION_MODE_NORMAL);
        try (RtpPeer phone = new RtpPeer(port)) {
            phone.sendTone(5, 500, 5000);
        }
        await().atMost(Duration.ofSeconds(6)).until(() -> !events.bodies("media.quality", callId).isEmpty());
        assertThat(events.bodies("media.quality", callId).getFirst()).contains("MEDIA_END_REASON_INACTIVE");
        assertThat(events.bodies("media.inactive", callId)).singleElement().asString()
                .contains("\"packetsReceived\":\"5\"", "\"latchedAddr\":\"127.0.0.1:");
        assertThat(code(() -> media.releasePort(ReleasePortRequest.newBuilder().setCallId(callId).build())))
                .isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void sessionsGoOnWhileTheBrokerIsAwayNoNewOneStartsOnceHalfTheBacklogWaitsAndTheReportsArriveOnceItIsBack(
            @Autowired CachingConnectionFactory connections, @Autowired EventPublisher publisher) throws IOException {
        String running = newCall();
        allocate(running, null, SessionMode.SESSION_MODE_NORMAL);
        AmqpEndpoint broker = Infrastructure.shared().amqp();
        int nothingListens;
        try (ServerSocket closed = new ServerSocket(0)) {
            nothingListens = closed.getLocalPort();
        }
        String refused = newCall();
        try {
            connections.setAddresses("127.0.0.1:" + nothingListens);
            connections.resetConnection();
            for (int i = 0; i < 3; i++) {
                publisher.publishAsync(EventEnvelope.newBuilder().setCallId(newCall())
                        .setMediaInactive(MediaInactive.newBuilder().setPacketsReceived(0)).build());
            }
            media.releasePort(ReleasePortRequest.newBuilder().setCallId(running).build());
            assertThat(publisher.unconfirmed()).as("three events and the session's report wait").isGreaterThanOrEqualTo(4);

            assertThat(code(() -> allocate(refused, null, SessionMode.SESSION_MODE_NORMAL)))
                    .isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        } finally {
            connections.setAddresses(broker.host() + ":" + broker.port());
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> !events.bodies("media.quality", running).isEmpty());
        assertThat(events.bodies("media.quality", running).getFirst()).contains("MEDIA_END_REASON_RELEASED");
        await().atMost(Duration.ofSeconds(5)).until(() -> !publisher.backlogHalfFull());
        allocate(refused, null, SessionMode.SESSION_MODE_NORMAL);
        media.releasePort(ReleasePortRequest.newBuilder().setCallId(refused).build());
    }

    @Test
    void badRequestsGetPreciseStatuses() {
        String callId = newCall();
        assertThat(code(() -> media.allocatePort(AllocatePortRequest.getDefaultInstance())))
                .isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(code(() -> media.allocatePort(AllocatePortRequest.newBuilder().setCallId(callId)
                .setRemoteRtpAddr("nonsense").build()))).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(code(() -> media.playAudio(PlayAudioRequest.newBuilder().setCallId(callId).setAudioUri("x.wav").build())))
                .isEqualTo(Status.Code.NOT_FOUND);
        int port = allocate(callId, null, SessionMode.SESSION_MODE_NORMAL);
        assertThat(allocate(callId, null, SessionMode.SESSION_MODE_NORMAL)).as("allocation is idempotent").isEqualTo(port);
        assertThat(code(() -> media.playAudio(PlayAudioRequest.newBuilder().setCallId(callId)
                .setAudioUri("../../../../etc/passwd").build()))).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(code(() -> media.playAudio(PlayAudioRequest.newBuilder().setCallId(callId)
                .setAudioUri("data:audio/wav;base64,AAAA").build()))).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(code(() -> media.stopRecording(StopRecordingRequest.newBuilder().setCallId(callId).build())))
                .isEqualTo(Status.Code.FAILED_PRECONDITION);
        media.releasePort(ReleasePortRequest.newBuilder().setCallId(callId).build());
        assertThat(code(() -> media.stopAudio(StopAudioRequest.newBuilder().setCallId(callId).build())))
                .isEqualTo(Status.Code.NOT_FOUND);
    }
}
