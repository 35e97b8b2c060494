package vn.danvan.statistics.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CompareFigureTest {

    @Test
    void countsAreComparedAsChangeAndPercentOfThePrevious() {
        assertThat(StatisticsQueries.compareFigure("feedback.received", 2299L, 2664L, true))
                .isEqualTo(new Views.Figure("feedback.received", 2299L, 2664L, -365L, 86.3));
        // nothing before: no percent of it
        assertThat(StatisticsQueries.compareFigure("feedback.received", 5L, 0L, true)
                        .percentOfPrevious())
                .isNull();
    }

    @Test
    void aPeriodWithNothingToAverageStillShowsThePreviousAverage() {
        assertThat(StatisticsQueries.compareFigure("feedback.ratingAvg", null, 4.5, true))
                .isEqualTo(new Views.Figure("feedback.ratingAvg", null, 4.5, null, null));
    }

    @Test
    void gaugesAndUncomparedFiguresHaveNoPrevious() {
        assertThat(StatisticsQueries.compareFigure("feedback.pendingNow", 3L, 2L, true)
                        .previous())
                .isNull();
        assertThat(StatisticsQueries.compareFigure("feedback.received", 3L, 2L, false)
                        .previous())
                .isNull();
    }
}
