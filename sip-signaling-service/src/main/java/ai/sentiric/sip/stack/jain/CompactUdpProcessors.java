package ai.sentiric.sip.stack.jain;

import gov.nist.javax.sip.stack.DatagramQueuedMessageDispatch;
import gov.nist.javax.sip.stack.MessageProcessor;
import gov.nist.javax.sip.stack.OIOMessageProcessorFactory;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import gov.nist.javax.sip.stack.UDPMessageChannel;
import gov.nist.javax.sip.stack.UDPMessageProcessor;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.LinkedList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JAIN-SIP's message processors, with a UDP receive that does not allocate a buffer of the
 * maximum message size (64 KB) for every datagram, as the stack's own does (1.3.0-91): at 400
 * calls/s that was over 100 MB/s of garbage, and the collector 8 % of the service's CPU. This one
 * receives into one buffer and takes a copy of the datagram's own length. With worker threads it
 * queues the copy to them, which then go on exactly as the stack's own do; with none, the receive
 * thread parses and dispatches each datagram itself. That saves a thread hand-off (a wake-up) per
 * datagram, and is safe because nothing the stack's threads call waits: the call logic hands
 * every slow step (gRPC, Redis, the bus) to other threads, and datagrams that arrive meanwhile wait
 * in the socket's receive buffer. TCP and TLS are the stack's own.
 */
final class CompactUdpProcessors extends OIOMessageProcessorFactory {

    private static final Logger log = LoggerFactory.getLogger(CompactUdpProcessors.class);
    /** UDPMessageChannel's processIncomingDataPacket, private in JAIN-SIP (1.3.0-91). */
    private static final MethodHandle PROCESS = processIncomingDataPacket();

    private final int workers;
    private volatile int receiveBuffer;

    /**
     * @param workers the threads UDP datagrams are handed to (the stack's THREAD_POOL_SIZE); 0: the
     *        receive thread handles each datagram itself
     */
    CompactUdpProcessors(int workers) {
        if (workers < 0) {
            throw new IllegalArgumentException("UDP worker threads cannot be negative: " + workers);
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
            Consumer<DatagramPacket> deliver = workers == 0 ? inline() : queued();
            byte[] buffer = new byte[getMaximumMessageSize()];
            DatagramPacket received = new DatagramPacket(buffer, buffer.length);
            while (isRunning) {
                try {
                    received.setLength(buffer.length);
                    sock.receive(received);
                    byte[] datagram = Arrays.copyOf(buffer, received.getLength());
                    deliver.accept(new DatagramPacket(datagram, datagram.length, received.getSocketAddress()));
                } catch (IOException | RuntimeException e) {
                    // Stopping closes the socket; otherwise one bad datagram or a transient socket
                    // error, and the listener keeps receiving.
                    if (isRunning) {
                        log.warn("SIP UDP datagram not handled: {}", e.toString());
                    }
                }
            }
        }

        /** Starts the workers, each taking datagrams from messageQueue to parse and dispatch them. */
        private Consumer<DatagramPacket> queued() {
            LinkedList<UDPMessageChannel> channels = new LinkedList<>();
            for (int i = 0; i < workers; i++) {
                channels.add(new UDPMessageChannel(sipStack, this, "sip-udp-" + getPort() + "-worker-" + i) { });
            }
            messageChannels = channels;
            return packet -> messageQueue.offer(new DatagramQueuedMessageDispatch(packet, System.currentTimeMillis()));
        }

        /**
         * One channel (this constructor starts no thread of its own) whose private
         * processIncomingDataPacket, what each worker runs on what it takes, this thread runs.
         */
        private Consumer<DatagramPacket> inline() {
            UDPMessageChannel channel = new UDPMessageChannel(getIpAddress(), getPort(), sipStack, this) { };
            messageChannels = new LinkedList<>(); // none to stop
            return packet -> {
                try {
                    PROCESS.invokeExact(channel, packet);
                } catch (RuntimeException e) {
                    throw e;
                } catch (StackOverflowError e) {
                    // A datagram nested too deeply for the parser: it is lost, not the only receive thread.
                    throw new IllegalStateException("datagram too deeply nested to parse", e);
                } catch (Error e) {
                    throw e;
                } catch (Throwable e) {
                    throw new IllegalStateException(e);
                }
            };
        }
    }

    private static MethodHandle processIncomingDataPacket() {
        try {
            Method process = UDPMessageChannel.class.getDeclaredMethod("processIncomingDataPacket", DatagramPacket.class);
            process.setAccessible(true);
            return MethodHandles.lookup().unreflect(process);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("this JAIN-SIP has no processIncomingDataPacket; check CompactUdpProcessors"
                    + " against its UDPMessageChannel", e);
        }
    }
}
