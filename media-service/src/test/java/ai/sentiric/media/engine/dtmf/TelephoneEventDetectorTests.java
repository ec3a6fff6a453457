package ai.sentiric.media.engine.dtmf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TelephoneEventDetectorTests {

    private final TelephoneEventDetector detector = new TelephoneEventDetector();
    private final List<Character> digits = new ArrayList<>();

    private void packet(long timestamp, int event, boolean end, int duration) {
        byte[] payload = {(byte) event, (byte) ((end ? 0x80 : 0) | 10), (byte) (duration >> 8), (byte) duration};
        detector.accept(timestamp, payload, 0, 4).ifPresent(digit -> digits.add(digit.digit()));
    }

    /** A press as senders send it: updates every 50 ms, then the end packet three times. */
    private void press(long timestamp, int event) {
        for (int duration = 400; duration <= 1600; duration += 400) {
            packet(timestamp, event, false, duration);
        }
        for (int copy = 0; copy < 3; copy++) {
            packet(timestamp, event, true, 1600);
        }
    }

    @Test
    void reportsEachPressOnceDespiteRepeatedEndPackets() {
        press(8000, 1);
        press(16000, 11);
        press(24000, 10);
        assertThat(digits).containsExactly('1', '#', '*');
    }

    @Test
    void needsNoMarkerAndTellsTwoPressesOfTheSameKeyApart() {
        press(8000, 5);
        press(12000, 5);
        assertThat(digits).containsExactly('5', '5');
    }

    @Test
    void aPressWhoseFirstPacketsWereLostIsStillReportedAndLatePacketsAreNotNewPresses() {
        packet(8000, 9, true, 1600);
        packet(16000, 3, false, 400);
        packet(8000, 9, true, 1600);
        assertThat(digits).containsExactly('9', '3');
    }

    @Test
    void ignoresMalformedPayloadsAndNonDigitEvents() {
        assertThat(detector.accept(8000, new byte[] {1, 0}, 0, 2)).isEmpty();
        packet(16000, 16, false, 400);
        assertThat(digits).isEmpty();
    }
}
