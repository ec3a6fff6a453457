package ai.sentiric.media.engine.ports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortPoolTests {

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-11-23T10:00:00Z");

        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    private final ManualClock clock = new ManualClock();

    @Test
    void handsOutEvenPortsOnceUntilTheRangeIsExhausted() {
        PortPool pool = new PortPool(10001, 10010, Duration.ofSeconds(5), clock);
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < pool.capacity(); i++) {
            int port = pool.allocate().orElseThrow();
            assertThat(port % 2).isZero();
            assertThat(ports.add(port)).isTrue();
        }
        assertThat(ports).containsExactlyInAnyOrder(10002, 10004, 10006, 10008, 10010);
        assertThat(pool.allocate()).isEmpty();
    }

    @Test
    void aReleasedPortRestsInQuarantineBeforeItIsReused() {
        PortPool pool = new PortPool(10000, 10002, Duration.ofSeconds(5), clock);
        int first = pool.allocate().orElseThrow();
        pool.allocate().orElseThrow();
        assertThat(pool.release(first)).isTrue();
        assertThat(pool.release(first)).as("a second release").isFalse();
        assertThat(pool.release(12000)).as("a port never allocated").isFalse();

        assertThat(pool.allocate()).isEmpty();
        clock.now = clock.now.plusSeconds(4);
        assertThat(pool.available()).isZero();
        clock.now = clock.now.plusSeconds(1);
        assertThat(pool.allocate()).hasValue(first);
    }

    @Test
    void refusesRangesOutsideTheUnprivilegedPorts() {
        assertThatThrownBy(() -> new PortPool(80, 100, Duration.ZERO, clock)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PortPool(20000, 10000, Duration.ZERO, clock)).isInstanceOf(IllegalArgumentException.class);
    }
}
