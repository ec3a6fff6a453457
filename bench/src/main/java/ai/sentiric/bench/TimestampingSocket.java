package ai.sentiric.bench;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.ByteOrder;

/**
 * A UDP socket on 127.0.0.1 (Linux, through the C library) whose every received datagram carries
 * the time the kernel queued it ({@code SO_TIMESTAMPNS}). On loopback that is the moment the
 * sender's {@code sendto} ran, so the arrival times measure the sender's pacing, not how long the
 * receiving thread waited for a core on a machine it shares with the sender. Java's own sockets
 * cannot ask for kernel timestamps. One receiving thread; any thread may send.
 */
final class TimestampingSocket implements AutoCloseable {

    private static final int AF_INET = 2;
    private static final int SOCK_DGRAM = 2;
    private static final int SOL_SOCKET = 1;
    private static final int SO_SNDBUF = 7;
    private static final int SO_RCVBUF = 8;
    private static final int SO_RCVTIMEO = 20;
    private static final int SO_RCVBUFFORCE = 33;
    private static final int SO_TIMESTAMPNS = 35;
    private static final int SOCKADDR_IN = 16;
    private static final ValueLayout.OfShort NETWORK_SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final MethodHandle SOCKET = function("socket", ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT);
    private static final MethodHandle SETSOCKOPT = function("setsockopt", ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT);
    private static final MethodHandle BIND = function("bind", ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT);
    private static final MethodHandle GETSOCKNAME = function("getsockname", ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
            ValueLayout.ADDRESS);
    private static final MethodHandle SENDTO = function("sendto", ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
            ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT);
    private static final MethodHandle RECVMSG = function("recvmsg", ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
            ValueLayout.JAVA_INT);
    private static final MethodHandle CLOSE = function("close", ValueLayout.JAVA_INT, ValueLayout.JAVA_INT);

    private final Arena arena = Arena.ofShared();
    private final int fd;
    private final int port;
    /** recvmsg's state: the message header, one iovec, the datagram and the control (timestamp) buffer. */
    private final MemorySegment message = arena.allocate(56, 8);
    private final MemorySegment iovec = arena.allocate(16, 8);
    private final MemorySegment datagram;
    private final MemorySegment control = arena.allocate(64, 8);

    /** Bound to an ephemeral port on 127.0.0.1; reads give up after {@code readTimeoutMillis} so a loop can stop. */
    TimestampingSocket(int bufferBytes, int maxDatagram, int readTimeoutMillis) throws IOException {
        try {
            fd = (int) SOCKET.invokeExact(AF_INET, SOCK_DGRAM, 0);
            check(fd, "socket");
            MemorySegment one = arena.allocateFrom(ValueLayout.JAVA_INT, 1);
            check((int) SETSOCKOPT.invokeExact(fd, SOL_SOCKET, SO_TIMESTAMPNS, one, 4), "SO_TIMESTAMPNS");
            MemorySegment size = arena.allocateFrom(ValueLayout.JAVA_INT, bufferBytes);
            // FORCE passes rmem_max where the process may (root); else the plain option, capped by the kernel.
            if ((int) SETSOCKOPT.invokeExact(fd, SOL_SOCKET, SO_RCVBUFFORCE, size, 4) != 0) {
                check((int) SETSOCKOPT.invokeExact(fd, SOL_SOCKET, SO_RCVBUF, size, 4), "SO_RCVBUF");
            }
            check((int) SETSOCKOPT.invokeExact(fd, SOL_SOCKET, SO_SNDBUF, size, 4), "SO_SNDBUF");
            MemorySegment timeout = arena.allocate(16, 8);
            timeout.set(ValueLayout.JAVA_LONG, 0, readTimeoutMillis / 1000);
            timeout.set(ValueLayout.JAVA_LONG, 8, (readTimeoutMillis % 1000) * 1000L);
            check((int) SETSOCKOPT.invokeExact(fd, SOL_SOCKET, SO_RCVTIMEO, timeout, 16), "SO_RCVTIMEO");
            MemorySegment local = loopback(0);
            check((int) BIND.invokeExact(fd, local, SOCKADDR_IN), "bind");
            MemorySegment length = arena.allocateFrom(ValueLayout.JAVA_INT, SOCKADDR_IN);
            check((int) GETSOCKNAME.invokeExact(fd, local, length), "getsockname");
            port = Short.toUnsignedInt(local.get(NETWORK_SHORT, 2));
        } catch (IOException | RuntimeException | Error e) {
            arena.close();
            throw e;
        } catch (Throwable e) {
            arena.close();
            throw new IOException(e);
        }
        datagram = arena.allocate(maxDatagram);
        iovec.set(ValueLayout.ADDRESS, 0, datagram);
        iovec.set(ValueLayout.JAVA_LONG, 8, maxDatagram);
    }

    int port() {
        return port;
    }

    /** A 127.0.0.1 socket address to send to, allocated for the socket's lifetime. */
    MemorySegment loopback(int port) {
        MemorySegment address = arena.allocate(SOCKADDR_IN, 4);
        address.set(ValueLayout.JAVA_SHORT, 0, (short) AF_INET);
        address.set(NETWORK_SHORT, 2, (short) port);
        address.set(ValueLayout.JAVA_BYTE, 4, (byte) 127);
        address.set(ValueLayout.JAVA_BYTE, 7, (byte) 1);
        return address;
    }

    /** Sends {@code length} bytes of {@code data} (native memory) to {@code address}. */
    void send(MemorySegment data, int length, MemorySegment address) throws IOException {
        try {
            if ((long) SENDTO.invokeExact(fd, data, (long) length, 0, address, SOCKADDR_IN) < 0) {
                throw new IOException("sendto failed");
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable e) {
            throw new IOException(e);
        }
    }

    /**
     * Waits for one datagram; its bytes are then in {@link #datagram()}. Returns its length, or -1
     * when none came within the read timeout.
     */
    int receive() throws IOException {
        message.fill((byte) 0);
        message.set(ValueLayout.ADDRESS, 16, iovec);
        message.set(ValueLayout.JAVA_LONG, 24, 1);
        message.set(ValueLayout.ADDRESS, 32, control);
        message.set(ValueLayout.JAVA_LONG, 40, control.byteSize());
        try {
            return (int) (long) RECVMSG.invokeExact(fd, message, 0);
        } catch (Throwable e) {
            throw new IOException(e);
        }
    }

    MemorySegment datagram() {
        return datagram;
    }

    /** The kernel's arrival time of the last datagram received, in nanoseconds (CLOCK_REALTIME). */
    long arrivalNanos() {
        // One control message: cmsghdr {size_t len; int level; int type;} then struct timespec.
        if (message.get(ValueLayout.JAVA_LONG, 40) < 32 || control.get(ValueLayout.JAVA_INT, 12) != SO_TIMESTAMPNS) {
            throw new IllegalStateException("no kernel timestamp on the datagram");
        }
        return control.get(ValueLayout.JAVA_LONG, 16) * 1_000_000_000L + control.get(ValueLayout.JAVA_LONG, 24);
    }

    @Override
    public void close() {
        try {
            int ignored = (int) CLOSE.invokeExact(fd);
        } catch (Throwable e) {
            // closing anyway
        }
        arena.close();
    }

    private static void check(int result, String call) throws IOException {
        if (result < 0) {
            throw new IOException(call + " failed");
        }
    }

    private static MethodHandle function(String name, ValueLayout result, ValueLayout... arguments) {
        return LINKER.downcallHandle(LIBC.find(name).orElseThrow(() -> new IllegalStateException("no " + name + " in the C library")),
                FunctionDescriptor.of(result, arguments));
    }
}
