package vn.danvan.feedback.deadline;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.danvan.kit.units.AdministrativeUnits;

/** The working calendar and the deadline policy, from {@code danvan.feedback.calendar / deadlines}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({CalendarProperties.class, DeadlineProperties.class})
class DeadlineConfiguration {

    @Bean
    WorkingCalendar workingCalendar(CalendarProperties properties) {
        return new WorkingCalendar(properties);
    }

    @Bean
    DeadlinePolicy deadlinePolicy(DeadlineProperties properties, WorkingCalendar calendar, AdministrativeUnits units) {
        return new DeadlinePolicy(properties, calendar, units);
    }
}
