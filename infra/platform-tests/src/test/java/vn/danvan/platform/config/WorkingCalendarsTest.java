package vn.danvan.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import vn.danvan.platform.Repository;

/**
 * feedback-intake counts an item's deadlines in working days and statistics counts an answer's working days where
 * its event does not say them: both from a holiday calendar of their own configuration, which must list the same
 * years and the same days, or the two would disagree about the same answer (a year missing in one counts weekends
 * only there).
 */
class WorkingCalendarsTest {

    private final Path root = Repository.root();

    @Test
    void feedbackIntakeAndStatisticsListTheSameYearsAndDays() {
        Map<Integer, String> feedback = calendar(
                "services/feedback-intake/feedback-intake-service/src/main/resources/application.yml",
                "danvan",
                "feedback",
                "calendar");
        Map<Integer, String> statistics = calendar(
                "services/statistics/statistics-service/src/main/resources/application.yml",
                "danvan",
                "statistics",
                "calendar");

        assertThat(feedback).containsKeys(2025, 2026, 2027, 2028);
        assertThat(statistics).isEqualTo(feedback);
    }

    /** Year to its days off and make-up days, written out for a readable difference. */
    private Map<Integer, String> calendar(String file, String... path) {
        Object node = Repository.loadYaml(root.resolve(file)).getFirst();
        for (String key : path) {
            node = ((Map<?, ?>) node).get(key);
            assertThat(node).as(file + ": " + String.join(".", path)).isNotNull();
        }
        Map<Integer, String> years = new TreeMap<>();
        ((Map<?, ?>) ((Map<?, ?>) node).get("years")).forEach((year, days) -> {
            Map<?, ?> lists = (Map<?, ?>) days;
            years.put(
                    Integer.valueOf(year.toString()),
                    "holidays " + dates(lists.get("holidays")) + ", make-up days " + dates(lists.get("make-up-days")));
        });
        return years;
    }

    private static TreeSet<LocalDate> dates(Object list) {
        TreeSet<LocalDate> dates = new TreeSet<>();
        if (list != null) {
            for (Object day : (List<?>) list) {
                // SnakeYAML reads an unquoted 2028-01-03 as a timestamp at midnight UTC
                dates.add(
                        day instanceof Date date
                                ? date.toInstant().atOffset(ZoneOffset.UTC).toLocalDate()
                                : LocalDate.parse(day.toString()));
            }
        }
        return dates;
    }
}
