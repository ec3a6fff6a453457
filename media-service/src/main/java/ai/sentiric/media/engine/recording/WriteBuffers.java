package ai.sentiric.media.engine.recording;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * The recorders' write buffers, reused from call to call. A fresh 64 KiB buffer per recorded call
 * was two thirds of the heap media-service allocated per call, and since it lives as long as its
 * call, every young collection copied the buffers of all calls in progress; a reused buffer is
 * promoted once and then left alone. At most {@code capacity} idle buffers are kept; a recorder
 * that finds none takes a new one.
 */
final class WriteBuffers {

    private static final int SIZE = 1 << 16;

    private final ArrayBlockingQueue<ByteBuffer> idle;

    WriteBuffers(int capacity) {
        this.idle = new ArrayBlockingQueue<>(capacity);
    }

    ByteBuffer take() {
        ByteBuffer buffer = idle.poll();
        return buffer != null ? buffer.clear() : ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
    }

    void give(ByteBuffer buffer) {
        idle.offer(buffer);
    }

    int idle() {
        return idle.size();
    }
}
