package vn.danvan.kit.consumer;

import static com.mongodb.client.model.Filters.lt;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
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

    /** Removes entries older than the retention; returns how many. */
    public long removeOlderThan(Duration retention) {
        Date cutoff = Date.from(clock.instant().minus(retention));
        return collection().deleteMany(lt("processedAt", cutoff)).getDeletedCount();
    }

    private MongoCollection<Document> collection() {
        return mongo.getCollection(COLLECTION);
    }
}
