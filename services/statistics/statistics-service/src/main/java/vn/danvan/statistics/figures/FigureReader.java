package vn.danvan.statistics.figures;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;
import vn.danvan.statistics.period.Period;

/** Reads counter documents of the serving generation (by id only: the fast path of every store) into figures. */
public class FigureReader {

    private final MongoTemplate mongo;
    private final Generations generations;
    private final List<FigureSource> sources;

    public FigureReader(MongoTemplate mongo, Generations generations, List<FigureSource> sources) {
        this.mongo = mongo;
        this.generations = generations;
        this.sources = List.copyOf(sources);
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

    private Map<String, Document> read(String generation, Collection<String> ids, Bson projection) {
        Map<String, Document> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        mongo.getCollection(Generations.collection("figures", generation))
                .find(Filters.in("_id", ids))
                .projection(projection)
                .forEach(doc -> found.put(doc.getString("_id"), doc));
        return found;
    }

    /** The figures of every source from a period's counters and the unit's gauges (either may be null). */
    public Map<String, Number> figures(Document counters, Document now) {
        Map<String, Number> figures = new LinkedHashMap<>();
        for (FigureSource source : sources) {
            figures.putAll(source.figures(section(counters, source.section()), section(now, source.section())));
        }
        return figures;
    }

    /** The figures of one slice (e.g. kind COMPLAINT) of one source. */
    public Map<String, Number> sliceFigures(
            FigureSource source, String sliceField, String value, Document counters, Document now) {
        Document slice = section(section(section(counters, source.section()), sliceField), value);
        Document nowSlice = section(section(section(now, source.section()), sliceField), value);
        return source.figures(slice, nowSlice);
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
