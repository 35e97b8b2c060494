package vn.danvan.feedback.deadline;

import static java.time.LocalDate.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkingCalendarTest {

    private final WorkingCalendar calendar = ShippedConfiguration.calendar();

    @Test
    void weekdaysWorkAndWeekendsDoNot() {
        assertThat(calendar.isWorkingDay(of(2026, 3, 6))).isTrue(); // Friday
        assertThat(calendar.isWorkingDay(of(2026, 3, 7))).isFalse(); // Saturday
        assertThat(calendar.isWorkingDay(of(2026, 3, 8))).isFalse(); // Sunday
        assertThat(calendar.plusWorkingDays(of(2026, 3, 6), 1)).isEqualTo(of(2026, 3, 9));
    }

    @Test
    void tetBreaksAreDaysOff() {
        // Tết Ất Tỵ 2025: 25/1 - 2/2; Tết Bính Ngọ 2026: 14/2 - 22/2
        for (LocalDate day = of(2025, 1, 25); !day.isAfter(of(2025, 2, 2)); day = day.plusDays(1)) {
            assertThat(calendar.isWorkingDay(day)).as(day.toString()).isFalse();
        }
        for (LocalDate day = of(2026, 2, 14); !day.isAfter(of(2026, 2, 22)); day = day.plusDays(1)) {
            assertThat(calendar.isWorkingDay(day)).as(day.toString()).isFalse();
        }
        assertThat(calendar.isWorkingDay(of(2025, 1, 24))).isTrue();
        assertThat(calendar.isWorkingDay(of(2025, 2, 3))).isTrue();
        assertThat(calendar.isWorkingDay(of(2026, 2, 13))).isTrue();
        assertThat(calendar.isWorkingDay(of(2026, 2, 23))).isTrue();
        // Tết Đinh Mùi 2027 (mùng 1 = 6/2)
        assertThat(calendar.isWorkingDay(of(2027, 2, 5))).isFalse();
        assertThat(calendar.isWorkingDay(of(2027, 2, 8))).isFalse();
        // Tết Mậu Thân 2028 (mùng 1 = Wednesday 26/1): a complaint accepted in December 2027 is resolved across it
        for (LocalDate day : List.of(of(2028, 1, 25), of(2028, 1, 26), of(2028, 1, 27), of(2028, 1, 28))) {
            assertThat(calendar.isWorkingDay(day)).as(day.toString()).isFalse();
        }
        assertThat(calendar.isWorkingDay(of(2028, 1, 31))).isFalse(); // mùng 4, a Saturday, compensated
        assertThat(calendar.isWorkingDay(of(2028, 2, 1))).isTrue();
    }

    @Test
    void oneWorkingDayAfterTheLastDayBeforeTetIsTheFirstDayAfterIt() {
        assertThat(calendar.plusWorkingDays(of(2026, 2, 13), 1)).isEqualTo(of(2026, 2, 23));
        assertThat(calendar.workingDaysBetween(of(2026, 2, 13), of(2026, 2, 23)))
                .isEqualTo(1);
        assertThat(calendar.plusWorkingDays(of(2026, 2, 23), -1)).isEqualTo(of(2026, 2, 13));
    }

    @Test
    void hungKingsDayFollowsTheLunarCalendarAndIsCompensatedWhenOnASunday() {
        assertThat(calendar.isWorkingDay(of(2025, 4, 7))).isFalse(); // 10/3 Ất Tỵ, Monday
        assertThat(calendar.isWorkingDay(of(2026, 4, 27))).isFalse(); // 10/3 Bính Ngọ is Sunday 26/4
        assertThat(calendar.isWorkingDay(of(2026, 4, 28))).isTrue();
        assertThat(calendar.isWorkingDay(of(2027, 4, 16))).isFalse(); // 10/3 Đinh Mùi, Friday
        assertThat(calendar.isWorkingDay(of(2028, 4, 4))).isFalse(); // 10/3 Mậu Thân, Tuesday
    }

    @Test
    void fixedDatePublicHolidaysAreDaysOffEveryConfiguredYear() {
        for (int year = 2025; year <= 2028; year++) {
            for (LocalDate day : List.of(of(year, 1, 1), of(year, 4, 30), of(year, 5, 1), of(year, 9, 2))) {
                assertThat(calendar.isWorkingDay(day)).as(day.toString()).isFalse();
            }
        }
        assertThat(calendar.isWorkingDay(of(2025, 9, 1))).isFalse(); // the day next to Quốc khánh
        assertThat(calendar.isWorkingDay(of(2027, 5, 3))).isFalse(); // 1/5/2027 is a Saturday
        // 2028: 1/1 a Saturday, 30/4 a Sunday (1/5 a Monday), 2/9 a Saturday: compensated on working days
        assertThat(calendar.isWorkingDay(of(2028, 1, 3))).isFalse();
        assertThat(calendar.isWorkingDay(of(2028, 5, 2))).isFalse();
        assertThat(calendar.isWorkingDay(of(2028, 9, 4))).isFalse();
    }

    @Test
    void makeUpSaturdaysAreWorkingDays() {
        assertThat(calendar.isWorkingDay(of(2026, 1, 10))).isTrue(); // worked for Friday 2/1/2026
        assertThat(calendar.isWorkingDay(of(2026, 1, 2))).isFalse();
        assertThat(calendar.plusWorkingDays(of(2026, 1, 9), 1)).isEqualTo(of(2026, 1, 10));
        assertThat(calendar.isWorkingDay(of(2025, 4, 26))).isTrue(); // worked for Friday 2/5/2025
        assertThat(calendar.workingDaysBetween(of(2025, 4, 25), of(2025, 4, 28)))
                .isEqualTo(2);
    }

    @Test
    void countingStartsTheDayAfterAndZeroDaysIsTheSameDay() {
        assertThat(calendar.plusWorkingDays(of(2026, 3, 10), 0)).isEqualTo(of(2026, 3, 10));
        assertThat(calendar.plusWorkingDays(of(2026, 3, 10), 3)).isEqualTo(of(2026, 3, 13));
        // received on a Sunday: Monday is the first working day counted
        assertThat(calendar.plusWorkingDays(of(2026, 3, 8), 1)).isEqualTo(of(2026, 3, 9));
    }

    @Test
    void workingDaysBetweenUndoesPlusWorkingDays() {
        for (LocalDate start = of(2025, 12, 20); start.isBefore(of(2026, 3, 1)); start = start.plusDays(3)) {
            for (int n : new int[] {1, 3, 10, 30}) {
                LocalDate end = calendar.plusWorkingDays(start, n);
                assertThat(calendar.isWorkingDay(end)).isTrue();
                assertThat(calendar.workingDaysBetween(start, end)).isEqualTo(n);
                assertThat(calendar.workingDaysBetween(end, start)).isEqualTo(-n);
            }
        }
    }

    @Test
    void aYearWithoutACalendarCountsWeekendsOnly() {
        // 1/1/2030 is a Tuesday: no holiday is assumed for an unconfigured year
        assertThat(calendar.isWorkingDay(of(2030, 1, 1))).isTrue();
        assertThat(calendar.isWorkingDay(of(2030, 1, 5))).isFalse();
        assertThat(calendar.plusWorkingDays(of(2029, 12, 31), 5)).isEqualTo(of(2030, 1, 7));
    }

    @Test
    void refusesInconsistentCalendars() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new WorkingCalendar(ShippedConfiguration.calendarOf(
                        Map.of(2026, new CalendarProperties.YearDays(List.of(), List.of(of(2026, 1, 9)))))))
                .withMessageContaining("2026-01-09 is not a Saturday or Sunday");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new WorkingCalendar(ShippedConfiguration.calendarOf(
                        Map.of(2026, new CalendarProperties.YearDays(List.of(of(2025, 9, 2)), List.of())))))
                .withMessageContaining("holiday 2025-09-02 is listed under year 2026");
    }
}
