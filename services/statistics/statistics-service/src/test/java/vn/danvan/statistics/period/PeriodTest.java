package vn.danvan.statistics.period;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PeriodTest {

    @Test
    void everyKeyOfTheContractReadsBackWithItsDates() {
        assertThat(Period.parse("2026"))
                .extracting(Period::from, Period::to)
                .containsExactly(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31));
        assertThat(Period.parse("2026-Q3"))
                .extracting(Period::from, Period::to)
                .containsExactly(LocalDate.of(2026, 7, 1), LocalDate.of(2026, 9, 30));
        assertThat(Period.parse("2026-07"))
                .extracting(Period::from, Period::to)
                .containsExactly(LocalDate.of(2026, 7, 1), LocalDate.of(2026, 7, 31));
        assertThat(Period.parse("2026-H1"))
                .extracting(Period::from, Period::to)
                .containsExactly(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 6, 30));
        assertThat(Period.parse("2026-9M"))
                .extracting(Period::from, Period::to)
                .containsExactly(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 9, 30));
        assertThat(Period.parse("2026-07-15"))
                .extracting(Period::from, Period::to)
                .containsExactly(LocalDate.of(2026, 7, 15), LocalDate.of(2026, 7, 15));
        assertThat(Period.parse("term:2025-2030"))
                .extracting(Period::from, Period::to)
                .containsExactly(LocalDate.of(2025, 1, 1), LocalDate.of(2029, 12, 31));
        for (String key :
                new String[] {"2026", "2026-Q3", "2026-07", "2026-H1", "2026-9M", "2026-07-15", "term:2025-2030"}) {
            assertThat(Period.parse(key).key()).isEqualTo(key);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "2026-13",
                "2026-Q5",
                "2026-H3",
                "2026-02-30",
                "term:2024-2029",
                "term:2025-2031",
                "26",
                "2026-7",
                "abc",
                "1200"
            })
    void anythingElseIsRefused(String key) {
        assertThatThrownBy(() -> Period.parse(key)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEventAt2359LocalTimeBelongsToThatDayAndOneAtMidnightToTheNext() {
        // 23:59 on 30 June in Vietnam is 16:59 UTC; midnight of 1 July is 17:00 UTC the day before
        Instant lastMinute = Instant.parse("2026-06-30T16:59:00Z");
        Instant midnight = Instant.parse("2026-06-30T17:00:00Z");
        assertThat(Period.containing(lastMinute))
                .extracting(Period::key)
                .containsExactly("2026-06-30", "2026-06", "2026-Q2", "2026-H1", "2026-9M", "2026", "term:2025-2030");
        assertThat(Period.containing(midnight))
                .extracting(Period::key)
                .containsExactly("2026-07-01", "2026-07", "2026-Q3", "2026-H2", "2026-9M", "2026", "term:2025-2030");
    }

    @Test
    void everyDateUpToAPeriodsEndIsInExactlyOneOfTheFewestStoredPeriods() {
        List<String> terms = List.of(
                "term:1990-1995",
                "term:1995-2000",
                "term:2000-2005",
                "term:2005-2010",
                "term:2010-2015",
                "term:2015-2020",
                "term:2020-2025");
        List<String> toEndOf2026Q3 = new java.util.ArrayList<>(terms);
        toEndOf2026Q3.addAll(List.of("2025", "2026-Q1", "2026-Q2", "2026-Q3"));
        assertThat(Period.storedUpTo(Period.parse("2026-Q3").to()))
                .extracting(Period::key)
                .containsExactlyElementsOf(toEndOf2026Q3);
        // a year ending a term: the terms alone
        assertThat(Period.storedUpTo(Period.parse("2024").to()))
                .extracting(Period::key)
                .containsExactlyElementsOf(terms);
        // a day: the months and days before it, and itself
        List<String> toDay = new java.util.ArrayList<>(terms);
        toDay.addAll(List.of("2025", "2026-Q1", "2026-04", "2026-05-01", "2026-05-02", "2026-05-03"));
        assertThat(Period.storedUpTo(LocalDate.of(2026, 5, 3)))
                .extracting(Period::key)
                .containsExactlyElementsOf(toDay);
        // no gap, no overlap
        List<Period> parts = Period.storedUpTo(LocalDate.of(2027, 2, 28));
        for (int i = 1; i < parts.size(); i++) {
            assertThat(parts.get(i).from()).isEqualTo(parts.get(i - 1).to().plusDays(1));
        }
        assertThat(parts.getFirst().from()).isEqualTo(LocalDate.of(1990, 1, 1));
        assertThat(parts.getLast().to()).isEqualTo(LocalDate.of(2027, 2, 28));
        // where halves and 9 months are stored too (children documents): one of them instead of its quarters
        List<String> toEndOf9M = new java.util.ArrayList<>(terms);
        toEndOf9M.addAll(List.of("2025", "2026-9M"));
        assertThat(Period.storedUpTo(Period.parse("2026-9M").to(), true))
                .extracting(Period::key)
                .containsExactlyElementsOf(toEndOf9M);
        List<String> toNovember = new java.util.ArrayList<>(terms);
        toNovember.addAll(List.of("2025", "2026-9M", "2026-10", "2026-11"));
        assertThat(Period.storedUpTo(LocalDate.of(2026, 11, 30), true))
                .extracting(Period::key)
                .containsExactlyElementsOf(toNovember);
    }

    @Test
    void nineMonthsOnlyHoldJanuaryToSeptember() {
        assertThat(Period.containing(LocalDate.of(2026, 9, 30)))
                .extracting(Period::key)
                .contains("2026-9M");
        assertThat(Period.containing(LocalDate.of(2026, 10, 1)))
                .extracting(Period::key)
                .containsExactly("2026-10-01", "2026-10", "2026-Q4", "2026-H2", "2026", "term:2025-2030");
    }

    @Test
    void termsRunByCalendarYearFromAMultipleOfFive() {
        assertThat(Period.containing(Instant.parse("2024-12-31T16:59:59Z")))
                .extracting(Period::key)
                .contains("term:2020-2025", "2024");
        assertThat(Period.containing(Instant.parse("2024-12-31T17:00:00Z")))
                .extracting(Period::key)
                .contains("term:2025-2030", "2025", "2025-01-01");
        assertThat(Period.parse("term:2025-2030").previous().key()).isEqualTo("term:2020-2025");
        assertThat(Period.parse("term:2025-2030").yearEarlier().key()).isEqualTo("term:2020-2025");
    }

    @Test
    void previousPeriodsAndTheSamePeriodAYearEarlier() {
        assertThat(Period.parse("2026-01-01").previous().key()).isEqualTo("2025-12-31");
        assertThat(Period.parse("2026-01").previous().key()).isEqualTo("2025-12");
        assertThat(Period.parse("2026-Q1").previous().key()).isEqualTo("2025-Q4");
        assertThat(Period.parse("2026-Q3").previous().key()).isEqualTo("2026-Q2");
        assertThat(Period.parse("2026-H1").previous().key()).isEqualTo("2025-H2");
        assertThat(Period.parse("2026-H2").previous().key()).isEqualTo("2026-H1");
        assertThat(Period.parse("2026-9M").previous().key()).isEqualTo("2025-9M");
        assertThat(Period.parse("2026").previous().key()).isEqualTo("2025");
        assertThat(Period.parse("2026-Q3").yearEarlier().key()).isEqualTo("2025-Q3");
        assertThat(Period.parse("2024-02-29").yearEarlier().key()).isEqualTo("2023-02-28");
        assertThat(Period.parse("2026-07").yearEarlier().key()).isEqualTo("2025-07");
    }

    @Test
    void aQuarterIsMadeOfItsMonthsAndAYearOfItsQuarters() {
        assertThat(Period.parse("2026-Q3").steps(PeriodKind.MONTH))
                .extracting(Period::key)
                .containsExactly("2026-07", "2026-08", "2026-09");
        assertThat(Period.parse("2026").steps(PeriodKind.QUARTER))
                .extracting(Period::key)
                .containsExactly("2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4");
        assertThat(Period.parse("2026-02").steps(PeriodKind.DAY)).hasSize(28);
    }

    @Test
    void halvesAndNineMonthsAreSummedFromStoredQuarters() {
        assertThat(Period.parse("2026-H1").parts()).extracting(Period::key).containsExactly("2026-Q1", "2026-Q2");
        assertThat(Period.parse("2026-H2").parts()).extracting(Period::key).containsExactly("2026-Q3", "2026-Q4");
        assertThat(Period.parse("2026-9M").parts())
                .extracting(Period::key)
                .containsExactly("2026-Q1", "2026-Q2", "2026-Q3");
        assertThat(Period.parse("term:2025-2030").parts())
                .extracting(Period::key)
                .containsExactly("term:2025-2030");
        assertThat(Period.parse("2026-07").parts()).extracting(Period::key).containsExactly("2026-07");

        // what an event updates, and what changes with a stored period
        assertThat(Period.storedContaining(LocalDate.of(2026, 9, 30)))
                .extracting(Period::key)
                .containsExactly("2026-09-30", "2026-09", "2026-Q3", "2026", "term:2025-2030");
        assertThat(Period.parse("2026-Q3").composedContaining())
                .extracting(Period::key)
                .containsExactly("2026-H2", "2026-9M");
        assertThat(Period.parse("2026-Q4").composedContaining())
                .extracting(Period::key)
                .containsExactly("2026-H2");
        assertThat(Period.parse("2029").composedContaining()).isEmpty();
        assertThat(Period.parse("2029-12").composedContaining()).isEmpty();

        // every period containing a date has exactly one part containing it, and that part is what the event updates
        LocalDate date = LocalDate.of(2027, 5, 17);
        for (Period period : Period.containing(date)) {
            assertThat(period.parts())
                    .as(period.key())
                    .filteredOn(part -> !date.isBefore(part.from()) && !date.isAfter(part.to()))
                    .singleElement()
                    .isIn(Period.storedContaining(date));
        }
    }

    @Test
    void quarterEdgesInLocalTime() {
        assertThat(Period.parse("2026-Q3").start()).isEqualTo(Instant.parse("2026-06-30T17:00:00Z"));
        assertThat(Period.parse("2026-Q3").end()).isEqualTo(Instant.parse("2026-09-30T17:00:00Z"));
    }
}
