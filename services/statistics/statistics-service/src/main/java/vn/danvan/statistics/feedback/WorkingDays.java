package vn.danvan.statistics.feedback;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Set;

/**
 * Working days between two dates: Monday to Friday minus the configured holidays, plus Saturdays worked in exchange.
 * A simpler mirror of feedback-intake's calendar (same configuration shape), used only when an answer event does not
 * carry the working days it took (events from before that field existed).
 */
class WorkingDays {

    private final Set<LocalDate> holidays;
    private final Set<LocalDate> makeUpDays;

    WorkingDays(Set<LocalDate> holidays, Set<LocalDate> makeUpDays) {
        this.holidays = Set.copyOf(holidays);
        this.makeUpDays = Set.copyOf(makeUpDays);
    }

    boolean isWorkingDay(LocalDate date) {
        if (makeUpDays.contains(date)) {
            return true;
        }
        DayOfWeek day = date.getDayOfWeek();
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY && !holidays.contains(date);
    }

    /** Working days after {@code from} up to and including {@code to} (0 when answered the same day). */
    int between(LocalDate from, LocalDate to) {
        int days = 0;
        for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
            if (isWorkingDay(d)) {
                days++;
            }
        }
        return days;
    }
}
