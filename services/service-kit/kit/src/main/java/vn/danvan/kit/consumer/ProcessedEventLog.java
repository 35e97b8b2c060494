package vn.danvan.kit.consumer;

import static com.mongodb.client.model.Filters.lt;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The ids of events a consumer group has applied, in the consuming service's own database: a unique index on
 * (group, event id) makes a redelivered or replayed event recognisable. Entries older than the retention are removed;
 * the retention must exceed how far back a replay can reach with duplicates (Kafka redelivers within minutes; a full
 * replay rebuilds from an empty state instead).
 */
public class ProcessedEventLog {

    static final String COLLECTION = "processed_events";

    private final MongoTemplate mongo;
    private final Clock clock;

    public ProcessedEventLog(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    void createIndexes() {
        MongoCollection<Document> collection = collection();
        collection.createIndex(Indexes.ascending("group", "eventId"), new IndexOptions().unique(true));
        collection.createIndex(Indexes.ascending("processedAt"));
    }

    public boolean isProcessed(String group, String eventId) {
        // a plain document, not Filters.and (rendered $and): the embedded store then uses the unique index
        return collection()
                        .find(new Document("group", group).append("eventId", eventId))
                        .first()
                != null;
    }

    /** Records an applied event; false if it was recorded already (a concurrent redelivery got there first). */
    public boolean markProcessed(String group, String eventId, String type) {
        try {
            collection()
                    .insertOne(new Document("group", group)
                            .append("eventId", eventId)
                            .append("type", type)
                            .append("processedAt", Date.from(clock.instant())));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Where the recorded copy of an event was read: a copy at another position is a second publication of the same
     * event (the outbox relay publishes again what it could not settle), a copy at the same one is the same record
     * delivered again.
     */
    public record Recorded(Integer partition, Long offset) {

        public boolean isAt(ReceivedEvent event) {
            return partition != null
                    && offset != null
                    && partition.equals(event.partition())
                    && offset.equals(event.offset());
        }
    }

    /**
     * Records a batch of events in one write, with each one's position; returns the events recorded before (by an
     * earlier batch, or earlier in this one), each with where its recorded copy was read. A batch consumer records
     * first and applies after, so a crash in between leaves events recorded but not applied: their redelivery
     * finds them recorded at their own position ({@link Recorded#isAt}), and the consumer's own single-document guard
     * (e.g. an offset) tells what was applied.
     */
    public Map<String, Recorded> recordAll(String group, List<ReceivedEvent> events) {
        Map<String, Recorded> before = new LinkedHashMap<>();
        if (events.isEmpty()) {
            return before;
        }
        Date now = Date.from(clock.instant());
        List<Document> entries = new ArrayList<>(events.size());
        for (ReceivedEvent event : events) {
            Document entry = new Document("group", group)
                    .append("eventId", event.id())
                    .append("type", event.type())
                    .append("processedAt", now);
            if (event.partition() != null && event.offset() != null) {
                entry.append("partition", event.partition()).append("offset", event.offset());
            }
            entries.add(entry);
        }
        try {
            // unordered: every new entry is written even when some of the batch were recorded before
            collection().insertMany(entries, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                if (error.getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
            for (BulkWriteError error : e.getWriteErrors()) {
                String eventId = events.get(error.getIndex()).id();
                // rare (a redelivery, a second publication): one exact lookup each, on the unique index
                Document recorded = collection()
                        .find(new Document("group", group).append("eventId", eventId))
                        .first();
                before.put(
                        eventId,
                        recorded == null
                                ? new Recorded(null, null)
                                : new Recorded(
                                        recorded.getInteger("partition"),
                                        recorded.get("offset") instanceof Number n ? n.longValue() : null));
            }
        }
        return before;
    }

    /** Removes entries older than the retention; returns how many. */
    public long removeOlderThan(Duration retention) {
        Date cutoff = Date.from(clock.instant().minus(retention));
        return collection().deleteMany(lt("processedAt", cutoff)).getDeletedCount();
    }

    private MongoCollection<Document> collection() {
        return mongo.getCollection(COLLECTION);
    }
}
