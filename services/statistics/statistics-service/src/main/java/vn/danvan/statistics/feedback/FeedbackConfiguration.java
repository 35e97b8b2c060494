package vn.danvan.statistics.feedback;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.danvan.statistics.figures.FigureSource;
import vn.danvan.statistics.projection.Projection;
import vn.danvan.statistics.units.StatisticsUnits;

/** Feedback's projection and figures. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FeedbackConfiguration.CalendarProperties.class)
class FeedbackConfiguration {

    @Bean
    Projection feedbackProjection(StatisticsUnits units, CalendarProperties calendar) {
        Set<LocalDate> holidays = new HashSet<>();
        Set<LocalDate> makeUpDays = new HashSet<>();
        calendar.years().values().forEach(year -> {
            holidays.addAll(year.holidays() == null ? List.of() : year.holidays());
            makeUpDays.addAll(year.makeUpDays() == null ? List.of() : year.makeUpDays());
        });
        return new FeedbackProjection(units, new WorkingDays(holidays, makeUpDays));
    }

    @Bean
    FigureSource feedbackFigures() {
        return new FeedbackFigures();
    }

    /**
     * Days off and make-up Saturdays per year, the same shape as feedback-intake's {@code danvan.feedback.calendar};
     * only used for answers whose event does not say how many working days they took.
     */
    @ConfigurationProperties("danvan.statistics.calendar")
    record CalendarProperties(Map<Integer, Year> years) {

        CalendarProperties {
            years = years == null ? Map.of() : Map.copyOf(years);
        }

        record Year(List<LocalDate> holidays, List<LocalDate> makeUpDays) {}
    }
}
