package ai.sentiric.sip.call;

import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Admission control of call set-ups: tells a burst from an overload, as CoDel tells a burst of
 * packets from a standing queue. A set-up holds its place from the INVITE to the end of its trunk
 * check, ResolveDialplan and AllocatePort.
 *
 * <ul>
 *   <li>Below {@code standing} set-ups, every INVITE is admitted.</li>
 *   <li>From {@code standing} up to {@code burst}, INVITEs are admitted while the count has been at
 *       or above {@code standing} for less than {@code overloadAfter}: a collector's pause or a
 *       moment without a core lets set-ups pile up, and once it is over they finish within tens of
 *       milliseconds. Refusing them would fail calls the fleet could carry.</li>
 *   <li>A count that stays at or above {@code standing} for {@code overloadAfter} is an overload:
 *       set-ups finish more slowly than INVITEs arrive. INVITEs are then refused until the count is
 *       below {@code standing} again, so that the admitted calls finish instead of all slowing down.</li>
 *   <li>At {@code burst}, every INVITE is refused.</li>
 * </ul>
 */
final class SetupAdmission {

    private static final long NOT_ABOVE = Long.MIN_VALUE;

    private final int standing;
    private final int burst;
    private final long overloadAfterNanos;
    private final LongSupplier nanoClock;
    private int settingUp;
    /** Since when the count has been at or above {@link #standing}. */
    private long aboveSince = NOT_ABOVE;

    SetupAdmission(int standing, int burst, Duration overloadAfter, LongSupplier nanoClock) {
        if (standing < 1 || burst < standing) {
            throw new IllegalArgumentException("need 1 <= max-setups <= setup-burst, got " + standing + " and " + burst);
        }
        this.standing = standing;
        this.burst = burst;
        this.overloadAfterNanos = overloadAfter.toNanos();
        this.nanoClock = nanoClock;
    }

    /** Why an INVITE is refused with 503, as the shed counter tags it. */
    enum Refusal {
        /** {@code setup-burst} set-ups are in progress. */
        BURST,
        /** {@code max-setups} or more have been in progress for {@code overload-after}. */
        OVERLOAD,
        /** Half the event publisher's backlog waits for the broker (the call service's own check). */
        BROKER;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Takes a place for a set-up; the refusal instead when the INVITE is to be refused. */
    synchronized @Nullable Refusal tryAdmit() {
        Refusal refusal = refusal();
        if (refusal == null && ++settingUp == standing) {
            aboveSince = nanoClock.getAsLong();
        }
        return refusal;
    }

    /** What {@link #tryAdmit} would refuse with now, or null; takes no place. */
    synchronized @Nullable Refusal refusal() {
        if (settingUp >= burst) {
            return Refusal.BURST;
        }
        return settingUp >= standing && nanoClock.getAsLong() - aboveSince >= overloadAfterNanos ? Refusal.OVERLOAD : null;
    }

    /** A set-up is over, whichever way. */
    synchronized void release() {
        if (settingUp-- == standing) {
            aboveSince = NOT_ABOVE;
        }
    }

    synchronized int settingUp() {
        return settingUp;
    }
}
