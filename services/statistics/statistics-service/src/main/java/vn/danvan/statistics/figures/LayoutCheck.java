package vn.danvan.statistics.figures;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Tells the operator when the serving generation was written by an earlier version, whose documents lack what this
 * one stores ({@link Generations#LAYOUT}): its figures keep serving, some of them too low or read slowly, until a
 * rebuild. Said once at startup in the log (WARN) and, for as long as it lasts, in the details of the health
 * component {@code figures}, which stays UP: a replica serving a generation that needs a rebuild still serves.
 */
final class LayoutCheck implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(LayoutCheck.class);

    /** What each layout added, as a generation written before it lacks it. */
    private static final Map<Integer, String> ADDED = Map.of(
            2,
            "children documents: breakdowns by child, inactive units and the export read every child's documents"
                    + " (slower, same figures)",
            3,
            "pendingChange counters: feedback.pendingAtEnd of a period that is over reads too low (often 0)");

    private final Generations generations;
    private final AtomicBoolean warned = new AtomicBoolean();

    LayoutCheck(Generations generations) {
        this.generations = generations;
    }

    @Override
    public Health health() {
        try {
            int layout = generations.layout();
            Health.Builder health = Health.up()
                    .withDetail("generation", generations.active())
                    .withDetail("layout", layout)
                    .withDetail("currentLayout", Generations.LAYOUT);
            if (layout < Generations.LAYOUT) {
                health.withDetail("rebuildNeeded", true)
                        .withDetail("missing", missing(layout))
                        .withDetail("action", "POST /api/v1/statistics/rebuild (role ADMIN)");
            }
            return health.build();
        } catch (RuntimeException e) {
            // the store's own component (mongo) says whether it answers: this one must not turn the service DOWN
            return Health.unknown()
                    .withDetail("error", e.getClass().getSimpleName())
                    .build();
        }
    }

    /** Logs, once, that the serving generation needs a rebuild, if it does. */
    void warnIfOlder() {
        int layout;
        try {
            layout = generations.layout();
        } catch (RuntimeException e) {
            log.debug("The serving generation's layout could not be read at startup", e);
            return;
        }
        if (layout < Generations.LAYOUT && warned.compareAndSet(false, true)) {
            log.warn(
                    "The serving statistics generation {} has layout {}, older than this version's {}: it lacks {}."
                            + " Its figures keep serving; rebuild them (POST /api/v1/statistics/rebuild, role ADMIN)"
                            + " to bring them up to date (docs/statistics-api.md, Upgrading)",
                    generations.active(),
                    layout,
                    Generations.LAYOUT,
                    String.join("; ", missing(layout).values()));
        }
    }

    /** What a generation of {@code layout} lacks, by the layout that added it. */
    private static Map<String, String> missing(int layout) {
        Map<String, String> missing = new LinkedHashMap<>();
        for (int added = layout + 1; added <= Generations.LAYOUT; added++) {
            String what = ADDED.get(added);
            if (what != null) {
                missing.put(Integer.toString(added), what);
            }
        }
        return missing;
    }
}
