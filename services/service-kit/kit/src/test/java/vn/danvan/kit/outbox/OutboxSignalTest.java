package vn.danvan.kit.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OutboxSignalTest {

    private final OutboxSignal signal = new OutboxSignal();

    @Test
    void hintsComeBackOncePerIdOldestFirstAndWakeTheRelay() throws InterruptedException {
        signal.hint("feedback", "a");
        signal.hint("feedback", "b");
        signal.hint("feedback", "a");
        signal.hint("consultations", "c");

        assertThat(signal.await(Duration.ZERO)).isTrue();
        assertThat(signal.takeHints("feedback", 10)).containsExactly("a", "b");
        assertThat(signal.takeHints("feedback", 10)).isEmpty();
        assertThat(signal.takeHints("consultations", 1)).containsExactly("c");
        assertThat(signal.await(Duration.ofMillis(1))).isFalse();
    }

    @Test
    void beyondItsBoundAHintIsDroppedForThePeriodicSearchToFind() {
        for (int i = 0; i < 100_005; i++) {
            signal.hint("feedback", i);
        }
        assertThat(signal.takeHints("feedback", 200_000)).hasSize(100_000).startsWith(0, 1, 2);
    }
}
