package ai.sentiric.media.engine.session;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The one thread that reads every session's socket: a selector over non-blocking datagram
 * channels, each key carrying its session. Registration is queued and done by the loop itself,
 * because a selector blocks registrations while it selects.
 */
final class ReceiveLoop implements Runnable {

    private final Selector selector;
    private final Queue<Session> pending = new ConcurrentLinkedQueue<>();
    /** One byte more than the largest datagram accepted, so that an oversized one shows. */
    private final ByteBuffer buffer = ByteBuffer.allocate(Session.MAX_DATAGRAM + 1);
    private volatile boolean running = true;

    ReceiveLoop() {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the RTP selector", e);
        }
    }

    void register(Session session) {
        pending.add(session);
        selector.wakeup();
    }

    void stop() {
        running = false;
        selector.wakeup();
    }

    @Override
    public void run() {
        while (running) {
            try {
                selector.select(this::read, 100);
                for (Session session; (session = pending.poll()) != null; ) {
                    try {
                        session.channel.register(selector, SelectionKey.OP_READ, session);
                    } catch (ClosedChannelException e) {
                        // Released before the loop got to it.
                    }
                }
            } catch (IOException | RuntimeException e) {
                // One bad datagram or socket must never stop the loop that serves every call.
            }
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // Shutting down.
        }
    }

    private void read(SelectionKey key) {
        Session session = (Session) key.attachment();
        DatagramChannel channel = (DatagramChannel) key.channel();
        try {
            while (true) {
                buffer.clear();
                var from = (InetSocketAddress) channel.receive(buffer);
                if (from == null) {
                    return;
                }
                session.receive(buffer.array(), buffer.position(), from, System.nanoTime());
            }
        } catch (IOException e) {
            key.cancel();
        }
    }
}
