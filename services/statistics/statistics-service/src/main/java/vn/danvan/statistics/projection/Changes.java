package vn.danvan.statistics.projection;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import vn.danvan.statistics.figures.Delta;

/** What applying one event changes: counter deltas and entries of the overdue list. */
public final class Changes {

    final List<Delta> deltas = new ArrayList<>();

    /** Overdue list: key to the entry to store, or to null to remove it. */
    final Map<String, Document> overdue = new LinkedHashMap<>();

    /** Adds to a counter of a unit for the periods containing {@code date}. */
    public void add(String unit, LocalDate date, String field, long amount) {
        deltas.add(new Delta(unit, date, field, amount));
    }

    /** Adds to a gauge of a unit (pending now, overdue now). */
    public void gauge(String unit, String field, long amount) {
        deltas.add(new Delta(unit, null, field, amount));
    }

    /** Puts an item on the overdue list (the entry must hold {@code unit}). */
    public void overdue(String key, Document entry) {
        overdue.put(key, entry);
    }

    /** Takes an item off the overdue list. */
    public void notOverdue(String key) {
        overdue.put(key, null);
    }
}
