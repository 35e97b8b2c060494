package vn.danvan.feedback.deadline;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.format.annotation.DateTimeFormat;

/**
 * The holiday calendar of a deployment ({@code danvan.feedback.calendar}): per year, the days off
 * that are not weekends (public holidays, the government's Tết break, compensatory days) and the
 * Saturdays or Sundays worked in exchange (make-up days).
 */
@ConfigurationProperties("danvan.feedback.calendar")
record CalendarProperties(Map<Integer, YearDays> years) {

    CalendarProperties {
        years = years == null ? Map.of() : Map.copyOf(years);
    }

    record YearDays(
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) List<LocalDate> holidays,
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) List<LocalDate> makeUpDays) {

        YearDays {
            holidays = holidays == null ? List.of() : List.copyOf(holidays);
            makeUpDays = makeUpDays == null ? List.of() : List.copyOf(makeUpDays);
        }
    }
}
