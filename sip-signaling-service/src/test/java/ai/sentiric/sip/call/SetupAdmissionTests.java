package ai.sentiric.sip.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.sentiric.sip.call.SetupAdmission.Refusal;
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

        assertThat(admission.tryAdmit()).isNull();
        assertThat(admission.settingUp()).isEqualTo(4);
    }

    @Test
    void aBurstBeyondMaxSetupsIsAdmittedUpToTheBurstBound() {
        admitted(4);
        advance(Duration.ofMillis(200));

        admitted(6);
        assertThat(admission.tryAdmit()).as("the burst bound").isEqualTo(Refusal.BURST);
        assertThat(admission.settingUp()).isEqualTo(10);
    }

    @Test
    void setUpsThatStayAtMaxSetupsForOverloadAfterAreAnOverloadAndTheExcessIsRefused() {
        admitted(5);
        advance(OVERLOAD_AFTER.minusNanos(1));
        assertThat(admission.tryAdmit()).as("still a burst").isNull();

        advance(Duration.ofNanos(1));
        assertThat(admission.tryAdmit()).as("an overload, though below the burst bound").isEqualTo(Refusal.OVERLOAD);

        // It stays one while the count does not fall below max-setups, however it moves above it.
        admission.release();
        admission.release();
        advance(Duration.ofSeconds(1));
        assertThat(admission.settingUp()).isEqualTo(4);
        assertThat(admission.tryAdmit()).isEqualTo(Refusal.OVERLOAD);
    }

    @Test
    void anOverloadIsOverOnceFewerThanMaxSetupsAreBeingSetUp() {
        admitted(6);
        advance(OVERLOAD_AFTER);
        assertThat(admission.tryAdmit()).isEqualTo(Refusal.OVERLOAD);

        admission.release();
        admission.release();
        admission.release();
        assertThat(admission.settingUp()).isEqualTo(3);

        // A new burst gets the whole grace again, counted from when the count reached max-setups anew.
        admitted(1);
        advance(OVERLOAD_AFTER.minusMillis(1));
        admitted(6);
        assertThat(admission.tryAdmit()).isEqualTo(Refusal.BURST);
        assertThat(admission.settingUp()).isEqualTo(10);
    }

    @Test
    void withTheBurstBoundAtMaxSetupsEveryInviteBeyondItIsRefusedAtOnce() {
        SetupAdmission strict = new SetupAdmission(2, 2, OVERLOAD_AFTER, now::get);

        assertThat(strict.tryAdmit()).isNull();
        assertThat(strict.tryAdmit()).isNull();
        assertThat(strict.tryAdmit()).isEqualTo(Refusal.BURST);
        strict.release();
        assertThat(strict.tryAdmit()).isNull();
    }

    @Test
    void refusalTellsWhatTryAdmitWouldDecideWithoutTakingAPlace() {
        admitted(5);
        assertThat(admission.refusal()).as("a burst").isNull();
        advance(OVERLOAD_AFTER);
        assertThat(admission.refusal()).as("an overload").isEqualTo(Refusal.OVERLOAD);
        assertThat(admission.tryAdmit()).isEqualTo(Refusal.OVERLOAD);
        assertThat(admission.settingUp()).isEqualTo(5);

        admission.release();
        admission.release();
        assertThat(admission.refusal()).as("below max-setups again").isNull();
        assertThat(admission.settingUp()).isEqualTo(3);

        admitted(1);
        admitted(6);
        assertThat(admission.refusal()).as("the burst bound").isEqualTo(Refusal.BURST);
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
            assertThat(admission.tryAdmit()).as("set-up %d of %d", i + 1, count).isNull();
        }
    }

    private void advance(Duration duration) {
        now.addAndGet(duration.toNanos());
    }
}
