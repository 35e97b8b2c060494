package vn.danvan.statistics.figures;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import vn.danvan.statistics.period.Period;
import vn.danvan.statistics.period.PeriodKind;
import vn.danvan.statistics.units.StatisticsUnits;

/** Reads counter documents of the serving generation (by id only: the fast path of every store) into figures. */
public class FigureReader {

    private static final Logger log = LoggerFactory.getLogger(FigureReader.class);

    private final MongoTemplate mongo;
    private final Generations generations;
    private final List<FigureSource> sources;

    private final Clock clock;

    public FigureReader(MongoTemplate mongo, Generations generations, List<FigureSource> sources) {
        this(mongo, generations, sources, Clock.systemUTC());
    }

    public FigureReader(MongoTemplate mongo, Generations generations, List<FigureSource> sources, Clock clock) {
        this.mongo = mongo;
        this.generations = generations;
        this.sources = List.copyOf(sources);
        this.clock = clock;
    }

    public List<FigureSource> sources() {
        return sources;
    }

    /** Every metric name of every source, in display order. */
    public List<String> metrics() {
        List<String> all = new ArrayList<>();
        sources.forEach(s -> all.addAll(s.metrics()));
        return all;
    }

    /** Counter documents by id, from the serving generation; missing ids are absent from the map. */
    public Map<String, Document> documents(Collection<String> ids) {
        return documents(generations.active(), ids);
    }

    public Map<String, Document> documents(String generation, Collection<String> ids) {
        return read(generation, ids, null);
    }

    /**
     * Counter documents by id without their slices (by kind, channel, category): enough for {@link #figures}, and a
     * fraction of the bytes to read and decode when a query needs the totals of many units.
     */
    public Map<String, Document> totals(Collection<String> ids) {
        List<String> slices = new ArrayList<>();
        for (FigureSource source : sources) {
            source.slices().values().forEach(field -> slices.add(source.section() + "." + field));
        }
        return read(generations.active(), ids, slices.isEmpty() ? null : Projections.exclude(slices));
    }

    /**
     * The totals of some children of one unit, by the children's own counter ids ({@code <child>|<period>} and
     * {@code <child>|now}) as {@link #totals} gives them: read from the parent's children documents, one per period,
     * instead of two documents per child. Days, and a generation written before children documents existed, read the
     * children's own documents.
     */
    public Map<String, Document> childTotals(
            String parent, Collection<String> children, Collection<String> periodKeys) {
        boolean days = periodKeys.stream()
                .anyMatch(
                        key -> !CounterIds.NOW.equals(key) && Period.parse(key).kind() == PeriodKind.DAY);
        if (days || !generations.hasChildTotals()) {
            if (!days && !toldOfOldLayout) {
                toldOfOldLayout = true;
                log.warn("The serving statistics generation has no children documents (written by an earlier"
                        + " version): breakdowns by child read every child's documents until a rebuild");
            }
            List<String> ids = new ArrayList<>();
            for (String child : children) {
                periodKeys.forEach(key -> ids.add(CounterIds.of(child, key)));
            }
            return totals(ids);
        }
        List<String> ids =
                periodKeys.stream().map(key -> CounterIds.children(parent, key)).toList();
        Map<String, Document> docs = read(generations.active(), ids, null);
        Map<String, Document> found = new HashMap<>();
        for (String key : periodKeys) {
            Document byChild = section(docs.get(CounterIds.children(parent, key)), CounterIds.CHILDREN_FIELD);
            for (String child : children) {
                if (byChild.get(CounterIds.childKey(child)) instanceof Document counters) {
                    found.put(CounterIds.of(child, key), counters);
                }
            }
        }
        return found;
    }

    private volatile boolean toldOfOldLayout;

    private Map<String, Document> read(String generation, Collection<String> ids, Bson projection) {
        Map<String, Document> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        // a composed period (half, 9 months) is not stored: its document is the sum of its parts'
        Map<String, List<String>> composed = new LinkedHashMap<>();
        Set<String> stored = new LinkedHashSet<>();
        for (String id : ids) {
            List<String> parts = parts(id);
            if (parts == null) {
                stored.add(id);
            } else {
                composed.put(id, parts);
                stored.addAll(parts);
            }
        }
        Map<String, Document> read = new HashMap<>();
        mongo.getCollection(Generations.collection("figures", generation))
                .find(Filters.in("_id", stored))
                .projection(projection)
                .forEach(doc -> read.put(doc.getString("_id"), doc));
        for (String id : ids) {
            List<String> parts = composed.get(id);
            if (parts == null) {
                Document doc = read.get(id);
                if (doc != null) {
                    found.put(id, doc);
                }
                continue;
            }
            Document sum = null;
            for (String part : parts) {
                Document doc = read.get(part);
                if (doc != null) {
                    if (sum == null) {
                        sum = new Document("_id", id)
                                .append("unit", CounterIds.unitOf(id))
                                .append("period", CounterIds.periodOf(id));
                    }
                    add(sum, doc, true);
                }
            }
            if (sum != null) {
                found.put(id, sum);
            }
        }
        return found;
    }

    /**
     * The ids of the stored documents a composed period's document sums, or null for a stored one (children documents
     * are stored for halves and 9 months).
     */
    static List<String> parts(String id) {
        if (CounterIds.isChildren(id)) {
            return null; // children documents are stored for every period
        }
        return Period.composedOf(CounterIds.periodOf(id))
                .map(period -> period.parts().stream()
                        .map(part -> CounterIds.of(CounterIds.unitOf(id), part.key()))
                        .toList())
                .orElse(null);
    }

    /** Adds every count of {@code doc} into {@code sum}, sections included; ids, offsets and stamps are not counts. */
    private static void add(Document sum, Document doc, boolean top) {
        combine(sum, doc, top, 1);
    }

    /** Adds ({@code sign} 1) or takes away ({@code sign} -1) every count of {@code doc}, sections included. */
    private static void combine(Document into, Document doc, boolean top, int sign) {
        doc.forEach((field, value) -> {
            if (top && NOT_COUNTS.contains(field)) {
                return;
            }
            if (value instanceof Document section) {
                Object before = into.get(field);
                Document target = before instanceof Document d ? d : new Document();
                into.put(field, target);
                combine(target, section, false, sign);
            } else if (value instanceof Number n) {
                Object before = into.get(field);
                boolean whole = !(n instanceof Double || n instanceof Float)
                        && !(before instanceof Double || before instanceof Float);
                if (!(before instanceof Number b)) {
                    into.put(field, sign > 0 ? n : whole ? (Object) (-n.longValue()) : (Object) (-n.doubleValue()));
                } else {
                    into.put(
                            field,
                            whole
                                    ? (Object) (b.longValue() + sign * n.longValue())
                                    : (Object) (b.doubleValue() + sign * n.doubleValue()));
                }
            }
        });
    }

    private static final Set<String> NOT_COUNTS = Set.of("_id", "unit", "period", "at", "updatedAt");

    /**
     * What a unit holds itself rather than through one of its children, for each period key: the unit's totals (as
     * {@link #totals} reads them, in {@code docs}) less its children's (as {@link #childTotals} reads them, also in
     * {@code docs}), by the counter ids of {@code <unit>:OWN}. A key where nothing is left has no document; so the
     * children's rows and this one always add up to the unit's.
     */
    public static Map<String, Document> own(
            String unit, Collection<String> children, Collection<String> periodKeys, Map<String, Document> docs) {
        String ownCode = unit + StatisticsUnits.OWN;
        Map<String, Document> own = new HashMap<>();
        for (String key : periodKeys) {
            Document total = docs.get(CounterIds.of(unit, key));
            if (total == null) {
                continue;
            }
            Document left = new Document();
            add(left, total, true);
            for (String child : children) {
                Document part = docs.get(CounterIds.of(child, key));
                if (part != null) {
                    combine(left, part, true, -1);
                }
            }
            if (anyCount(left)) {
                own.put(CounterIds.of(ownCode, key), left);
            }
        }
        return own;
    }

    /** Whether any count is left; sums of fractions (ratings) differ from 0 by rounding only below 1e-9. */
    private static boolean anyCount(Document doc) {
        for (Object value : doc.values()) {
            if (value instanceof Document section
                    ? anyCount(section)
                    : value instanceof Number n && Math.abs(n.doubleValue()) > 1e-9) {
                return true;
            }
        }
        return false;
    }

    /** The figures of every source from a period's counters and the unit's gauges (either may be null). */
    public Map<String, Number> figures(Document counters, Document now) {
        return figures(counters, now, null);
    }

    /**
     * The figures of every source from a period's counters, the unit's gauges (either may be null) and its counts to
     * the period's end ({@link #toEnd}; null when not read: the figures of the state at the period's end are left
     * out).
     */
    public Map<String, Number> figures(Document counters, Document now, Document toEnd) {
        Map<String, Number> figures = new LinkedHashMap<>();
        for (FigureSource source : sources) {
            figures.putAll(source.figures(
                    section(counters, source.section()),
                    section(now, source.section()),
                    toEnd == null ? null : section(toEnd, source.section())));
        }
        return figures;
    }

    /**
     * The period key under which {@link #toEnd} answers a unit's counts to a period's end: {@code <unit>|end:<key>},
     * never a stored document.
     */
    public static String endKey(Period period) {
        return "end:" + period.key();
    }

    /**
     * Each unit's counts from the first stored period to each period's last day (for a period not over yet, what has
     * been counted so far), by id {@code <unit>|end:<period>} ({@link #endKey}), one for every unit and period, empty
     * when nothing was counted: a backlog at a period's end is the running total of a flow counter. Read as the fewest
     * stored documents cover ({@link Period#storedUpTo}: the terms before, then years, quarters, months, days), with
     * one call of {@code read}, which is given the stored period keys and answers documents by {@code <unit>|<key>}
     * (the units' {@link #totals}, {@link #documents} or {@link #childTotals}).
     */
    public static Map<String, Document> toEnd(
            Collection<String> units,
            Collection<Period> periods,
            java.util.function.Function<List<String>, Map<String, Document>> read) {
        return toEnd(units, periods, read, false);
    }

    /** {@link #toEnd}, with halves and 9 months among the parts read when {@code composedToo} (children documents). */
    static Map<String, Document> toEnd(
            Collection<String> units,
            Collection<Period> periods,
            java.util.function.Function<List<String>, Map<String, Document>> read,
            boolean composedToo) {
        Map<Period, List<String>> partsOf = new LinkedHashMap<>();
        Set<String> keys = new LinkedHashSet<>();
        for (Period period : periods) {
            List<String> parts = Period.storedUpTo(period.to(), composedToo).stream()
                    .map(Period::key)
                    .toList();
            partsOf.put(period, parts);
            keys.addAll(parts);
        }
        Map<String, Document> docs = keys.isEmpty() ? Map.of() : read.apply(List.copyOf(keys));
        Map<String, Document> sums = new HashMap<>();
        for (String unit : units) {
            partsOf.forEach((period, parts) -> {
                Document sum = new Document();
                for (String part : parts) {
                    Document doc = docs.get(CounterIds.of(unit, part));
                    if (doc != null) {
                        add(sum, doc, true);
                    }
                }
                sums.put(CounterIds.of(unit, endKey(period)), sum);
            });
        }
        return sums;
    }

    /** {@link #toEnd} of units' totals (no slices). */
    public Map<String, Document> totalsToEnd(Collection<String> units, Collection<Period> periods) {
        return totalsToEnd(units, periods, Map.of());
    }

    /**
     * {@link #totalsToEnd}, reading only the documents {@code known} (what the caller read already, by id) does not
     * hold: the period's own and now's documents are usually among them.
     */
    public Map<String, Document> totalsToEnd(
            Collection<String> units, Collection<Period> periods, Map<String, Document> known) {
        return toEndOrNow(units, periods, known, keys -> readUnknown(ids(units, keys), known, this::totals));
    }

    /** {@link #toEnd} of units' documents, slices included. */
    public Map<String, Document> documentsToEnd(Collection<String> units, Collection<Period> periods) {
        return documentsToEnd(units, periods, Map.of());
    }

    /** {@link #documentsToEnd}, reading only what {@code known} does not hold (see {@link #totalsToEnd}). */
    public Map<String, Document> documentsToEnd(
            Collection<String> units, Collection<Period> periods, Map<String, Document> known) {
        return toEndOrNow(units, periods, known, keys -> readUnknown(ids(units, keys), known, this::documents));
    }

    /** {@link #toEnd} of some children of one unit, read as {@link #childTotals} reads them. */
    public Map<String, Document> childTotalsToEnd(
            String parent, Collection<String> children, Collection<Period> periods) {
        return childTotalsToEnd(parent, children, periods, Map.of());
    }

    /**
     * {@link #childTotalsToEnd}, reading only the children's documents of the periods of which {@code known} holds
     * none of the children (one children's document holds them all).
     */
    public Map<String, Document> childTotalsToEnd(
            String parent, Collection<String> children, Collection<Period> periods, Map<String, Document> known) {
        return toEndOrNow(
                children,
                periods,
                known,
                keys -> {
                    List<String> missing = keys.stream()
                            .filter(key -> children.stream().noneMatch(c -> known.containsKey(CounterIds.of(c, key))))
                            .toList();
                    return missing.isEmpty() ? Map.of() : childTotals(parent, children, missing);
                },
                generations.hasChildTotals());
    }

    /** {@code read} of the ids not in {@code known}; no round trip when there are none. */
    private static Map<String, Document> readUnknown(
            List<String> ids,
            Map<String, Document> known,
            java.util.function.Function<List<String>, Map<String, Document>> read) {
        List<String> unknown = ids.stream().filter(id -> !known.containsKey(id)).toList();
        return unknown.isEmpty() ? Map.of() : read.apply(unknown);
    }

    /**
     * {@link #toEnd}, except for a period not over yet (the one a dashboard shows): its end is now, whose counts
     * the sources read from the gauges ({@link FigureSource#toEndFromGauges}), one small document per unit instead
     * of the big documents of every period before (a year's or a term's: mongo-java-server copies each whole).
     * Documents in {@code known} are used as read.
     */
    private Map<String, Document> toEndOrNow(
            Collection<String> units,
            Collection<Period> periods,
            Map<String, Document> known,
            java.util.function.Function<List<String>, Map<String, Document>> read) {
        return toEndOrNow(units, periods, known, read, false);
    }

    private Map<String, Document> toEndOrNow(
            Collection<String> units,
            Collection<Period> periods,
            Map<String, Document> known,
            java.util.function.Function<List<String>, Map<String, Document>> read,
            boolean composedToo) {
        java.util.function.Function<List<String>, Map<String, Document>> withKnown = keys -> {
            Map<String, Document> docs = new HashMap<>(read.apply(keys));
            for (String unit : units) {
                for (String key : keys) {
                    Document doc = known.get(CounterIds.of(unit, key));
                    if (doc != null) {
                        docs.putIfAbsent(CounterIds.of(unit, key), doc);
                    }
                }
            }
            return docs;
        };
        LocalDate today = LocalDate.ofInstant(clock.instant(), Period.ZONE);
        List<Period> ended =
                periods.stream().filter(p -> p.to().isBefore(today)).toList();
        List<Period> running =
                periods.stream().filter(p -> !p.to().isBefore(today)).toList();
        Map<String, Document> sums =
                new HashMap<>(ended.isEmpty() ? Map.of() : toEnd(units, ended, withKnown, composedToo));
        if (!running.isEmpty()) {
            Map<String, Document> now = withKnown.apply(List.of(CounterIds.NOW));
            for (String unit : units) {
                Document gauges = now.get(CounterIds.now(unit));
                Document sum = new Document();
                for (FigureSource source : sources) {
                    Document section = source.toEndFromGauges(section(gauges, source.section()));
                    if (section != null) {
                        sum.put(source.section(), section);
                    }
                }
                running.forEach(p -> sums.put(CounterIds.of(unit, endKey(p)), sum));
            }
        }
        return sums;
    }

    private static List<String> ids(Collection<String> units, List<String> keys) {
        List<String> ids = new ArrayList<>();
        for (String unit : units) {
            keys.forEach(key -> ids.add(CounterIds.of(unit, key)));
        }
        return ids;
    }

    /**
     * The figures of one slice (e.g. kind COMPLAINT) of one source, or of several counted as one (kinds COMPLAINT and
     * DENUNCIATION for the public): their counters are added before the figures are computed, so averages, rates and
     * percentiles are those of the combined items, not sums of the slices' own.
     */
    public Map<String, Number> sliceFigures(
            FigureSource source, String sliceField, Collection<String> values, Document counters, Document now) {
        return sliceFigures(source, sliceField, values, counters, now, null);
    }

    /** {@link #sliceFigures}, with the slice's counts to the period's end (null when not read). */
    public Map<String, Number> sliceFigures(
            FigureSource source,
            String sliceField,
            Collection<String> values,
            Document counters,
            Document now,
            Document toEnd) {
        Document slice = new Document();
        Document nowSlice = new Document();
        Document endSlice = toEnd == null ? null : new Document();
        for (String value : values) {
            add(slice, section(section(section(counters, source.section()), sliceField), value), false);
            add(nowSlice, section(section(section(now, source.section()), sliceField), value), false);
            if (toEnd != null) {
                add(endSlice, section(section(section(toEnd, source.section()), sliceField), value), false);
            }
        }
        return source.figures(slice, nowSlice, endSlice);
    }

    /** Figures of one unit and period, read now. */
    public Map<String, Number> figures(String unit, Period period) {
        String id = CounterIds.of(unit, period.key());
        String nowId = CounterIds.now(unit);
        Map<String, Document> docs = documents(List.of(id, nowId));
        return figures(docs.get(id), docs.get(nowId));
    }

    public static Document section(Document parent, String field) {
        if (parent == null) {
            return new Document();
        }
        Object value = parent.get(field);
        return value instanceof Document doc ? doc : new Document();
    }
}
