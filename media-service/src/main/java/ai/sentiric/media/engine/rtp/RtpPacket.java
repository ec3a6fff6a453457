package ai.sentiric.media.engine.rtp;

/**
 * One RTP packet (RFC 3550 section 5.1): the fixed header, and where the payload lies in the
 * datagram it was read from (no copy). Contributing sources, the header extension and padding
 * are skipped when reading and never written.
 *
 * @param payloadOffset where the payload starts in {@code data}
 * @param payloadLength how many payload bytes follow (padding excluded)
 */
public record RtpPacket(boolean marker, int payloadType, int sequence, long timestamp, long ssrc,
                        byte[] data, int payloadOffset, int payloadLength) {

    public static final int HEADER_LENGTH = 12;

    /** Why a datagram is not an RTP packet we accept. */
    public static final class MalformedRtpException extends Exception {
        public MalformedRtpException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Reads the first {@code length} bytes of a datagram.
     *
     * @throws MalformedRtpException for anything shorter than a header, of another version, or
     *         whose CSRC list, extension or padding do not fit the datagram
     */
    public static RtpPacket parse(byte[] data, int length) throws MalformedRtpException {
        if (length < HEADER_LENGTH) {
            throw new MalformedRtpException("datagram of " + length + " bytes is shorter than an RTP header");
        }
        int first = data[0] & 0xFF;
        if (first >> 6 != 2) {
            throw new MalformedRtpException("RTP version " + (first >> 6) + ", not 2");
        }
        boolean padding = (first & 0x20) != 0;
        boolean extension = (first & 0x10) != 0;
        int csrcCount = first & 0x0F;
        int second = data[1] & 0xFF;
        int offset = HEADER_LENGTH + 4 * csrcCount;
        if (extension) {
            if (offset + 4 > length) {
                throw new MalformedRtpException("header extension runs past the datagram");
            }
            int words = ((data[offset + 2] & 0xFF) << 8) | (data[offset + 3] & 0xFF);
            offset += 4 + 4 * words;
        }
        int end = length;
        if (padding) {
            int pad = data[length - 1] & 0xFF;
            if (pad == 0 || length - pad < offset) {
                throw new MalformedRtpException("padding of " + pad + " bytes does not fit the datagram");
            }
            end = length - pad;
        }
        if (offset > end) {
            throw new MalformedRtpException("CSRC list or extension runs past the datagram");
        }
        int sequence = ((data[2] & 0xFF) << 8) | (data[3] & 0xFF);
        long timestamp = readUnsignedInt(data, 4);
        long ssrc = readUnsignedInt(data, 8);
        return new RtpPacket((second & 0x80) != 0, second & 0x7F, sequence, timestamp, ssrc, data, offset, end - offset);
    }

    /** Writes a header and payload into {@code out}; returns the packet's length. */
    public static int write(boolean marker, int payloadType, int sequence, long timestamp, long ssrc,
                            byte[] payload, int payloadOffset, int payloadLength, byte[] out) {
        out[0] = (byte) 0x80;
        out[1] = (byte) ((marker ? 0x80 : 0) | (payloadType & 0x7F));
        out[2] = (byte) (sequence >> 8);
        out[3] = (byte) sequence;
        writeUnsignedInt(out, 4, timestamp);
        writeUnsignedInt(out, 8, ssrc);
        System.arraycopy(payload, payloadOffset, out, HEADER_LENGTH, payloadLength);
        return HEADER_LENGTH + payloadLength;
    }

    /** A copy of the payload. */
    public byte[] payload() {
        byte[] copy = new byte[payloadLength];
        System.arraycopy(data, payloadOffset, copy, 0, payloadLength);
        return copy;
    }

    /** The signed distance from sequence {@code a} to {@code b}, across the 16-bit wrap. */
    public static int sequenceDelta(int a, int b) {
        return (short) (b - a);
    }

    private static long readUnsignedInt(byte[] data, int offset) {
        return ((long) (data[offset] & 0xFF) << 24) | ((data[offset + 1] & 0xFF) << 16)
                | ((data[offset + 2] & 0xFF) << 8) | (data[offset + 3] & 0xFF);
    }

    private static void writeUnsignedInt(byte[] out, int offset, long value) {
        out[offset] = (byte) (value >> 24);
        out[offset + 1] = (byte) (value >> 16);
        out[offset + 2] = (byte) (value >> 8);
        out[offset + 3] = (byte) value;
    }
}
