package vn.danvan.feedback.deadline;

import java.time.LocalDate;
import java.util.Objects;

/** A number of days and how they are counted, e.g. 10 working days. */
record TimeLimit(int amount, DeadlineUnit unit) {

    TimeLimit {
        if (amount < 0) {
            throw new IllegalArgumentException("a time limit cannot be negative: " + amount);
        }
        Objects.requireNonNull(unit, "unit of a time limit");
    }

    static TimeLimit workingDays(int amount) {
        return new TimeLimit(amount, DeadlineUnit.WORKING_DAYS);
    }

    static TimeLimit calendarDays(int amount) {
        return new TimeLimit(amount, DeadlineUnit.CALENDAR_DAYS);
    }

    /** The last day of this limit started on {@code start} (the start day itself is not counted). */
    LocalDate endFrom(LocalDate start, WorkingCalendar calendar) {
        return switch (unit) {
            case WORKING_DAYS -> calendar.plusWorkingDays(start, amount);
            case CALENDAR_DAYS -> calendar.onOrNextWorkingDay(start.plusDays(amount));
        };
    }

    /** The day this limit before {@code end} (used for the due-soon warning). */
    LocalDate before(LocalDate end, WorkingCalendar calendar) {
        return switch (unit) {
            case WORKING_DAYS -> calendar.plusWorkingDays(end, -amount);
            case CALENDAR_DAYS -> end.minusDays(amount);
        };
    }
}
