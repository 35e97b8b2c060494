package vn.danvan.feedback.feedback;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** A clock tests move by hand: deadlines, due-soon and overdue without waiting days. */
public final class TestClock extends Clock {

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

    private final AtomicReference<Instant> now;

    public TestClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    public void set(Instant instant) {
        now.set(instant);
    }

    public void advance(Duration duration) {
        now.updateAndGet(i -> i.plus(duration));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
