package ai.sentiric.sip.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SetupAdmissionTests {

    private static final Duration OVERLOAD_AFTER = Duration.ofMillis(500);

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final SetupAdmission admission = new SetupAdmission(4, 10, OVERLOAD_AFTER, now::get);

    @Test
    void admitsEverySetUpBelowMaxSetupsHoweverLongTheyTake() {
        admitted(3);
        advance(Duration.ofMinutes(1));

        assertThat(admission.tryAdmit()).isTrue();
        assertThat(admission.settingUp()).isEqualTo(4);
    }

    @Test
    void aBurstBeyondMaxSetupsIsAdmittedUpToTheBurstBound() {
        admitted(4);
        advance(Duration.ofMillis(200));

        admitted(6);
        assertThat(admission.tryAdmit()).as("the burst bound").isFalse();
        assertThat(admission.settingUp()).isEqualTo(10);
    }

    @Test
    void setUpsThatStayAtMaxSetupsForOverloadAfterAreAnOverloadAndTheExcessIsRefused() {
        admitted(5);
        advance(OVERLOAD_AFTER.minusNanos(1));
        assertThat(admission.tryAdmit()).as("still a burst").isTrue();

        advance(Duration.ofNanos(1));
        assertThat(admission.tryAdmit()).as("an overload, though below the burst bound").isFalse();

        // It stays one while the count does not fall below max-setups, however it moves above it.
        admission.release();
        admission.release();
        advance(Duration.ofSeconds(1));
        assertThat(admission.settingUp()).isEqualTo(4);
        assertThat(admission.tryAdmit()).isFalse();
    }

    @Test
    void anOverloadIsOverOnceFewerThanMaxSetupsAreBeingSetUp() {
        admitted(6);
        advance(OVERLOAD_AFTER);
        assertThat(admission.tryAdmit()).isFalse();

        admission.release();
        admission.release();
        admission.release();
        assertThat(admission.settingUp()).isEqualTo(3);

        // A new burst gets the whole grace again, counted from when the count reached max-setups anew.
        admitted(1);
        advance(OVERLOAD_AFTER.minusMillis(1));
        admitted(6);
        assertThat(admission.tryAdmit()).isFalse();
        assertThat(admission.settingUp()).isEqualTo(10);
    }

    @Test
    void withTheBurstBoundAtMaxSetupsEveryInviteBeyondItIsRefusedAtOnce() {
        SetupAdmission strict = new SetupAdmission(2, 2, OVERLOAD_AFTER, now::get);

        assertThat(strict.tryAdmit()).isTrue();
        assertThat(strict.tryAdmit()).isTrue();
        assertThat(strict.tryAdmit()).isFalse();
        strict.release();
        assertThat(strict.tryAdmit()).isTrue();
    }

    @Test
    void refusingTellsWhatTryAdmitWouldDecideWithoutTakingAPlace() {
        admitted(5);
        assertThat(admission.refusing()).as("a burst").isFalse();
        advance(OVERLOAD_AFTER);
        assertThat(admission.refusing()).as("an overload").isTrue();
        assertThat(admission.tryAdmit()).isFalse();
        assertThat(admission.settingUp()).isEqualTo(5);

        admission.release();
        admission.release();
        assertThat(admission.refusing()).as("below max-setups again").isFalse();
        assertThat(admission.settingUp()).isEqualTo(3);

        admitted(1);
        admitted(6);
        assertThat(admission.refusing()).as("the burst bound").isTrue();
        assertThat(admission.settingUp()).isEqualTo(10);
    }

    @Test
    void refusesBoundsThatCannotWork() {
        assertThatThrownBy(() -> new SetupAdmission(0, 10, OVERLOAD_AFTER, now::get)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SetupAdmission(8, 4, OVERLOAD_AFTER, now::get))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max-setups <= setup-burst");
    }

    private void admitted(int count) {
        for (int i = 0; i < count; i++) {
            assertThat(admission.tryAdmit()).as("set-up %d of %d", i + 1, count).isTrue();
        }
    }

    private void advance(Duration duration) {
        now.addAndGet(duration.toNanos());
    }
}
