package vn.danvan.feedback.deadline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;
import vn.danvan.kit.units.AdministrativeUnits;

/** The calendar and limits exactly as application.yml ships them, bound without a Spring context. */
final class ShippedConfiguration {

    static final AdministrativeUnits UNITS = AdministrativeUnits.load();
    private static final Binder BINDER = binder();

    private ShippedConfiguration() {}

    static WorkingCalendar calendar() {
        return new WorkingCalendar(BINDER.bind("danvan.feedback.calendar", CalendarProperties.class)
                .get());
    }

    static DeadlineProperties deadlines() {
        return BINDER.bind("danvan.feedback.deadlines", DeadlineProperties.class)
                .get();
    }

    /** The shipped limits with these remote units. */
    static DeadlinePolicy policy(String... remoteUnits) {
        DeadlineProperties shipped = deadlines();
        DeadlineProperties withRemote = new DeadlineProperties(
                shipped.endOfDay(),
                shipped.dueSoonLead(),
                Set.of(remoteUnits),
                shipped.complaint(),
                shipped.denunciation(),
                shipped.serviceLevel());
        return new DeadlinePolicy(withRemote, calendar(), UNITS);
    }

    /** The shipped limits with these units' own service levels. */
    static DeadlinePolicy policyWithServiceLevels(DeadlineProperties.UnitServiceLevel... own) {
        DeadlineProperties shipped = deadlines();
        DeadlineProperties.ServiceLevel level = shipped.serviceLevel();
        DeadlineProperties withLevels = new DeadlineProperties(
                shipped.endOfDay(),
                shipped.dueSoonLead(),
                shipped.remoteUnits(),
                shipped.complaint(),
                shipped.denunciation(),
                new DeadlineProperties.ServiceLevel(
                        level.accept(),
                        level.resolve(),
                        level.emergencyAccept(),
                        level.emergencyResolve(),
                        List.of(own)));
        return new DeadlinePolicy(withLevels, calendar(), UNITS);
    }

    static CalendarProperties calendarOf(Map<Integer, CalendarProperties.YearDays> years) {
        return new CalendarProperties(years);
    }

    private static Binder binder() {
        try {
            var sources =
                    new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"));
            return new Binder(
                    ConfigurationPropertySources.from(sources), null, ApplicationConversionService.getSharedInstance());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
