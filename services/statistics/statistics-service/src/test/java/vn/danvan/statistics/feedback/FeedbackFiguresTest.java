package vn.danvan.statistics.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class FeedbackFiguresTest {

    private final FeedbackFigures figures = new FeedbackFigures();

    @Test
    void averagesPercentileAndRatesFromTheCounters() {
        Document counters = new Document("received", 12L)
                .append("answeredOnTime", 7L)
                .append("answeredLate", 1L)
                .append(
                        "answerDays",
                        new Document("sum", 30L)
                                .append("count", 10L)
                                .append(
                                        "h",
                                        new Document("1", 4L)
                                                .append("2", 3L)
                                                .append("3", 1L)
                                                .append("9", 2L)))
                .append("ratingSum", 9L)
                .append("ratingCount", 2L);
        Map<String, Number> result =
                figures.figures(counters, new Document("pendingNow", 3L), new Document("pendingChange", 5L));
        assertThat(result.keySet()).containsExactlyElementsOf(FeedbackFigures.METRICS);
        assertThat(result.get("feedback.received")).isEqualTo(12L);
        assertThat(result.get("feedback.pendingNow")).isEqualTo(3L);
        assertThat(result.get("feedback.pendingAtEnd")).isEqualTo(5L);
        assertThat(result.get("feedback.overdueNow")).isEqualTo(0L);
        assertThat(result.get("feedback.answerWorkingDaysAvg")).isEqualTo(3.0);
        // 10 answers: the 9th in order took 9 working days
        assertThat(result.get("feedback.answerWorkingDaysP90")).isEqualTo(9);
        assertThat(result.get("feedback.ratingAvg")).isEqualTo(4.5);
        assertThat(result.get("feedback.onTimeRatePercent")).isEqualTo(87.5);
    }

    @Test
    void withoutDataAveragesAreNullAndCountsZero() {
        Map<String, Number> result = figures.figures(new Document(), new Document());
        assertThat(result.get("feedback.received")).isEqualTo(0L);
        assertThat(result.get("feedback.answerWorkingDaysAvg")).isNull();
        assertThat(result.get("feedback.answerWorkingDaysP90")).isNull();
        assertThat(result.get("feedback.ratingAvg")).isNull();
        assertThat(result.get("feedback.onTimeRatePercent")).isNull();
    }

    @Test
    void pendingAtTheEndOfAPeriodIsLeftOutWhenItsCountsToTheEndWereNotRead() {
        // a live change carries the period's counters only: no 0 that a dashboard would show as the backlog
        assertThat(figures.figures(new Document(), new Document("pendingNow", 3L)))
                .doesNotContainKey("feedback.pendingAtEnd")
                .containsEntry("feedback.pendingNow", 3L);
        assertThat(figures.figures(new Document(), new Document(), new Document()))
                .containsEntry("feedback.pendingAtEnd", 0L);
    }

    @Test
    void categoriesBecomeSafeFieldNames() {
        assertThat(FeedbackFigures.sliceKey("a.b$c")).isEqualTo("a_b_c");
        assertThat(FeedbackFigures.sliceKey(null)).isEqualTo("none");
        assertThat(FeedbackFigures.sliceKey(" ")).isEqualTo("none");
    }

    @Test
    void workingDaysSkipWeekendsAndHolidaysAndCountMakeUpSaturdays() {
        WorkingDays days = new WorkingDays(Set.of(LocalDate.of(2026, 1, 2)), Set.of(LocalDate.of(2026, 1, 10)));
        // Wed 31/12/2025 -> Mon 5/1/2026: Thu 1/1 counts (not configured here), Fri 2/1 is off, the weekend too
        assertThat(days.between(LocalDate.of(2025, 12, 31), LocalDate.of(2026, 1, 5)))
                .isEqualTo(2);
        // Fri 9/1 -> Mon 12/1: the make-up Saturday 10/1 counts
        assertThat(days.between(LocalDate.of(2026, 1, 9), LocalDate.of(2026, 1, 12)))
                .isEqualTo(2);
        assertThat(days.between(LocalDate.of(2026, 1, 9), LocalDate.of(2026, 1, 9)))
                .isZero();
    }
}
