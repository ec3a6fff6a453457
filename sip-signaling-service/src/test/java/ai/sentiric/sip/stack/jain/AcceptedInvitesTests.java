package ai.sentiric.sip.stack.jain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AcceptedInvitesTests {

    private final AtomicLong now = new AtomicLong();
    private final AcceptedInvites invites = new AcceptedInvites(AcceptedInvites.TIMER_L, now::get);

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

    private void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }
}
