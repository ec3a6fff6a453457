package ai.sentiric.media.engine.session;

import ai.sentiric.media.engine.playback.Playback;
import ai.sentiric.media.engine.playback.PlaybackResult;
import ai.sentiric.media.engine.ports.PortPool;
import ai.sentiric.media.engine.recording.Recorder;
import ai.sentiric.media.engine.recording.RecordingStore;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * The RTP engine: sessions by call id, each on an even port of the pool, read by one receive loop
 * and paced by one of the clocks (one a core, sessions spread over them by port). Allocation is idempotent per call id (signalling may retry); a session
 * ends when it is released, when the caller has sent nothing for the inactivity timeout, or at the
 * maximum duration, and its port always goes back to the pool.
 */
public final class MediaEngine implements AutoCloseable {

    /** Where a call's RTP goes; {@code existing} when the call already had a session. */
    public record Allocation(int port, boolean existing) {
    }

    /** The call has no media session (never allocated, or already ended). */
    public static final class UnknownCallException extends Exception {
        public UnknownCallException(String callId) {
            super("no media session for call " + callId, null, false, false);
        }
    }

    /** Every port of the range is in use or resting. */
    public static final class NoPortException extends Exception {
        public NoPortException(String message) {
            super(message, null, false, false);
        }
    }

    /** How many ports a single allocation tries when ports are taken by other programs. */
    private static final int BIND_ATTEMPTS = 20;

    private final EngineSettings settings;
    private final EngineListener listener;
    private final PortPool ports;
    private final RecordingStore recordings;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final ReceiveLoop receiveLoop = new ReceiveLoop();
    /**
     * One clock thread a core: a session's tick is mostly a send system call (~8 us on loopback),
     * so at 1,000 sessions one clock would be busy three quarters of the time and any stall would
     * queue every session behind it.
     */
    private final PacingClock[] clocks;
    /** Ends sessions the clock expired, so that closing files and publishing never delay the clock. */
    private final ExecutorService enders = Executors.newVirtualThreadPerTaskExecutor();
    private final Thread receiveThread;
    private final Thread[] clockThreads;

    public MediaEngine(EngineSettings settings, EngineListener listener) {
        this.settings = settings;
        this.listener = listener;
        this.ports = new PortPool(settings.portMin(), settings.portMax(), settings.quarantine(), Clock.systemUTC());
        this.recordings = new RecordingStore(settings.recordings(), Clock.systemUTC());
        BiConsumer<Session, EndReason> expire = (session, reason) -> {
            if (sessions.remove(session.spec.callId(), session)) {
                enders.execute(() -> finish(session, reason));
            }
        };
        this.clocks = new PacingClock[Math.max(1, Runtime.getRuntime().availableProcessors())];
        this.clockThreads = new Thread[clocks.length];
        // The clocks must win the CPU over everything else on the machine: a late clock is audible.
        // Real-time scheduling where the process may have it; else the highest Java priority (which
        // only -XX:ThreadPriorityPolicy=1 as root would map onto the OS's). The receive loop
        // comes second; late reads are absorbed by the socket buffer and the jitter buffer.
        for (int i = 0; i < clocks.length; i++) {
            clocks[i] = new PacingClock(listener, expire, settings.clockRealtimePriority());
            clockThreads[i] = Thread.ofPlatform().name("rtp-clock-" + i).daemon().priority(Thread.MAX_PRIORITY).start(clocks[i]);
        }
        this.receiveThread = Thread.ofPlatform().name("rtp-receive").daemon().priority(Thread.NORM_PRIORITY + 2)
                .start(receiveLoop);
        awaitClocks();
    }

    /** The clocks' threads ask for their scheduling first thing; wait for that, so it can be reported. */
    private void awaitClocks() {
        try {
            CompletableFuture.allOf(Arrays.stream(clocks).map(PacingClock::scheduling).toArray(CompletableFuture[]::new))
                    .get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Reported as not real-time.
        }
    }

    public Allocation allocate(SessionSpec spec) throws NoPortException {
        Session existing = sessions.get(spec.callId());
        if (existing != null) {
            return new Allocation(existing.port, true);
        }
        for (int attempt = 0; attempt < BIND_ATTEMPTS; attempt++) {
            OptionalInt port = ports.allocate();
            if (port.isEmpty()) {
                throw new NoPortException("all " + ports.capacity() + " RTP ports are in use or resting");
            }
            DatagramChannel channel;
            try {
                channel = DatagramChannel.open();
                try {
                    channel.bind(new InetSocketAddress(settings.bindAddress(), port.getAsInt()));
                    channel.configureBlocking(false);
                } catch (IOException e) {
                    channel.close();
                    throw e;
                }
            } catch (BindException e) {
                // Taken by another program: leave it resting and try the next one.
                ports.release(port.getAsInt());
                continue;
            } catch (IOException e) {
                ports.release(port.getAsInt());
                throw new NoPortException("cannot open an RTP socket: " + e.getMessage());
            }
            Session session = new Session(spec, port.getAsInt(), channel, settings, listener, System.nanoTime());
            Session raced = sessions.putIfAbsent(spec.callId(), session);
            if (raced != null) {
                session.end(EndReason.RELEASED);
                ports.release(session.port);
                return new Allocation(raced.port, true);
            }
            receiveLoop.register(session);
            clocks[(session.port / 2) % clocks.length].add(session);
            return new Allocation(session.port, false);
        }
        throw new NoPortException("no bindable RTP port after " + BIND_ATTEMPTS + " attempts");
    }

    /** Ends a call's session; empty when it had none (a second release is harmless). */
    public Optional<SessionReport> release(String callId) {
        Session session = sessions.remove(callId);
        return session == null ? Optional.empty() : Optional.of(finish(session, EndReason.RELEASED));
    }

    /** Queues a playback; the future completes when it finished or was interrupted. */
    public CompletableFuture<PlaybackResult> play(String callId, Playback playback) throws UnknownCallException {
        session(callId).enqueue(playback);
        return playback.result();
    }

    /** Barge-in: flushes the call's playback queue; returns the milliseconds not played. */
    public long stopAudio(String callId) throws UnknownCallException {
        return session(callId).stopAudio();
    }

    /** Delivers the caller's audio to {@code subscriber} until the session ends or it is closed. */
    public AutoCloseable subscribe(String callId, AudioSubscriber subscriber) throws UnknownCallException {
        Session session = session(callId);
        session.subscribe(subscriber);
        return () -> session.unsubscribe(subscriber);
    }

    public void startRecording(String callId, boolean stereo) throws UnknownCallException {
        session(callId).startRecording(recordings, stereo);
    }

    /** Stops the call's recording and writes its WAV file; empty when nothing was recording. */
    public Optional<Recorder.Recording> stopRecording(String callId) throws UnknownCallException, IOException {
        Session session = session(callId);
        Recorder.Recording recording = session.stopRecording();
        if (recording != null) {
            listener.recordingFinished(callId, session.spec.tenantId(), recording);
        }
        return Optional.ofNullable(recording);
    }

    public boolean hasSession(String callId) {
        return sessions.containsKey(callId);
    }

    /** Fails fast for a call without a session, before any costly preparation for it. */
    public void requireSession(String callId) throws UnknownCallException {
        session(callId);
    }

    /** How many of the RTP clocks run at real-time priority. */
    public int realtimeClocks() {
        int realtime = 0;
        for (PacingClock clock : clocks) {
            realtime += clock.scheduling().getNow(false) ? 1 : 0;
        }
        return realtime;
    }

    /** How many new sessions had to wake their clock. */
    long clockWakeUps() {
        return Arrays.stream(clocks).mapToLong(PacingClock::wakeUps).sum();
    }

    /** How many RTP clocks there are: one per core. */
    public int clockCount() {
        return clocks.length;
    }

    public int activeSessions() {
        return sessions.size();
    }

    public int portsAvailable() {
        return ports.available();
    }

    public int portCapacity() {
        return ports.capacity();
    }

    /** Ends every session (their calls get a report) and stops the threads. */
    @Override
    public void close() {
        for (String callId : sessions.keySet()) {
            Session session = sessions.remove(callId);
            if (session != null) {
                finish(session, EndReason.SHUTDOWN);
            }
        }
        for (PacingClock clock : clocks) {
            clock.stop();
        }
        receiveLoop.stop();
        enders.shutdown();
        try {
            enders.awaitTermination(5, TimeUnit.SECONDS);
            for (Thread clockThread : clockThreads) {
                clockThread.join(1000);
            }
            receiveThread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private SessionReport finish(Session session, EndReason reason) {
        Recorder.@Nullable Recording recording = null;
        try {
            recording = session.stopRecording();
        } catch (IOException e) {
            // The report still goes out; the recording is lost only as far as the disk failed.
        }
        SessionReport report = session.end(reason);
        ports.release(session.port);
        if (recording != null) {
            listener.recordingFinished(session.spec.callId(), session.spec.tenantId(), recording);
        }
        listener.sessionEnded(report);
        return report;
    }

    private Session session(String callId) throws UnknownCallException {
        Session session = sessions.get(callId);
        if (session == null) {
            throw new UnknownCallException(callId);
        }
        return session;
    }
}
