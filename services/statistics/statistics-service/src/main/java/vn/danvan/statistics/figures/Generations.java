package vn.danvan.statistics.figures;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Which generation of the statistics collections serves: every collection is named {@code <base>_<generation>};
 * one small document says which generation is active. A rebuild fills a new generation while the active one keeps
 * serving and switches by rewriting that one document (a single-document write: atomic).
 *
 * <p>The live projector holds the read lock while it applies a batch; a rebuild takes the write lock for the switch,
 * so no live batch is half-applied to the old generation when it changes.
 */
public class Generations {

    static final String COLLECTION = "statistics_generation";
    private static final String ACTIVE = "active";
    public static final String FIRST = "1";

    /** Collections of one generation. */
    public static final List<String> BASES = List.of("figures", "items", "applied", "overdue", "positions");

    private final MongoTemplate mongo;
    private final Clock clock;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    /**
     * What the documents of a generation hold, recorded with the generation when it is first written or rebuilt. 2: a
     * unit's children's totals side by side ({@link CounterIds#children}); a generation written before lacks them
     * until a rebuild, so the readers fall back to the children's own documents. 3: the dated {@code pendingChange}
     * counters {@code feedback.pendingAtEnd} sums for a past period; a generation written before counted only the
     * changes since the upgrade, so its past periods' backlog reads too low until a rebuild. An older generation keeps
     * serving; {@link LayoutCheck} tells the operator it needs a rebuild. Raise it with every change that only a
     * rebuild brings to the stored figures, and say so in docs/statistics-api.md ("Upgrading").
     */
    public static final int LAYOUT = 3;

    private volatile Active cached;
    private volatile long cachedAt;

    private record Active(String generation, int layout) {}

    public Generations(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** The generation serving now (re-read at most every 500 ms, so other replicas follow a switch quickly). */
    public String active() {
        return current().generation();
    }

    /** What the serving generation's documents hold ({@link #LAYOUT} for one written by this version). */
    public int layout() {
        return current().layout();
    }

    /** Whether the serving generation holds the children documents. */
    public boolean hasChildTotals() {
        return current().layout() >= 2;
    }

    private Active current() {
        long now = System.nanoTime();
        Active value = cached;
        if (value != null && now - cachedAt < 500_000_000L) {
            return value;
        }
        Document doc =
                mongo.getCollection(COLLECTION).find(Filters.eq("_id", ACTIVE)).first();
        if (doc == null) {
            // the very first generation, written from its first event by this version
            mongo.getCollection(COLLECTION)
                    .updateOne(
                            Filters.eq("_id", ACTIVE),
                            Updates.combine(
                                    Updates.setOnInsert("generation", FIRST), Updates.setOnInsert("layout", LAYOUT)),
                            new UpdateOptions().upsert(true));
            doc = mongo.getCollection(COLLECTION)
                    .find(Filters.eq("_id", ACTIVE))
                    .first();
        }
        value = new Active(doc.getString("generation"), doc.get("layout") instanceof Number n ? n.intValue() : 1);
        cached = value;
        cachedAt = now;
        return value;
    }

    /** Makes a generation, rebuilt by this version, the serving one. */
    public void activate(String generation) {
        mongo.getCollection(COLLECTION)
                .updateOne(
                        Filters.eq("_id", ACTIVE),
                        Updates.combine(
                                Updates.set("generation", generation),
                                Updates.set("layout", LAYOUT),
                                Updates.set("activatedAt", Date.from(clock.instant()))),
                        new UpdateOptions().upsert(true));
        cached = new Active(generation, LAYOUT);
        cachedAt = System.nanoTime();
    }

    public static String collection(String base, String generation) {
        return base + "_" + generation;
    }

    /** Drops every collection of a generation. */
    public void drop(String generation) {
        for (String base : BASES) {
            String name = collection(base, generation);
            if (mongo.collectionExists(name)) {
                mongo.dropCollection(name);
            }
        }
    }

    /** Generations that have collections, whether serving or not. */
    public java.util.Set<String> existing() {
        java.util.Set<String> found = new java.util.TreeSet<>();
        for (String name : mongo.getCollectionNames()) {
            if (name.startsWith("figures_")) {
                found.add(name.substring("figures_".length()));
            }
        }
        return found;
    }

    public ReentrantReadWriteLock lock() {
        return lock;
    }
}
