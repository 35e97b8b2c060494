package vn.danvan.statistics.figures;

/**
 * Ids of the counter documents: {@code <unit>|<periodKey>}, and {@code <unit>|now} for the current gauges.
 *
 * <p>A unit's children's totals side by side are {@code <unit>/children|<periodKey>} (and {@code |now}): one document
 * holding {@code children.<child code>.<section>.<counter>}, so a breakdown by child reads one document, not two per
 * child. They hold totals only (no slices) and no days (a day's child documents are small enough to read one by
 * one), and, unlike a unit's own documents, are stored for halves and 9 months too.
 */
public final class CounterIds {

    public static final String NOW = "now";
    static final String CHILDREN = "/children";
    /** The field of a children document under which each child's counters are. */
    public static final String CHILDREN_FIELD = "children";

    private CounterIds() {}

    public static String of(String unit, String periodKey) {
        return unit + "|" + periodKey;
    }

    public static String now(String unit) {
        return of(unit, NOW);
    }

    /** The document of a unit's children's totals in a period (or {@link #NOW}). */
    public static String children(String unit, String periodKey) {
        return of(unit + CHILDREN, periodKey);
    }

    /**
     * A child's field name in a children document: its code with '.' (allowed in a deployment's own unit codes, a path
     * separator in a field name) as '~', which no code holds.
     */
    public static String childKey(String code) {
        return code.replace('.', '~');
    }

    /** The code of a child from its field name in a children document. */
    public static String childCode(String key) {
        return key.replace('~', '.');
    }

    /** Whether the id is of a children document (derived from the children's own: never announced as a change). */
    public static boolean isChildren(String id) {
        return unitOf(id).endsWith(CHILDREN);
    }

    public static String unitOf(String id) {
        return id.substring(0, id.lastIndexOf('|'));
    }

    public static String periodOf(String id) {
        return id.substring(id.lastIndexOf('|') + 1);
    }
}
