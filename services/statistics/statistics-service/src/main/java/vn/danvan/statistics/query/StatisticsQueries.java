package vn.danvan.statistics.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import vn.danvan.kit.units.UnitType;
import vn.danvan.kit.web.RuleViolationException;
import vn.danvan.statistics.figures.CounterIds;
import vn.danvan.statistics.figures.FigureReader;
import vn.danvan.statistics.figures.FigureSource;
import vn.danvan.statistics.figures.Generations;
import vn.danvan.statistics.period.Period;
import vn.danvan.statistics.period.PeriodKind;
import vn.danvan.statistics.units.StatisticsUnits;
import vn.danvan.statistics.units.StatisticsUnits.UnitView;

/** The read side: every query reads counter documents by id (a handful of {@code $in} lookups per request). */
public class StatisticsQueries {

    public enum Compare {
        PREVIOUS,
        YEAR
    }

    public enum By {
        CHILD,
        KIND,
        CHANNEL,
        CATEGORY,
        FIELD
    }

    public enum Step {
        DAY,
        MONTH,
        QUARTER
    }

    public enum Activity {
        FEEDBACK,
        DIALOGUE,
        MODEL
    }

    /** Gauges have no history: they are the same whatever the period and are never compared. */
    static final Set<String> GAUGES = Set.of("feedback.pendingNow", "feedback.overdueNow");

    /** Metrics whose sum says whether a unit had any feedback activity in a period. */
    static final List<String> FEEDBACK_ACTIVITY = List.of(
            "feedback.received",
            "feedback.accepted",
            "feedback.rejected",
            "feedback.transferredIn",
            "feedback.transferredOut",
            "feedback.answered",
            "feedback.closed",
            "feedback.reopened",
            "feedback.withdrawn");

    private final StatisticsUnits units;
    private final FigureReader reader;
    private final MongoTemplate mongo;
    private final Generations generations;
    private final Clock clock;

    /** The generation whose overdue list has its index (made once per generation, by the first read of it). */
    private volatile String overdueIndexed;

    /** How long the figures' {@code asOf} is kept before the positions are read again. */
    private static final long AS_OF_CACHE_NANOS = 1_000_000_000L;

    private record AsOf(String generation, Instant value, long readAt) {}

    private volatile AsOf asOf;

    public StatisticsQueries(
            StatisticsUnits units, FigureReader reader, MongoTemplate mongo, Generations generations, Clock clock) {
        this.units = units;
        this.reader = reader;
        this.mongo = mongo;
        this.generations = generations;
        this.clock = clock;
    }

    public Views.Summary summary(String unitCode, Period period, Compare compare) {
        UnitView unit = Params.unit(units, unitCode);
        Period other = compare == null ? null : compare == Compare.YEAR ? period.yearEarlier() : period.previous();
        List<String> ids = new ArrayList<>(List.of(CounterIds.of(unitCode, period.key()), CounterIds.now(unitCode)));
        if (other != null) {
            ids.add(CounterIds.of(unitCode, other.key()));
        }
        Map<String, Document> docs = reader.totals(ids);
        Map<String, Document> ends =
                reader.totalsToEnd(List.of(unitCode), other == null ? List.of(period) : List.of(period, other), docs);
        Document now = docs.get(CounterIds.now(unitCode));
        Map<String, Number> current =
                reader.figures(docs.get(CounterIds.of(unitCode, period.key())), now, ends.get(endId(unitCode, period)));
        Map<String, Number> before = other == null
                ? Map.of()
                : reader.figures(docs.get(CounterIds.of(unitCode, other.key())), now, ends.get(endId(unitCode, other)));
        List<Views.Figure> figures = new ArrayList<>();
        current.forEach((metric, value) ->
                figures.add(compareFigure(metric, value, other == null ? null : before.get(metric), other != null)));
        return new Views.Summary(
                Views.UnitRef.of(unit), Views.PeriodRef.of(period), Views.PeriodRef.of(other), figures, asOf());
    }

    /**
     * How far the figures have got: every event raised up to this time (its {@code ce_time}) has been counted. The
     * oldest of the times the projector records with each source partition's position: the time of the newest event
     * it applied from it, or the time it last found the partition read to its end (a caught-up projector keeps it
     * within its idle interval, 30 s, of now; one catching up after an outage or a rebuild shows how far behind it
     * is). Now when nothing has been counted yet. Read from the positions (a few documents) at most once a second.
     */
    Instant asOf() {
        String generation = generations.active();
        long now = System.nanoTime();
        AsOf cached = asOf;
        if (cached != null && cached.generation().equals(generation) && now - cached.readAt() < AS_OF_CACHE_NANOS) {
            return cached.value();
        }
        Instant oldest = null;
        for (Document position : mongo.getCollection(Generations.collection("positions", generation))
                .find()
                .projection(Projections.include("time"))) {
            if (position.get("time") instanceof Date time
                    && (oldest == null || time.toInstant().isBefore(oldest))) {
                oldest = time.toInstant();
            }
        }
        Instant value = oldest == null ? clock.instant() : oldest;
        asOf = new AsOf(generation, value, now);
        return value;
    }

    /** The id under which {@link FigureReader#toEnd} answers a unit's counts to a period's end. */
    private static String endId(String unit, Period period) {
        return CounterIds.of(unit, FigureReader.endKey(period));
    }

    public static Views.Figure compareFigure(String metric, Number value, Number previous, boolean compared) {
        if (!compared || GAUGES.contains(metric) || previous == null) {
            return new Views.Figure(metric, value, null, null, null);
        }
        if (value == null) {
            // nothing to average now: the previous period's average still shows, with no change to compute
            return new Views.Figure(metric, null, previous, null, null);
        }
        Number change;
        if (value instanceof Long a && previous instanceof Long b) {
            change = a - b;
        } else {
            change = Math.round((value.doubleValue() - previous.doubleValue()) * 10.0) / 10.0;
        }
        Double percent = previous.doubleValue() == 0
                ? null
                : Math.round(value.doubleValue() * 1000.0 / previous.doubleValue()) / 10.0;
        return new Views.Figure(metric, value, previous, change, percent);
    }

    /**
     * A breakdown; by kind, complaints and denunciations show as one row ({@link PublicKinds}) unless {@code
     * everyKind} (a staff caller).
     */
    public Views.Breakdown breakdown(String unitCode, Period period, By by, boolean english, boolean everyKind) {
        UnitView unit = Params.unit(units, unitCode);
        List<Views.Row> rows = new ArrayList<>();
        switch (by) {
            case CHILD -> {
                List<UnitView> children = new ArrayList<>(units.children(unitCode));
                String bucket = unitCode + StatisticsUnits.UNATTRIBUTED;
                boolean province = "PROVINCE".equals(unit.level());
                List<String> codes = new ArrayList<>();
                children.forEach(c -> codes.add(c.code()));
                if (province) {
                    codes.add(bucket);
                }
                Map<String, Document> docs =
                        new HashMap<>(reader.childTotals(unitCode, codes, List.of(period.key(), CounterIds.NOW)));
                docs.putAll(reader.childTotalsToEnd(unitCode, codes, List.of(period), docs));
                for (UnitView child : children) {
                    rows.add(new Views.Row(
                            child.code(),
                            child.name(),
                            reader.figures(
                                    docs.get(CounterIds.of(child.code(), period.key())),
                                    docs.get(CounterIds.now(child.code())),
                                    docs.get(endId(child.code(), period)))));
                }
                // what the unit holds itself (a commune's item transferred to it): its own row, so that the rows
                // always add up to the unit's summary
                List<String> keys = List.of(period.key(), CounterIds.NOW, FigureReader.endKey(period));
                Map<String, Document> withTotals = new HashMap<>(docs);
                withTotals.putAll(
                        reader.totals(List.of(CounterIds.of(unitCode, period.key()), CounterIds.now(unitCode))));
                withTotals.putAll(reader.totalsToEnd(List.of(unitCode), List.of(period), withTotals));
                Map<String, Document> own = FigureReader.own(unitCode, codes, keys, withTotals);
                String ownCode = unitCode + StatisticsUnits.OWN;
                Map<String, Number> ownFigures = reader.figures(
                        own.get(CounterIds.of(ownCode, period.key())),
                        own.get(CounterIds.now(ownCode)),
                        own.getOrDefault(endId(ownCode, period), new Document()));
                if (!children.isEmpty()
                        && !own.isEmpty()
                        && ownFigures.values().stream().anyMatch(v -> v != null && v.doubleValue() != 0)) {
                    rows.add(new Views.Row(
                            ownCode, unit.name() + (english ? " (held directly)" : " (trực tiếp)"), ownFigures));
                }
                if (province) {
                    Map<String, Number> figures = reader.figures(
                            docs.get(CounterIds.of(bucket, period.key())),
                            docs.get(CounterIds.now(bucket)),
                            docs.get(endId(bucket, period)));
                    if (figures.values().stream().anyMatch(v -> v != null && v.doubleValue() != 0)) {
                        rows.add(new Views.Row(
                                bucket,
                                english ? "Unattributed (split communes)" : "Chưa phân bổ (xã bị chia tách)",
                                figures));
                    }
                }
            }
            case FIELD -> {
                // model figures by field come with the model-registry issue
            }
            default -> {
                String dimension = Params.lower(by);
                Map<String, Document> docs =
                        reader.documents(List.of(CounterIds.of(unitCode, period.key()), CounterIds.now(unitCode)));
                Document counters = docs.get(CounterIds.of(unitCode, period.key()));
                Document now = docs.get(CounterIds.now(unitCode));
                Document toEnd = reader.documentsToEnd(List.of(unitCode), List.of(period), docs)
                        .get(endId(unitCode, period));
                for (FigureSource source : reader.sources()) {
                    String slice = source.slices().get(dimension);
                    if (slice == null) {
                        continue;
                    }
                    List<String> values = sliceValues(source, dimension, slice, counters, now);
                    Map<String, List<String>> shown =
                            by == By.KIND ? PublicKinds.shown(values, everyKind) : PublicKinds.shown(values, true);
                    shown.forEach((key, counted) -> rows.add(new Views.Row(
                            key,
                            source.label(dimension, key, english),
                            reader.sliceFigures(source, slice, counted, counters, now, toEnd))));
                }
            }
        }
        return new Views.Breakdown(Views.UnitRef.of(unit), Views.PeriodRef.of(period), Params.lower(by), rows);
    }

    /**
     * The fixed values of a dimension (every kind, every channel) in the contract's order, then any other value seen
     * in the counters in code order, {@link FigureSource#NONE} last. Never the order of the document's fields: that is
     * the order the counters were first written, which a rebuild changes, and a dashboard's rows would reshuffle.
     */
    static List<String> sliceValues(
            FigureSource source, String dimension, String slice, Document counters, Document now) {
        Set<String> seen = new TreeSet<>();
        seen.addAll(FigureReader.section(FigureReader.section(counters, source.section()), slice)
                .keySet());
        seen.addAll(FigureReader.section(FigureReader.section(now, source.section()), slice)
                .keySet());

        Set<String> values = new LinkedHashSet<>(fixedValues(dimension));
        boolean none = seen.remove(FigureSource.NONE);
        values.addAll(seen);
        if (none) {
            values.add(FigureSource.NONE);
        }
        return new ArrayList<>(values);
    }

    private static List<String> fixedValues(String dimension) {
        return switch (dimension) {
            case "kind" ->
                java.util.Arrays.stream(vn.danvan.feedback.api.events.v1.FeedbackKind.values())
                        .map(Enum::name)
                        .toList();
            case "channel" ->
                java.util.Arrays.stream(vn.danvan.feedback.api.events.v1.Channel.values())
                        .map(Enum::name)
                        .toList();
            default -> List.of();
        };
    }

    /** A series; its {@code byKind} shows complaints and denunciations as one unless {@code everyKind}. */
    public Views.Series series(String unitCode, Period period, Step step, boolean everyKind) {
        UnitView unit = Params.unit(units, unitCode);
        PeriodKind kind = PeriodKind.valueOf(step.name());
        List<Period> steps = period.steps(kind);
        List<String> ids = new ArrayList<>();
        steps.forEach(p -> ids.add(CounterIds.of(unitCode, p.key())));
        Map<String, Document> docs = reader.documents(ids);
        // the gauges (pending, overdue) are now, not a step's: a point of last March must not show today's backlog;
        // the backlog at each step's end is its own (pendingAtEnd), for the steps that have begun
        Document now = null;
        LocalDate today = LocalDate.ofInstant(clock.instant(), Period.ZONE);
        List<Period> begun =
                steps.stream().filter(p -> !p.from().isAfter(today)).toList();
        Map<String, Document> ends = begun.isEmpty() ? Map.of() : reader.documentsToEnd(List.of(unitCode), begun, docs);
        List<Views.Point> points = new ArrayList<>();
        for (Period p : steps) {
            Document counters = docs.get(CounterIds.of(unitCode, p.key()));
            Document toEnd = ends.get(endId(unitCode, p));
            Map<String, Map<String, Number>> byKind = new LinkedHashMap<>();
            for (FigureSource source : reader.sources()) {
                String slice = source.slices().get("kind");
                if (slice == null) {
                    continue;
                }
                Set<String> kinds = FigureReader.section(FigureReader.section(counters, source.section()), slice)
                        .keySet();
                PublicKinds.shown(kinds, everyKind)
                        .forEach((key, counted) ->
                                byKind.put(key, reader.sliceFigures(source, slice, counted, counters, now, toEnd)));
            }
            Map<String, Number> figures = reader.figures(counters, now, toEnd);
            GAUGES.forEach(figures::remove);
            byKind.values().forEach(slice -> GAUGES.forEach(slice::remove));
            points.add(new Views.Point(p.key(), figures, byKind));
        }
        return new Views.Series(Views.UnitRef.of(unit), Views.PeriodRef.of(period), Params.lower(step), points);
    }

    public Views.Inactive inactive(String unitCode, Period period, Activity activity) {
        UnitView unit = Params.unit(units, unitCode);
        LocalDate today = LocalDate.ofInstant(clock.instant(), Period.ZONE);
        if (period.from().isAfter(today)) {
            // nothing can have happened in it yet: every unit would be listed as a finding that is none
            throw new RuleViolationException(
                            "statistics.period.not-started",
                            "period",
                            period.key(),
                            period.from().toString())
                    .onField("period");
        }
        List<UnitView> candidates = new ArrayList<>();
        if ("COMMUNE".equals(unit.level()) || "AGENCY".equals(unit.level())) {
            candidates.add(unit);
        } else {
            units.tree().descendantsOf(unitCode).stream()
                    .filter(u -> u.type() == UnitType.COMMUNE || u.type() == UnitType.AGENCY)
                    .forEach(u -> candidates.add(
                            new UnitView(u.code(), u.name(), u.type().name(), u.parentCode())));
        }
        List<Views.NamedUnit> inactive = new ArrayList<>();
        if (activity == Activity.FEEDBACK) {
            Map<String, Document> docs = new HashMap<>();
            if (candidates.size() == 1) {
                docs.putAll(reader.totals(
                        List.of(CounterIds.of(candidates.getFirst().code(), period.key()))));
            } else {
                // each parent's children document holds its children's totals
                Map<String, List<String>> byParent = new LinkedHashMap<>();
                candidates.forEach(c -> byParent.computeIfAbsent(c.parentCode(), p -> new ArrayList<>())
                        .add(c.code()));
                byParent.forEach(
                        (parent, codes) -> docs.putAll(reader.childTotals(parent, codes, List.of(period.key()))));
            }
            for (UnitView candidate : candidates) {
                Map<String, Number> figures =
                        reader.figures(docs.get(CounterIds.of(candidate.code(), period.key())), null);
                long activityCount = FEEDBACK_ACTIVITY.stream()
                        .mapToLong(
                                m -> figures.get(m) == null ? 0 : figures.get(m).longValue())
                        .sum();
                if (activityCount == 0) {
                    inactive.add(new Views.NamedUnit(candidate.code(), candidate.name()));
                }
            }
        } else {
            // no dialogue or model events are consumed yet: every unit is without such activity until they are
            candidates.forEach(c -> inactive.add(new Views.NamedUnit(c.code(), c.name())));
        }
        return new Views.Inactive(
                Views.UnitRef.of(unit),
                null == period ? null : Views.PeriodRef.of(period),
                Params.lower(activity),
                inactive.size(),
                inactive);
    }

    public Views.Overdue overdue(String unitCode) {
        UnitView unit = Params.unit(units, unitCode);
        Map<String, List<Views.OverdueItem>> byUnit = new LinkedHashMap<>();
        String generation = generations.active();
        MongoCollection<Document> overdueList = mongo.getCollection(Generations.collection("overdue", generation));
        if (!generation.equals(overdueIndexed)) {
            // every dashboard refresh reads a unit's overdue items by due time: on MongoDB from this index, not a
            // scan and a sort of the whole list (a neglected province can have thousands)
            overdueList.createIndex(Indexes.ascending("chain", "dueAt"));
            overdueIndexed = generation;
        }
        overdueList
                .find(Filters.eq("chain", unitCode))
                .sort(Sorts.ascending("dueAt"))
                .forEach(doc -> byUnit.computeIfAbsent(doc.getString("unit"), u -> new ArrayList<>())
                        .add(new Views.OverdueItem(
                                doc.getString("feedbackId"),
                                doc.getString("kind"),
                                doc.getDate("dueAt") == null
                                        ? null
                                        : doc.getDate("dueAt").toInstant())));
        List<Views.OverdueUnit> rows = new ArrayList<>();
        byUnit.forEach((code, items) -> rows.add(
                new Views.OverdueUnit(code, units.find(code).map(UnitView::name).orElse(code), items.size(), items)));
        rows.sort(java.util.Comparator.comparing(Views.OverdueUnit::code));
        return new Views.Overdue(Views.UnitRef.of(unit), rows);
    }

    public StatisticsUnits units() {
        return units;
    }

    public FigureReader reader() {
        return reader;
    }
}
