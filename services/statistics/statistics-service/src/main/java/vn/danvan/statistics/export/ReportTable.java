package vn.danvan.statistics.export;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.context.MessageSource;
import vn.danvan.statistics.figures.CounterIds;
import vn.danvan.statistics.figures.FigureReader;
import vn.danvan.statistics.period.Period;
import vn.danvan.statistics.period.PeriodKind;
import vn.danvan.statistics.query.StatisticsQueries;
import vn.danvan.statistics.query.Views;
import vn.danvan.statistics.units.StatisticsUnits;
import vn.danvan.statistics.units.StatisticsUnits.UnitView;

/**
 * The year-end report table (tổng kết): one row per child unit, then the unit's own row as the subtotal, each metric
 * with its value in the period, in the period compared with, the change and the percent of it. The backlog is the
 * one at each period's end ({@code feedback.pendingAtEnd}), not the gauge of now.
 */
record ReportTable(List<String> headers, List<List<Object>> rows) {

    static ReportTable build(
            StatisticsUnits units,
            FigureReader reader,
            MessageSource messages,
            UnitView unit,
            Period period,
            Period compared,
            java.util.Locale locale) {
        List<String> metrics = new ArrayList<>(reader.metrics());
        metrics.removeAll(NOT_REPORTED);
        // each header names its period, so that a printed table reads on its own
        String shown = PeriodLabels.label(messages, period, locale);
        String comparedShown = PeriodLabels.label(messages, compared, locale);
        // a year's or a term's previous one is simply the one before; other periods compared a year back say so
        boolean yearEarlier = period.kind() != PeriodKind.YEAR
                && period.kind() != PeriodKind.TERM
                && compared.equals(period.yearEarlier());
        String comparedHeader =
                text(messages, yearEarlier ? "export.year-earlier" : "export.previous", locale, comparedShown);
        List<String> headers = new ArrayList<>();
        headers.add(text(messages, "export.unit-code", locale));
        headers.add(text(messages, "export.unit-name", locale));
        for (String metric : metrics) {
            String label = text(messages, "metric." + metric, locale);
            headers.add(label + " (" + shown + ")");
            headers.add(label + " " + comparedHeader);
            headers.add(label + " " + text(messages, "export.change", locale));
            headers.add(label + " " + text(messages, "export.percent", locale, comparedShown));
        }
        List<UnitView> rowsUnits = new ArrayList<>(units.children(unit.code()));
        String bucket = unit.code() + StatisticsUnits.UNATTRIBUTED;
        if ("PROVINCE".equals(unit.level())) {
            units.find(bucket).ifPresent(rowsUnits::add);
        }
        List<String> ids = new ArrayList<>();
        addIds(ids, unit.code(), period, compared);
        Map<String, Document> docs = new HashMap<>(reader.totals(ids));
        List<String> codes = rowsUnits.stream().map(UnitView::code).toList();
        docs.putAll(reader.childTotals(unit.code(), codes, List.of(period.key(), compared.key(), CounterIds.NOW)));
        docs.putAll(reader.childTotalsToEnd(unit.code(), codes, List.of(period, compared), docs));
        docs.putAll(reader.totalsToEnd(List.of(unit.code()), List.of(period, compared), docs));
        List<List<Object>> rows = new ArrayList<>();
        for (UnitView u : rowsUnits) {
            List<Object> row = row(reader, docs, u.code(), u.code(), u.name(), period, compared, metrics);
            if (u.code().equals(bucket)
                    && !docs.containsKey(CounterIds.of(bucket, period.key()))
                    && pendingAtEnd(row, metrics) == 0) {
                continue; // the bucket only shows when it holds something
            }
            rows.add(row);
        }
        // what the unit holds itself (a commune's item transferred to its province): a row of its own, so that the
        // rows add up to the subtotal
        Map<String, Document> own = FigureReader.own(
                unit.code(),
                codes,
                List.of(
                        period.key(),
                        compared.key(),
                        CounterIds.NOW,
                        FigureReader.endKey(period),
                        FigureReader.endKey(compared)),
                docs);
        if (!rowsUnits.isEmpty() && !own.isEmpty()) {
            docs.putAll(own);
            // nothing held directly at a period's end: 0, not an empty cell
            String ownCode = unit.code() + StatisticsUnits.OWN;
            for (Period p : List.of(period, compared)) {
                docs.putIfAbsent(CounterIds.of(ownCode, FigureReader.endKey(p)), new Document());
            }
            // no code of its own: the API's "<unit>:OWN" key is no unit's code, and the unit's code is the subtotal's
            rows.add(row(
                    reader,
                    docs,
                    unit.code() + StatisticsUnits.OWN,
                    "",
                    unit.name() + " " + text(messages, "export.own", locale),
                    period,
                    compared,
                    metrics));
        }
        String subtotal =
                rowsUnits.isEmpty() ? unit.name() : text(messages, "export.subtotal", locale) + " " + unit.name();
        rows.add(row(reader, docs, unit.code(), unit.code(), subtotal, period, compared, metrics));
        return new ReportTable(headers, rows);
    }

    private static void addIds(List<String> ids, String unit, Period period, Period compared) {
        ids.add(CounterIds.of(unit, period.key()));
        ids.add(CounterIds.of(unit, compared.key()));
        ids.add(CounterIds.now(unit));
    }

    private static List<Object> row(
            FigureReader reader,
            Map<String, Document> docs,
            String code,
            String shownCode,
            String name,
            Period period,
            Period compared,
            List<String> metrics) {
        Document now = docs.get(CounterIds.now(code));
        Map<String, Number> current = reader.figures(
                docs.get(CounterIds.of(code, period.key())),
                now,
                docs.get(CounterIds.of(code, FigureReader.endKey(period))));
        Map<String, Number> before = reader.figures(
                docs.get(CounterIds.of(code, compared.key())),
                now,
                docs.get(CounterIds.of(code, FigureReader.endKey(compared))));
        List<Object> row = new ArrayList<>();
        row.add(shownCode);
        row.add(name);
        for (String metric : metrics) {
            Views.Figure figure = StatisticsQueriesAccess.compare(metric, current.get(metric), before.get(metric));
            row.add(figure.value());
            row.add(figure.previous());
            row.add(figure.change());
            row.add(figure.percentOfPrevious());
        }
        return row;
    }

    /**
     * Gauges of now left out of a report of a period: pending now would read as the period's backlog, which is
     * {@code feedback.pendingAtEnd} (compared like any count). Overdue now stays: its label says now.
     */
    static final List<String> NOT_REPORTED = List.of("feedback.pendingNow");

    /** A row's pending at the period's end (its value cell). */
    private static long pendingAtEnd(List<Object> row, List<String> metrics) {
        int index = metrics.indexOf("feedback.pendingAtEnd");
        return index < 0 || !(row.get(2 + 4 * index) instanceof Number n) ? 0 : n.longValue();
    }

    private static String text(MessageSource messages, String key, java.util.Locale locale, Object... arguments) {
        return messages.getMessage(key, arguments, key, locale);
    }

    /** The comparison rules of the summary, shared so the export and the API agree. */
    static final class StatisticsQueriesAccess {
        private StatisticsQueriesAccess() {}

        static Views.Figure compare(String metric, Number value, Number previous) {
            return StatisticsQueries.compareFigure(metric, value, previous, true);
        }
    }
}
