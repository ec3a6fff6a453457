package ai.sentiric.sip.sdp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * SDP offer/answer (RFC 3264, RFC 4566) for what the platform speaks: G.711 PCMU or PCMA at
 * 8 kHz, with RFC 4733 telephone-event when offered. The first codec of the offer's audio line
 * that we support wins (the offerer's preference); the answer carries it, the offer's
 * telephone-event payload type, and our media address.
 */
public final class SdpNegotiation {

    /** The outcome the call needs: where the caller receives, what we agreed. */
    public record Agreed(String remoteHost, int remotePort, boolean alaw, int telephoneEventPayloadType) {

        public String codecName() {
            return alaw ? "PCMA" : "PCMU";
        }
    }

    /** The offer cannot be parsed (400) or shares nothing with us (488). */
    public static final class SdpException extends Exception {
        private final int status;

        public SdpException(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private static final AtomicLong SESSION_IDS = new AtomicLong(System.currentTimeMillis());

    private SdpNegotiation() {
    }

    /** Reads the offer and picks the codec. */
    public static Agreed negotiate(String offer) throws SdpException {
        if (offer.isBlank()) {
            throw new SdpException(488, "no SDP offer (offerless INVITEs are not supported)");
        }
        String sessionHost = null;
        String mediaHost = null;
        int port = -1;
        List<Integer> formats = null;
        Map<Integer, String> rtpmaps = new HashMap<>();
        boolean inAudio = false;
        for (String rawLine : offer.split("\r?\n")) {
            String line = rawLine.strip();
            if (line.length() < 2 || line.charAt(1) != '=') {
                continue;
            }
            String value = line.substring(2);
            switch (line.charAt(0)) {
                case 'c' -> {
                    String host = connectionHost(value);
                    if (formats == null) {
                        sessionHost = host;
                    } else if (inAudio) {
                        mediaHost = host;
                    }
                }
                case 'm' -> {
                    String[] parts = value.split(" ");
                    inAudio = formats == null && parts.length >= 4 && parts[0].equals("audio")
                            && parts[2].toUpperCase(Locale.ROOT).startsWith("RTP/AVP");
                    if (inAudio) {
                        port = parseInt(parts[1]);
                        formats = new ArrayList<>();
                        for (int i = 3; i < parts.length; i++) {
                            formats.add(parseInt(parts[i]));
                        }
                    }
                }
                case 'a' -> {
                    if (inAudio && value.startsWith("rtpmap:")) {
                        String[] parts = value.substring(7).split(" ", 2);
                        if (parts.length == 2) {
                            rtpmaps.put(parseInt(parts[0]), parts[1].strip().toLowerCase(Locale.ROOT));
                        }
                    }
                }
                default -> {
                }
            }
        }
        String host = mediaHost != null ? mediaHost : sessionHost;
        if (formats == null || host == null || port < 0) {
            throw new SdpException(488, "the offer has no RTP/AVP audio stream with a connection address");
        }
        Boolean alaw = null;
        for (int format : formats) {
            String name = rtpmaps.getOrDefault(format, format == 0 ? "pcmu/8000" : format == 8 ? "pcma/8000" : "");
            if (name.startsWith("pcmu/8000")) {
                alaw = false;
                break;
            }
            if (name.startsWith("pcma/8000")) {
                alaw = true;
                break;
            }
        }
        if (alaw == null) {
            throw new SdpException(488, "no codec in common: PCMU or PCMA at 8 kHz are supported");
        }
        int telephoneEvent = formats.stream()
                .filter(format -> rtpmaps.getOrDefault(format, "").startsWith("telephone-event/8000"))
                .findFirst().orElse(0);
        return new Agreed(host, port, alaw, telephoneEvent);
    }

    /** Our answer: the agreed codec (and telephone-event) at our media address. */
    public static String answer(Agreed agreed, String mediaHost, int mediaPort) {
        long session = SESSION_IDS.incrementAndGet();
        int payload = agreed.alaw() ? 8 : 0;
        StringBuilder sdp = new StringBuilder()
                .append("v=0\r\n")
                .append("o=sentiric ").append(session).append(' ').append(session).append(" IN IP4 ").append(mediaHost).append("\r\n")
                .append("s=sentiric\r\n")
                .append("c=IN IP4 ").append(mediaHost).append("\r\n")
                .append("t=0 0\r\n")
                .append("m=audio ").append(mediaPort).append(" RTP/AVP ").append(payload);
        if (agreed.telephoneEventPayloadType() != 0) {
            sdp.append(' ').append(agreed.telephoneEventPayloadType());
        }
        sdp.append("\r\n").append("a=rtpmap:").append(payload).append(' ').append(agreed.codecName()).append("/8000\r\n");
        if (agreed.telephoneEventPayloadType() != 0) {
            sdp.append("a=rtpmap:").append(agreed.telephoneEventPayloadType()).append(" telephone-event/8000\r\n")
                    .append("a=fmtp:").append(agreed.telephoneEventPayloadType()).append(" 0-16\r\n");
        }
        return sdp.append("a=ptime:20\r\n").append("a=sendrecv\r\n").toString();
    }

    private static @Nullable String connectionHost(String value) {
        String[] parts = value.split(" ");
        return parts.length >= 3 ? parts[2].split("/")[0] : null;
    }

    private static int parseInt(String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
