package ai.sentiric.sip.stack;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A response to send: status, reason phrase, extra headers (Allow, Retry-After, WWW-Authenticate,
 * Expires, Contact, Warning...) and an optional SDP body.
 */
public record SipResponse(int status, String reason, Map<String, String> headers, @Nullable String sdp) {

    public static SipResponse of(int status, String reason) {
        return new SipResponse(status, reason, Map.of(), null);
    }

    public SipResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new SipResponse(status, reason, copy, sdp);
    }

    public SipResponse withSdp(String body) {
        return new SipResponse(status, reason, headers, body);
    }
}
