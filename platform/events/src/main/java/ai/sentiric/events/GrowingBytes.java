package ai.sentiric.events;

import java.util.Arrays;

/** A byte array written from the start that grows as needed: what {@link WireJsonPrinter} and {@link WireJsonParser} write into. */
class GrowingBytes {

    byte[] bytes;
    int length;

    GrowingBytes(int capacity) {
        bytes = new byte[Math.max(capacity, 16)];
    }

    /** Room for {@code more} bytes after what is written. */
    final void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }

    final void append(byte[] raw, int from, int count) {
        ensure(count);
        System.arraycopy(raw, from, bytes, length, count);
        length += count;
    }

    /** What was written. */
    final byte[] toByteArray() {
        return Arrays.copyOf(bytes, length);
    }
}
