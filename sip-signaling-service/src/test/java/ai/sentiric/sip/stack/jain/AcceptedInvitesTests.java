package ai.sentiric.sip.stack.jain;

import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.javax.sip.message.SIPRequest;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AcceptedInvitesTests {

    private final AtomicLong now = new AtomicLong();
    private final AcceptedInvites invites = new AcceptedInvites(now::get);

    @Test
    void knowsAnAcceptedInviteByItsCallIdAndBranchOnly() {
        invites.accepted("call-1", "z9hG4bK-1");

        assertThat(invites.isRetransmission("call-1", "z9hG4bK-1")).isTrue();
        assertThat(invites.isRetransmission("call-1", "z9hG4bK-2")).isFalse();
        assertThat(invites.isRetransmission("call-2", "z9hG4bK-1")).isFalse();
    }

    @Test
    void remembersForTimerLOnlyAndForgetsWhatOutlivedItSoMemoryStaysBounded() {
        for (int i = 0; i < 1000; i++) {
            invites.accepted("old-" + i, "z9hG4bK-" + i);
        }
        advance(AcceptedInvites.TIMER_L.minusMillis(1));
        assertThat(invites.isRetransmission("old-0", "z9hG4bK-0")).isTrue();

        advance(Duration.ofMillis(1));
        assertThat(invites.isRetransmission("old-0", "z9hG4bK-0")).isFalse();
        invites.accepted("new", "z9hG4bK-new");

        assertThat(invites.size()).isEqualTo(1);
        assertThat(invites.isRetransmission("new", "z9hG4bK-new")).isTrue();
    }

    @Test
    void aRepeatedTwoHundredKeepsTheLaterWindow() {
        invites.accepted("call", "z9hG4bK-1");
        advance(Duration.ofSeconds(20));
        invites.accepted("call", "z9hG4bK-1");
        // The first entry's window is over; forgetting it must not forget the second one.
        advance(Duration.ofSeconds(20));
        invites.accepted("other", "z9hG4bK-2");

        assertThat(invites.isRetransmission("call", "z9hG4bK-1")).isTrue();
        assertThat(invites.size()).isEqualTo(2);
    }

    @Test
    void asTheStacksValveItDropsOnlyARepeatedInviteAndLetsARequestWithoutCallIdThroughForItsAnswer() throws Exception {
        invites.accepted("call-1", "z9hG4bK-1");

        assertThat(invites.processRequest(parse("INVITE", "call-1", "z9hG4bK-1"), null)).isFalse();
        assertThat(invites.processRequest(parse("INVITE", "call-1", "z9hG4bK-2"), null)).isTrue();
        assertThat(invites.processRequest(parse("BYE", "call-1", "z9hG4bK-1"), null)).isTrue();
        SIPRequest withoutCallId = parse("INVITE", "call-1", "z9hG4bK-1");
        withoutCallId.removeHeader("Call-ID");
        assertThat(invites.processRequest(withoutCallId, null)).isTrue();
    }

    private static SIPRequest parse(String method, String callId, String branch) throws Exception {
        return ParsedRequests.parse(method, callId, branch, null, 1);
    }

    private void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }
}
