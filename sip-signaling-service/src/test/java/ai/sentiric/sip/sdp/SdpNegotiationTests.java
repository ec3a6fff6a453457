package ai.sentiric.sip.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SdpNegotiationTests {

    static String offer(String media, String... attributes) {
        return "v=0\r\no=- 1 1 IN IP4 198.51.100.7\r\ns=-\r\nc=IN IP4 198.51.100.7\r\nt=0 0\r\n" + media + "\r\n"
                + String.join("\r\n", attributes) + "\r\n";
    }

    @Test
    void theOfferersFirstSupportedCodecWinsWithItsTelephoneEventType() throws Exception {
        var agreed = SdpNegotiation.negotiate(offer("m=audio 4000 RTP/AVP 18 8 0 96", "a=rtpmap:18 G729/8000",
                "a=rtpmap:8 PCMA/8000", "a=rtpmap:96 telephone-event/8000"));
        assertThat(agreed).isEqualTo(new SdpNegotiation.Agreed("198.51.100.7", 4000, true, 96));
        String answer = SdpNegotiation.answer(agreed, "203.0.113.10", 10002);
        assertThat(answer).contains("c=IN IP4 203.0.113.10\r\n", "m=audio 10002 RTP/AVP 8 96\r\n",
                "a=rtpmap:8 PCMA/8000\r\n", "a=rtpmap:96 telephone-event/8000\r\n", "a=ptime:20\r\n");
    }

    @Test
    void staticPayloadTypesNeedNoRtpmapAndAMediaLevelAddressWins() throws Exception {
        var agreed = SdpNegotiation.negotiate(offer("m=audio 5004 RTP/AVP 0", "c=IN IP4 10.0.0.9"));
        assertThat(agreed).isEqualTo(new SdpNegotiation.Agreed("10.0.0.9", 5004, false, 0));
        assertThat(SdpNegotiation.answer(agreed, "203.0.113.10", 10002)).doesNotContain("telephone-event");
    }

    @Test
    void nothingInCommonOrNoAudioIs488() {
        assertThatThrownBy(() -> SdpNegotiation.negotiate(offer("m=audio 4000 RTP/AVP 18", "a=rtpmap:18 G729/8000")))
                .isInstanceOfSatisfying(SdpNegotiation.SdpException.class, e -> assertThat(e.status()).isEqualTo(488));
        assertThatThrownBy(() -> SdpNegotiation.negotiate(offer("m=video 4000 RTP/AVP 96")))
                .isInstanceOfSatisfying(SdpNegotiation.SdpException.class, e -> assertThat(e.status()).isEqualTo(488));
        assertThatThrownBy(() -> SdpNegotiation.negotiate(""))
                .isInstanceOfSatisfying(SdpNegotiation.SdpException.class, e -> assertThat(e.status()).isEqualTo(488));
    }
}
