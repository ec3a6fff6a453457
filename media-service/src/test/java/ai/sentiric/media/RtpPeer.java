package ai.sentiric.media;

import ai.sentiric.media.engine.codec.G711;
import ai.sentiric.media.engine.rtp.RtpPacket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

/** A caller's phone for tests: sends PCMU over a real UDP socket and records what comes back. */
public final class RtpPeer implements AutoCloseable {

    /** A packet the peer received, with when it arrived. */
    public record Received(RtpPacket packet, long arrivalNanos) {

        /** The payload decoded to linear samples. */
        public short[] samples() {
            short[] samples = new short[packet.payloadLength()];
            G711.decode(packet.data(), packet.payloadOffset(), packet.payloadLength(), false, samples);
            return samples;
        }

        /** RMS of the decoded payload; a few units for G.711 silence. */
        public double rms() {
            double sum = 0;
            short[] samples = samples();
            for (short sample : samples) {
                sum += (double) sample * sample;
            }
            return Math.sqrt(sum / Math.max(1, samples.length));
        }
    }

    private final DatagramSocket socket;
    private volatile InetSocketAddress media;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private int sequence = 1000;
    private long timestamp = 80_000;
    private final long ssrc = 0x12345678L;
    private long phase;

    public RtpPeer(int mediaPort) {
        try {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
        media = new InetSocketAddress(InetAddress.getLoopbackAddress(), mediaPort);
        reader = Thread.ofPlatform().daemon().start(this::read);
    }

    public String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** Sends {@code frames} 20 ms PCMU frames of a tone (amplitude 0 for silence), paced in real time. */
    public void sendTone(int frames, double hertz, int amplitude) {
        long start = System.nanoTime();
        for (int i = 0; i < frames; i++) {
            short[] samples = new short[160];
            for (int s = 0; s < 160; s++) {
                samples[s] = (short) (amplitude * Math.sin(2 * Math.PI * hertz * phase++ / 8000));
            }
            byte[] payload = new byte[160];
            G711.encode(samples, 160, false, payload, 0);
            send(0, i == 0, payload);
            timestamp += 160;
            LockSupport.parkNanos(start + (i + 1) * 20_000_000L - System.nanoTime());
        }
    }

    /**
     * Sends a frame of silence every 20 ms to {@code mediaPort} until closed, as a phone keeps
     * sending throughout a call: a session that hears nothing ends at its inactivity timeout.
     */
    public void keepSendingSilenceTo(int mediaPort) {
        media = new InetSocketAddress(InetAddress.getLoopbackAddress(), mediaPort);
        Thread.ofPlatform().daemon().name("rtp-peer-silence").start(() -> {
            while (!socket.isClosed()) {
                try {
                    sendTone(1, 0, 0);
                } catch (UncheckedIOException e) {
                    return;
                }
            }
        });
    }

    /** One DTMF press as RFC 4733 packets: three with the end bit set, as phones send them. */
    public void sendDigit(int event) {
        long eventTimestamp = timestamp;
        for (int i = 0; i < 6; i++) {
            boolean end = i >= 3;
            int duration = Math.min(i + 1, 4) * 160;
            byte[] payload = {(byte) event, (byte) ((end ? 0x80 : 0) | 10), (byte) (duration >> 8), (byte) duration};
            sendRaw(101, i == 0, payload, eventTimestamp);
            LockSupport.parkNanos(20_000_000L);
        }
        timestamp += 800;
    }

    public void send(int payloadType, boolean marker, byte[] payload) {
        sendRaw(payloadType, marker, payload, timestamp);
    }

    private void sendRaw(int payloadType, boolean marker, byte[] payload, long packetTimestamp) {
        byte[] packet = new byte[RtpPacket.HEADER_LENGTH + payload.length];
        int length = RtpPacket.write(marker, payloadType, sequence, packetTimestamp, ssrc, payload, 0, payload.length, packet);
        sequence = (sequence + 1) & 0xFFFF;
        sendDatagram(packet, length);
    }

    public void sendDatagram(byte[] data, int length) {
        try {
            socket.send(new DatagramPacket(data, length, media));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Received packets carrying sound (not the silence sent between playbacks). */
    public List<Received> voiced() {
        return received.stream().filter(r -> r.rms() > 200).toList();
    }

    public void clear() {
        received.clear();
    }

    private void read() {
        byte[] buffer = new byte[2048];
        while (!socket.isClosed()) {
            DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(datagram);
                byte[] copy = Arrays.copyOf(buffer, datagram.getLength());
                received.add(new Received(RtpPacket.parse(copy, copy.length), System.nanoTime()));
            } catch (IOException | RtpPacket.MalformedRtpException e) {
                // Closed, or not RTP: the peer only records RTP.
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
