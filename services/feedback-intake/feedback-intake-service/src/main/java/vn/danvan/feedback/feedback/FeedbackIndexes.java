package vn.danvan.feedback.feedback;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The indexes of the {@code feedback} collection, created at startup before the service takes a request (creating
 * one that exists is a no-op). Written out rather than left to {@code @Indexed}, which Spring Data only applies with
 * automatic index creation on, off by default: until 2026-12-05 none of them existed, so retries sent at the same
 * time with one Idempotency-Key each created an item, and every lookup scanned the collection.
 */
@Component
class FeedbackIndexes implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(FeedbackIndexes.class);

    static final String COLLECTION = "feedback";

    private final MongoTemplate mongo;

    FeedbackIndexes(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        MongoCollection<Document> feedback = mongo.getCollection(COLLECTION);
        // the public tracking page and the citizen's own actions look an item up by its code; unique as a code must be
        unique(feedback, "trackingCode", new IndexOptions().unique(true));
        // a retried submission, an imported row, a dialogue's recommendation: one item per key, even when the retries
        // arrive together (the second insert fails and answers with the first item). Sparse: most items have no key.
        unique(feedback, "idempotencyKey", new IndexOptions().unique(true).sparse(true));
        // an officer's list: equality on one unit of the scope path, newest first, ties by id (the cursor's order),
        // so a page reads its 51 entries of the index instead of sorting the whole subtree
        feedback.createIndex(Indexes.compoundIndex(
                Indexes.ascending("scopePath"), Indexes.descending("receivedAt"), Indexes.descending("_id")));
        // the deadline watch's "what is due by now", on every replica every interval
        feedback.createIndex(Indexes.ascending("nextAlertAt"), new IndexOptions().sparse(true));
    }

    /**
     * A unique index the stored items already break (items that retries made before it existed) cannot be built: the
     * service still starts, serving as before, and says so at every start until the duplicates are resolved.
     */
    private static void unique(MongoCollection<Document> feedback, String field, IndexOptions options) {
        try {
            feedback.createIndex(Indexes.ascending(field), options);
        } catch (MongoException e) {
            if (ErrorCategory.fromErrorCode(e.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            log.error(
                    "The unique index on feedback.{} was not built: stored items share a value of it (made before the"
                            + " index existed). Until they are resolved, a value of it may be stored twice again; find"
                            + " them with an aggregation grouping by {} having a count above 1",
                    field,
                    field);
        }
    }
}
