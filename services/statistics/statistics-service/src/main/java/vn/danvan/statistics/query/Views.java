package vn.danvan.statistics.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import vn.danvan.statistics.period.Period;
import vn.danvan.statistics.units.StatisticsUnits;

/** JSON shapes of docs/statistics-api.md. */
public final class Views {

    private Views() {}

    public record UnitRef(String code, String name, String level) {
        public static UnitRef of(StatisticsUnits.UnitView unit) {
            return new UnitRef(unit.code(), unit.name(), unit.level());
        }
    }

    public record PeriodRef(String key, LocalDate from, LocalDate to) {
        public static PeriodRef of(Period period) {
            return period == null ? null : new PeriodRef(period.key(), period.from(), period.to());
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Figure(String metric, Number value, Number previous, Number change, Double percentOfPrevious) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Summary(UnitRef unit, PeriodRef period, PeriodRef comparedWith, List<Figure> figures, Instant asOf) {}

    public record Row(String key, String label, Map<String, Number> figures) {}

    public record Breakdown(UnitRef unit, PeriodRef period, String by, List<Row> rows) {}

    public record Point(String period, Map<String, Number> figures, Map<String, Map<String, Number>> byKind) {}

    public record Series(UnitRef unit, PeriodRef period, String step, List<Point> points) {}

    public record NamedUnit(String code, String name) {}

    public record Inactive(UnitRef unit, PeriodRef period, String activity, int count, List<NamedUnit> units) {}

    public record OverdueItem(String feedbackId, String kind, Instant dueAt) {}

    public record OverdueUnit(String code, String name, int overdue, List<OverdueItem> items) {}

    public record Overdue(UnitRef unit, List<OverdueUnit> units) {}
}
