package ai.sentiric.bench;

import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.CountDownLatch;

/**
 * The callers' RTP endpoint in the SIP call-rate benchmark: a bound UDP socket that never reads.
 * SIPp's calls offer it as their media address, so media-service sends its RTP to a port that
 * exists, as it would to a real phone; the kernel queues and then drops the datagrams without
 * costing anyone a read. (Sent to a closed port instead, every packet makes the kernel build an
 * ICMP port-unreachable, which cost media-service several times the send itself.)
 *
 * <p>Usage: {@code RtpSink port}; runs until killed.
 */
public final class RtpSink {

    public static void main(String[] args) throws Exception {
        try (DatagramChannel socket = DatagramChannel.open()) {
            socket.bind(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])));
            System.out.println("RTP sink on 127.0.0.1:" + args[0]);
            new CountDownLatch(1).await();
        }
    }
}
