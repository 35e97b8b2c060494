package vn.danvan.feedback.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import vn.danvan.feedback.api.events.v1.FeedbackKind;
import vn.danvan.kit.units.AdministrativeUnits;

/** application.yml binds into the beans, and a deployment can override any limit. */
class DeadlineConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withInitializer(new ConfigDataApplicationContextInitializer())
            .withBean(AdministrativeUnits.class, () -> ShippedConfiguration.UNITS)
            .withUserConfiguration(DeadlineConfiguration.class)
            .withPropertyValues(
                    "danvan.feedback.deadlines.remote-units=12",
                    "danvan.feedback.deadlines.service-level.resolve.amount=5",
                    "danvan.feedback.deadlines.service-level.units[0].unit=48",
                    "danvan.feedback.deadlines.service-level.units[0].resolve.amount=2",
                    "danvan.feedback.deadlines.service-level.units[0].resolve.unit=WORKING_DAYS");

    @Test
    void bindsTheShippedCalendarAndTheDeploymentsOverrides() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            WorkingCalendar calendar = context.getBean(WorkingCalendar.class);
            DeadlinePolicy policy = context.getBean(DeadlinePolicy.class);

            assertThat(calendar.isWorkingDay(LocalDate.of(2026, 2, 17))).isFalse();
            assertThat(calendar.isWorkingDay(LocalDate.of(2026, 1, 10))).isTrue();
            assertThat(policy.isRemote("03388")).isTrue();
            var friday = LocalDateTime.parse("2026-03-06T10:00:00")
                    .atZone(WorkingCalendar.ZONE)
                    .toInstant();
            // overridden amount, unit kept from application.yml
            assertThat(policy.resolveBy(DeadlineCase.of(FeedbackKind.REPORT), friday))
                    .isEqualTo(LocalDateTime.parse("2026-03-13T23:59:59")
                            .atZone(WorkingCalendar.ZONE)
                            .toInstant());
            // a province's own level, for a ward of it
            assertThat(policy.resolveBy(
                            new DeadlineCase(FeedbackKind.REPORT, Complexity.NORMAL, false, false, false, "20194"),
                            friday))
                    .isEqualTo(LocalDateTime.parse("2026-03-10T23:59:59")
                            .atZone(WorkingCalendar.ZONE)
                            .toInstant());
        });
    }
}
