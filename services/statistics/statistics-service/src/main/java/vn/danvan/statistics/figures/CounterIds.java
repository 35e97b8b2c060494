package vn.danvan.statistics.figures;

/** Ids of the counter documents: {@code <unit>|<periodKey>}, and {@code <unit>|now} for the current gauges. */
public final class CounterIds {

    public static final String NOW = "now";

    private CounterIds() {}

    public static String of(String unit, String periodKey) {
        return unit + "|" + periodKey;
    }

    public static String now(String unit) {
        return of(unit, NOW);
    }

    public static String unitOf(String id) {
        return id.substring(0, id.lastIndexOf('|'));
    }

    public static String periodOf(String id) {
        return id.substring(id.lastIndexOf('|') + 1);
    }
}
