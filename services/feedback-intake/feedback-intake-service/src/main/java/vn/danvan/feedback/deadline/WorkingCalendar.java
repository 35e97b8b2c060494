package vn.danvan.feedback.deadline;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Working days of Vietnamese state agencies in the {@code Asia/Ho_Chi_Minh} time zone: Monday to
 * Friday, minus the configured holidays, plus the configured make-up days (a Saturday worked in
 * exchange for a day off next to a holiday).
 *
 * <p>Counting convention (Bộ luật Dân sự 2015, Art. 147-148: the day of the event is not counted):
 * {@link #plusWorkingDays} starts counting on the first working day after the given date, so a
 * letter received on Friday with 1 working day is due on Monday.
 *
 * <p>A year without a configured calendar is counted with weekends only and a warning is logged once
 * for that year: the holidays of a year are decided by the government each year, so guessing them
 * would be worse, and stopping deadline computation altogether would stop intake. Configure the
 * year ({@code danvan.feedback.calendar.years.<yyyy>}) as soon as the government announces it.
 */
public final class WorkingCalendar {

    public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    private static final Logger log = LoggerFactory.getLogger(WorkingCalendar.class);

    private final Set<Integer> configuredYears;
    private final Set<LocalDate> holidays = new HashSet<>();
    private final Set<LocalDate> makeUpDays = new HashSet<>();
    private final Set<Integer> warnedYears = ConcurrentHashMap.newKeySet();

    /** @throws IllegalArgumentException listing every inconsistent date of the configuration */
    WorkingCalendar(CalendarProperties properties) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<Integer, CalendarProperties.YearDays> year :
                properties.years().entrySet()) {
            for (LocalDate day : year.getValue().holidays()) {
                if (day.getYear() != year.getKey()) {
                    problems.add("holiday " + day + " is listed under year " + year.getKey());
                }
                holidays.add(day);
            }
            for (LocalDate day : year.getValue().makeUpDays()) {
                if (day.getYear() != year.getKey()) {
                    problems.add("make-up day " + day + " is listed under year " + year.getKey());
                }
                if (!isWeekend(day)) {
                    problems.add("make-up day " + day + " is not a Saturday or Sunday");
                }
                if (holidays.contains(day)) {
                    problems.add(day + " is both a holiday and a make-up day");
                }
                makeUpDays.add(day);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("danvan.feedback.calendar: " + String.join("; ", problems));
        }
        this.configuredYears = Set.copyOf(properties.years().keySet());
    }

    /** Whether state agencies work on this day. */
    public boolean isWorkingDay(LocalDate day) {
        if (!configuredYears.contains(day.getYear())) {
            if (warnedYears.add(day.getYear())) {
                log.warn(
                        "No holiday calendar configured for {}: counting weekends only; configure "
                                + "danvan.feedback.calendar.years.{}",
                        day.getYear(),
                        day.getYear());
            }
            return !isWeekend(day);
        }
        if (makeUpDays.contains(day)) {
            return true;
        }
        return !isWeekend(day) && !holidays.contains(day);
    }

    /**
     * The {@code n}-th working day after {@code day} ({@code day} itself never counts); with a
     * negative {@code n}, the {@code -n}-th working day before it; {@code day} itself when {@code n}
     * is 0.
     */
    public LocalDate plusWorkingDays(LocalDate day, int n) {
        int step = n < 0 ? -1 : 1;
        LocalDate current = day;
        for (int counted = 0; counted < Math.abs(n); ) {
            current = current.plusDays(step);
            if (isWorkingDay(current)) {
                counted++;
            }
        }
        return current;
    }

    /**
     * How many working days lie after {@code from} up to and including {@code to}, so that {@code
     * workingDaysBetween(d, plusWorkingDays(d, n)) == n}; negative when {@code to} is before {@code
     * from}.
     */
    public int workingDaysBetween(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            return -workingDaysBetween(to, from);
        }
        int count = 0;
        for (LocalDate day = from.plusDays(1); !day.isAfter(to); day = day.plusDays(1)) {
            if (isWorkingDay(day)) {
                count++;
            }
        }
        return count;
    }

    /** {@code day} when it is a working day, else the first working day after it. */
    public LocalDate onOrNextWorkingDay(LocalDate day) {
        LocalDate current = day;
        while (!isWorkingDay(current)) {
            current = current.plusDays(1);
        }
        return current;
    }

    private static boolean isWeekend(LocalDate day) {
        DayOfWeek dow = day.getDayOfWeek();
        return dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY;
    }
}
