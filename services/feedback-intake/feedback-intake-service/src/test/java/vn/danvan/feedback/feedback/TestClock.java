package vn.danvan.feedback.feedback;

import java.time.Instant;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import vn.danvan.kit.test.MovableClock;

/** A clock tests move by hand: deadlines, due-soon and overdue without waiting days. */
public final class TestClock extends MovableClock {

    /** Monday 2 March 2026, 09:00 in Vietnam: a working day, with working days after it. */
    public static final Instant MONDAY_MORNING = Instant.parse("2026-03-02T02:00:00Z");

    /** The application's clock replaced by a {@link TestClock} at {@link #MONDAY_MORNING}. */
    @TestConfiguration
    public static class AtMondayMorning {
        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock(MONDAY_MORNING);
        }
    }

    public TestClock(Instant start) {
        super(start);
    }
}
