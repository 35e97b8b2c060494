package vn.danvan.statistics.projection;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import vn.danvan.kit.consumer.PeriodicTask;
import vn.danvan.statistics.figures.Generations;

/**
 * Keeps the serving generation's applied-id log ({@code applied_<g>}) to the platform's retention of applied event
 * ids ({@code danvan.consumer.processed-retention}, 14 days by default, as the kit's consumers keep theirs). The log
 * only has to catch the relay's second copy of an event, which follows the first within the relay's lease or a
 * service's restart; a batch redelivered by the broker is caught by the counters' and items' offset guards and the
 * generation's positions, which stay. Without it the log grew by one document per counted event, forever.
 *
 * <p>Safe in every replica: a delete by time. On a timer of {@code danvan.consumer.cleanup-interval} (1 hour).
 */
final class AppliedIdsCleaner extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(AppliedIdsCleaner.class);

    private final MongoTemplate mongo;
    private final Generations generations;
    private final Duration retention;
    private final Clock clock;

    AppliedIdsCleaner(
            MongoTemplate mongo, Generations generations, Duration retention, Duration interval, Clock clock) {
        super("statistics-applied-cleaner", interval);
        this.mongo = mongo;
        this.generations = generations;
        this.retention = retention;
        this.clock = clock;
    }

    @Override
    protected void runOnce() {
        clean();
    }

    /** Removes the serving generation's applied ids recorded before the retention; returns how many. */
    long clean() {
        String generation = generations.active();
        MongoCollection<Document> applied = mongo.getCollection(Generations.collection("applied", generation));
        // a rebuild makes a new generation: its log gets the index the first time it is cleaned
        applied.createIndex(Indexes.ascending("at"));
        Date cutoff = Date.from(clock.instant().minus(retention));
        long removed = applied.deleteMany(Filters.lt("at", cutoff)).getDeletedCount();
        if (removed > 0) {
            log.info("Removed {} applied event ids of generation {} older than {}", removed, generation, retention);
        }
        return removed;
    }
}
