package ai.sentiric.sip.stack.jain;

import static org.assertj.core.api.Assertions.assertThat;

import ai.sentiric.sip.stack.SipResponse;
import gov.nist.javax.sip.message.SIPRequest;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AnsweredRequestsTests {

    private final AtomicLong now = new AtomicLong();
    private final AnsweredRequests answered = new AnsweredRequests(() -> null, now::get);

    @Test
    void knowsAnAnsweredRequestByItsCallIdBranchAndMethod() throws Exception {
        answered.answered(parse("BYE", "call-1", "z9hG4bK-1"), SipResponse.of(200, "OK"), "tag");

        assertThat(answered.isRetransmission(parse("BYE", "call-1", "z9hG4bK-1"))).isTrue();
        assertThat(answered.isRetransmission(parse("BYE", "call-1", "z9hG4bK-2"))).isFalse();
        assertThat(answered.isRetransmission(parse("BYE", "call-2", "z9hG4bK-1"))).isFalse();
        // A CANCEL repeats its INVITE's branch (RFC 3261 9.1) and is a transaction of its own.
        answered.answered(parse("CANCEL", "call-3", "z9hG4bK-3"), SipResponse.of(200, "OK"), "tag");
        assertThat(answered.isRetransmission(parse("CANCEL", "call-3", "z9hG4bK-3"))).isTrue();
        assertThat(answered.isRetransmission(parse("OPTIONS", "call-3", "z9hG4bK-3"))).isFalse();
    }

    @Test
    void leavesInvitesAndAcksToTheStackAndARequestWithoutCallIdGoesOnForItsAnswer() throws Exception {
        answered.answered(parse("BYE", "call-1", "z9hG4bK-1"), SipResponse.of(200, "OK"), "tag");

        assertThat(answered.processRequest(parse("INVITE", "call-1", "z9hG4bK-1"), null)).isTrue();
        assertThat(answered.processRequest(parse("ACK", "call-1", "z9hG4bK-1"), null)).isTrue();
        SIPRequest withoutCallId = parse("BYE", "call-1", "z9hG4bK-1");
        withoutCallId.removeHeader("Call-ID");
        assertThat(answered.processRequest(withoutCallId, null)).isTrue();
    }

    @Test
    void remembersForTimerJOnlyAndForgetsWhatOutlivedItSoMemoryStaysBounded() throws Exception {
        for (int i = 0; i < 1000; i++) {
            answered.answered(parse("BYE", "old-" + i, "z9hG4bK-" + i), SipResponse.of(200, "OK"), "tag");
        }
        advance(AnsweredRequests.TIMER_J.minusMillis(1));
        assertThat(answered.isRetransmission(parse("BYE", "old-0", "z9hG4bK-0"))).isTrue();

        advance(Duration.ofMillis(1));
        assertThat(answered.isRetransmission(parse("BYE", "old-0", "z9hG4bK-0"))).isFalse();
        answered.answered(parse("BYE", "new", "z9hG4bK-new"), SipResponse.of(200, "OK"), "tag");

        assertThat(answered.size()).isEqualTo(1);
    }

    private static SIPRequest parse(String method, String callId, String branch) throws Exception {
        return ParsedRequests.parse(method, callId, branch, "2", 2);
    }

    private void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }
}
