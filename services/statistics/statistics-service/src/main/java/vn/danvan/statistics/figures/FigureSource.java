package vn.danvan.statistics.figures;

import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * The figures one event source contributes (feedback now; dialogues and models later): its counters live under
 * {@link #section()} in every counter document, its metrics are named {@code <section>.<name>}, and its slices
 * (by kind, channel, ...) under {@code <section>.<sliceField>.<value>} with the same counters.
 */
public interface FigureSource {

    /** Slice value of an item with no kind, channel or category given: a breakdown's last row. */
    String NONE = "none";

    /** Top-level field of the counter documents, and prefix of the metric names, e.g. {@code feedback}. */
    String section();

    /** Every metric name, in display order. */
    List<String> metrics();

    /**
     * The metrics from counters of a period and the current gauges (either may be empty). Undefined values (an
     * average without data) are null.
     */
    default Map<String, Number> figures(Document counters, Document now) {
        return figures(counters, now, null);
    }

    /**
     * The metrics, with those of the state at the period's end (a backlog) from {@code toEnd}: the counts of every
     * period up to the period's last day ({@link FigureReader#toEnd}). Without it (null: not read) those metrics are
     * left out, not shown as 0.
     */
    Map<String, Number> figures(Document counters, Document now, Document toEnd);

    /**
     * The counts to the end of a period that is not over yet, from the section's gauges of now (what {@link
     * FigureReader#toEnd} would sum, read from one small document instead of every period before): null when the
     * source has no such counts.
     */
    default Document toEndFromGauges(Document gauges) {
        return null;
    }

    /** Dimension name of the breakdown API (kind, channel, category) to the slice field in the section. */
    Map<String, String> slices();

    /** Display label of a slice value, Vietnamese or English. */
    String label(String dimension, String value, boolean english);
}
