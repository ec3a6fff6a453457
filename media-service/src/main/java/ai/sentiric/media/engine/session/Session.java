package ai.sentiric.media.engine.session;

import ai.sentiric.media.engine.audio.Resampler;
import ai.sentiric.media.engine.audio.VoiceActivityDetector;
import ai.sentiric.media.engine.codec.G711;
import ai.sentiric.media.engine.dtmf.TelephoneEventDetector;
import ai.sentiric.media.engine.jitter.JitterBuffer;
import ai.sentiric.media.engine.jitter.MosEstimate;
import ai.sentiric.media.engine.jitter.ReceiverStatistics;
import ai.sentiric.media.engine.playback.Playback;
import ai.sentiric.media.engine.recording.Recorder;
import ai.sentiric.media.engine.recording.RecordingStore;
import ai.sentiric.media.engine.rtp.RtpPacket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * One call's RTP session. The receive loop hands it datagrams ({@link #receive}); the engine's
 * clock calls {@link #tick} every 20 ms on the session's own grid, which plays one frame out of
 * the jitter buffer to subscribers, the recorder and (in echo mode) back to the caller, and sends
 * one frame of playback (or silence, which keeps NAT bindings open).
 *
 * <p>Thread-safety: every mutable field is guarded by {@code this}; the receive loop, the clock and
 * RPCs all take the lock, for microseconds.
 */
final class Session {

    static final int FRAME_SAMPLES = 160;
    static final long FRAME_NANOS = 20_000_000L;
    /** Largest datagram accepted; an Ethernet MTU. */
    static final int MAX_DATAGRAM = 1500;
    /** Echo mode keeps at most a second of the caller's audio waiting to be played back. */
    private static final int ECHO_QUEUE_FRAMES = 50;

    final SessionSpec spec;
    final int port;
    final DatagramChannel channel;
    private final EngineSettings settings;
    private final EngineListener listener;
    private final long startedNanos;
    /** When the next outbound frame is due: start + n * 20 ms, so the clock never drifts. */
    long nextDueNanos;

    private @Nullable InetSocketAddress latched;
    private long lastReceivedNanos;
    private long ssrc = -1;
    private JitterBuffer jitter;
    private ReceiverStatistics statistics = new ReceiverStatistics(8000);
    private long receivedBefore;
    private long lostBefore;
    private long expectedBefore;
    private final TelephoneEventDetector dtmf = new TelephoneEventDetector();
    private final ArrayDeque<Character> pendingDigits = new ArrayDeque<>();
    private final VoiceActivityDetector vad = new VoiceActivityDetector(9.0, 15);
    private @Nullable Resampler upsampler;
    private final List<AudioSubscriber> subscribers = new CopyOnWriteArrayList<>();
    private final ArrayDeque<Playback> playbacks = new ArrayDeque<>();
    private final ArrayDeque<short[]> echo = new ArrayDeque<>();
    private @Nullable Recorder recorder;
    private long dropped;
    private boolean ended;

    private final long outSsrc = ThreadLocalRandom.current().nextLong(1L << 32);
    private int outSequence = ThreadLocalRandom.current().nextInt(1 << 16);
    private long outTimestamp = ThreadLocalRandom.current().nextLong(1L << 32);
    private long packetsSent;
    private long streamSequence;
    private boolean talking;
    private final short[] outFrame = new short[FRAME_SAMPLES];
    private final byte[] outPayload = new byte[FRAME_SAMPLES];
    private final byte[] outPacket = new byte[RtpPacket.HEADER_LENGTH + FRAME_SAMPLES];
    private final ByteBuffer outBuffer = ByteBuffer.wrap(outPacket);
    private final short[] inFrame = new short[MAX_DATAGRAM];

    Session(SessionSpec spec, int port, DatagramChannel channel, EngineSettings settings, EngineListener listener,
            long nowNanos) {
        this.spec = spec;
        this.port = port;
        this.channel = channel;
        this.settings = settings;
        this.listener = listener;
        this.startedNanos = nowNanos;
        this.lastReceivedNanos = nowNanos;
        this.nextDueNanos = nowNanos + FRAME_NANOS;
        this.jitter = new JitterBuffer(settings.jitterDepth());
    }

    /** One datagram from the socket. Anything that is not the caller's RTP is counted and dropped. */
    synchronized void receive(byte[] data, int length, InetSocketAddress from, long nowNanos) {
        if (ended) {
            return;
        }
        if (length > MAX_DATAGRAM) {
            drop(DropReason.OVERSIZED);
            return;
        }
        RtpPacket packet;
        try {
            packet = RtpPacket.parse(data, length);
        } catch (RtpPacket.MalformedRtpException e) {
            drop(DropReason.NOT_RTP);
            return;
        }
        int payloadType = packet.payloadType();
        if (payloadType >= 72 && payloadType <= 79) {
            // RTCP multiplexed on the RTP port (RFC 5761): payload types 200-207 with the marker bit.
            drop(DropReason.RTCP);
            return;
        }
        boolean telephoneEvent = spec.telephoneEventPayloadType() != 0 && payloadType == spec.telephoneEventPayloadType();
        if (!telephoneEvent && payloadType != (spec.alaw() ? 8 : 0)) {
            drop(DropReason.WRONG_PAYLOAD_TYPE);
            return;
        }
        if (latched == null) {
            latched = from;
        } else if (!latched.equals(from)) {
            // A NAT may re-bind the caller to a new address: only after the latched one fell silent.
            if (nowNanos - lastReceivedNanos < settings.relatchAfter().toNanos()) {
                drop(DropReason.STRANGER);
                return;
            }
            latched = from;
        }
        lastReceivedNanos = nowNanos;
        if (packet.ssrc() != ssrc) {
            if (ssrc >= 0) {
                // A new source (a transfer at the far end, a restarted phone): a new sequence space.
                receivedBefore += statistics.received();
                lostBefore += Math.max(0, statistics.lost());
                expectedBefore += statistics.expected();
                statistics = new ReceiverStatistics(8000);
                jitter = new JitterBuffer(settings.jitterDepth());
            }
            ssrc = packet.ssrc();
        }
        statistics.received(packet.sequence(), packet.timestamp(), nowNanos);
        if (telephoneEvent) {
            dtmf.accept(packet.timestamp(), data, packet.payloadOffset(), packet.payloadLength())
                    .ifPresent(digit -> pendingDigits.add(digit.digit()));
            return;
        }
        byte[] copy = new byte[length];
        System.arraycopy(data, 0, copy, 0, length);
        jitter.offer(new RtpPacket(packet.marker(), payloadType, packet.sequence(), packet.timestamp(),
                packet.ssrc(), copy, packet.payloadOffset(), packet.payloadLength()));
    }

    /**
     * One 20 ms step of the session's clock.
     *
     * @return why the session must end now, or null to carry on
     */
    synchronized @Nullable EndReason tick(long nowNanos) {
        if (ended) {
            return null;
        }
        if (nowNanos - lastReceivedNanos > settings.inactivityTimeout().toNanos()) {
            return EndReason.INACTIVE;
        }
        if (nowNanos - startedNanos > settings.maxDuration().toNanos()) {
            return EndReason.MAX_DURATION;
        }
        short[] caller = playOutInbound();
        short[] platform = nextOutbound();
        send(platform);
        if (recorder != null) {
            try {
                recorder.write(caller, platform);
            } catch (IOException e) {
                recorder.abandon();
                recorder = null;
            }
        }
        return null;
    }

    /** The caller's next frame out of the jitter buffer, to subscribers and the echo; null when none. */
    private short @Nullable [] playOutInbound() {
        while (!pendingDigits.isEmpty()) {
            char digit = pendingDigits.poll();
            for (AudioSubscriber subscriber : subscribers) {
                subscriber.dtmf(digit, streamSequence);
            }
        }
        var slot = jitter.poll();
        // A caller whose clock runs fast fills the buffer: play two frames in one tick to catch up.
        if (slot.isPresent() && jitter.buffered() > settings.jitterDepth()) {
            slot = jitter.poll();
        }
        if (slot.isEmpty()) {
            return null;
        }
        short[] frame;
        int count;
        if (slot.get() instanceof JitterBuffer.Slot.Packet(RtpPacket packet)) {
            count = Math.min(packet.payloadLength(), inFrame.length);
            G711.decode(packet.data(), packet.payloadOffset(), count, spec.alaw(), inFrame);
            frame = Arrays.copyOf(inFrame, count);
        } else {
            // A lost packet plays as silence (G.711 has no concealment of its own).
            frame = new short[FRAME_SAMPLES];
            count = FRAME_SAMPLES;
        }
        boolean voice = vad.accept(frame, count);
        if (!subscribers.isEmpty()) {
            if (upsampler == null) {
                upsampler = Resampler.upsampler8kTo16k();
            }
            short[] wide = upsampler.process(frame, count);
            byte[] pcm = new byte[wide.length * 2];
            for (int i = 0; i < wide.length; i++) {
                pcm[2 * i] = (byte) wide[i];
                pcm[2 * i + 1] = (byte) (wide[i] >> 8);
            }
            long sequence = streamSequence++;
            for (AudioSubscriber subscriber : subscribers) {
                subscriber.frame(pcm, voice, sequence);
            }
        }
        if (count != FRAME_SAMPLES) {
            return null;
        }
        if (spec.echo()) {
            if (echo.size() == ECHO_QUEUE_FRAMES) {
                echo.poll();
            }
            echo.add(frame);
        }
        return frame;
    }

    /** The platform's next frame: echo, the head of the playback queue, or null for silence. */
    private short @Nullable [] nextOutbound() {
        if (spec.echo()) {
            return echo.poll();
        }
        while (!playbacks.isEmpty()) {
            if (playbacks.peek().read(outFrame)) {
                return outFrame;
            }
            playbacks.poll();
        }
        return null;
    }

    private void send(short @Nullable [] frame) {
        InetSocketAddress target = latched != null ? latched : spec.remote();
        boolean voice = frame != null;
        if (frame == null) {
            Arrays.fill(outPayload, 0, FRAME_SAMPLES, G711.silence(spec.alaw()));
        } else {
            G711.encode(frame, FRAME_SAMPLES, spec.alaw(), outPayload, 0);
        }
        // The marker bit opens each talkspurt (RFC 3551 section 4.1).
        boolean marker = voice && !talking;
        talking = voice;
        RtpPacket.write(marker, spec.alaw() ? 8 : 0, outSequence, outTimestamp, outSsrc, outPayload, 0,
                FRAME_SAMPLES, outPacket);
        outSequence = (outSequence + 1) & 0xFFFF;
        outTimestamp = (outTimestamp + FRAME_SAMPLES) & 0xFFFFFFFFL;
        if (target == null) {
            return;
        }
        try {
            outBuffer.clear();
            if (channel.send(outBuffer, target) > 0) {
                packetsSent++;
            }
        } catch (IOException e) {
            // An unreachable caller (ICMP) must not end the call: the inactivity timeout decides.
        }
    }

    /**
     * The clock fell behind and skips {@code frames} frames instead of sending them in a burst: the
     * RTP timestamp moves on by their duration (the sequence number does not: nothing was lost),
     * so the far end's jitter buffer sees a pause, not a clock running slow.
     */
    synchronized void skipped(long frames) {
        outTimestamp = (outTimestamp + frames * FRAME_SAMPLES) & 0xFFFFFFFFL;
    }

    synchronized void enqueue(Playback playback) {
        if (ended) {
            playback.interrupt();
            return;
        }
        playbacks.add(playback);
    }

    /** Flushes the playback queue (barge-in); returns the milliseconds that will not be played. */
    synchronized long stopAudio() {
        long flushed = 0;
        for (Playback playback : playbacks) {
            flushed += playback.remainingMillis();
            playback.interrupt();
        }
        playbacks.clear();
        echo.clear();
        return flushed;
    }

    synchronized void subscribe(AudioSubscriber subscriber) {
        if (ended) {
            subscriber.ended();
            return;
        }
        subscribers.add(subscriber);
    }

    void unsubscribe(AudioSubscriber subscriber) {
        subscribers.remove(subscriber);
    }

    synchronized void startRecording(RecordingStore store, boolean stereo) {
        if (recorder == null && !ended) {
            recorder = store.open(spec.tenantId(), spec.callId(), stereo);
        }
    }

    synchronized Recorder.@Nullable Recording stopRecording() throws IOException {
        Recorder active = recorder;
        recorder = null;
        return active == null ? null : active.finish();
    }

    /** Ends the session: interrupts playbacks, ends subscriptions, closes the socket. */
    synchronized SessionReport end(EndReason reason) {
        ended = true;
        stopAudio();
        for (AudioSubscriber subscriber : subscribers) {
            subscriber.ended();
        }
        subscribers.clear();
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing a datagram socket cannot lose anything.
        }
        long received = receivedBefore + statistics.received();
        long lost = lostBefore + Math.max(0, statistics.lost());
        long expected = expectedBefore + statistics.expected();
        double jitterMillis = statistics.jitterMillis();
        return new SessionReport(spec.callId(), spec.tenantId(), port, reason, received, lost,
                Math.round(jitterMillis * 100) / 100.0, latched == null ? null : latched.getAddress().getHostAddress() + ":" + latched.getPort(),
                received == 0 ? 0 : MosEstimate.of(expected, lost, jitterMillis), packetsSent, dropped);
    }

    synchronized boolean ended() {
        return ended;
    }

    private void drop(DropReason reason) {
        dropped++;
        listener.dropped(reason);
    }
}
