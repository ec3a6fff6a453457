package ai.sentiric.sip.stack.jain;

import gov.nist.javax.sip.stack.DatagramQueuedMessageDispatch;
import gov.nist.javax.sip.stack.MessageProcessor;
import gov.nist.javax.sip.stack.OIOMessageProcessorFactory;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import gov.nist.javax.sip.stack.UDPMessageChannel;
import gov.nist.javax.sip.stack.UDPMessageProcessor;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.LinkedList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JAIN-SIP's message processors, with a UDP receive that does not allocate a buffer of the
 * maximum message size (64 KB) for every datagram, as the stack's own does (1.3.0-91): at 400
 * calls/s that was over 100 MB/s of garbage, and the collector 8 % of the service's CPU. This one
 * receives into one buffer and queues a copy of the datagram's own length to the stack's worker
 * threads, which then go on exactly as before. TCP and TLS are the stack's own.
 */
final class CompactUdpProcessors extends OIOMessageProcessorFactory {

    private static final Logger log = LoggerFactory.getLogger(CompactUdpProcessors.class);

    private final int workers;
    private volatile int receiveBuffer;

    /** @param workers the stack's message-handling threads (its THREAD_POOL_SIZE) */
    CompactUdpProcessors(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("the UDP receive hands datagrams to worker threads: at least one is needed");
        }
        this.workers = workers;
    }

    @Override
    public MessageProcessor createMessageProcessor(SIPTransactionStack stack, InetAddress address, int port, String transport)
            throws IOException {
        if (!"UDP".equalsIgnoreCase(transport)) {
            return super.createMessageProcessor(stack, address, port, transport);
        }
        sendFromTheListeningSocket(stack);
        Udp udp = new Udp(address, stack, port, workers);
        receiveBuffer = udp.receiveBuffer();
        int asked = stack.getReceiveUdpBufferSize();
        if (receiveBuffer < asked) {
            log.warn("the SIP UDP socket got a receive buffer of {} bytes, not the {} asked for: raise net.core.rmem_max,"
                    + " or INVITEs arriving in a burst are dropped", receiveBuffer, asked);
        } else {
            log.info("SIP UDP receive buffer: {} bytes", receiveBuffer);
        }
        return udp;
    }

    /** The receive buffer the kernel gave the UDP socket (Linux reports twice what was set, for its own overhead). */
    int receiveBuffer() {
        return receiveBuffer;
    }

    /**
     * What the stack's factory does for UDP besides creating the processor: without this flag a
     * UDP channel sends each message from a new socket, not from the listening port. The flag is
     * package-private in JAIN-SIP, hence reflection; a JAIN-SIP without it fails the start.
     */
    private static void sendFromTheListeningSocket(SIPTransactionStack stack) {
        try {
            Field udp = SIPTransactionStack.class.getDeclaredField("udpFlag");
            udp.setAccessible(true);
            udp.setBoolean(stack, true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("this JAIN-SIP has no udpFlag; check CompactUdpProcessors against its UDPMessageProcessor", e);
        }
    }

    private static final class Udp extends UDPMessageProcessor {

        private final int workers;

        Udp(InetAddress address, SIPTransactionStack stack, int port, int workers) throws IOException {
            super(address, stack, port);
            this.workers = workers;
        }

        int receiveBuffer() throws IOException {
            return sock.getReceiveBufferSize();
        }

        @Override
        public void run() {
            LinkedList<UDPMessageChannel> channels = new LinkedList<>();
            for (int i = 0; i < workers; i++) {
                // Each worker takes datagrams from messageQueue, parses and dispatches them.
                channels.add(new UDPMessageChannel(sipStack, this, "sip-udp-" + getPort() + "-worker-" + i) { });
            }
            messageChannels = channels;
            byte[] buffer = new byte[getMaximumMessageSize()];
            DatagramPacket received = new DatagramPacket(buffer, buffer.length);
            while (isRunning) {
                try {
                    received.setLength(buffer.length);
                    sock.receive(received);
                    byte[] datagram = Arrays.copyOf(buffer, received.getLength());
                    messageQueue.offer(new DatagramQueuedMessageDispatch(
                            new DatagramPacket(datagram, datagram.length, received.getSocketAddress()), System.currentTimeMillis()));
                } catch (IOException | RuntimeException e) {
                    // Stopping closes the socket; otherwise one bad datagram or a transient socket
                    // error, and the listener keeps receiving.
                    if (isRunning) {
                        log.warn("SIP UDP receive failed: {}", e.toString());
                    }
                }
            }
        }
    }
}
