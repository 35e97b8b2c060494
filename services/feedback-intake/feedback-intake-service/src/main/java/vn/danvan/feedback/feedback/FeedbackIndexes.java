package vn.danvan.feedback.feedback;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.bson.Document;
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

    static final String COLLECTION = "feedback";

    private final MongoTemplate mongo;

    FeedbackIndexes(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        MongoCollection<Document> feedback = mongo.getCollection(COLLECTION);
        // the public tracking page and the citizen's own actions look an item up by its code; unique as a code must be
        feedback.createIndex(Indexes.ascending("trackingCode"), new IndexOptions().unique(true));
        // a retried submission, an imported row, a dialogue's recommendation: one item per key, even when the retries
        // arrive together (the second insert fails and answers with the first item). Sparse: most items have no key.
        feedback.createIndex(
                Indexes.ascending("idempotencyKey"),
                new IndexOptions().unique(true).sparse(true));
        // an officer's list: equality on one unit of the scope path, newest first, ties by id (the cursor's order),
        // so a page reads its 51 entries of the index instead of sorting the whole subtree
        feedback.createIndex(Indexes.compoundIndex(
                Indexes.ascending("scopePath"), Indexes.descending("receivedAt"), Indexes.descending("_id")));
        // the deadline watch's "what is due by now", on every replica every interval
        feedback.createIndex(Indexes.ascending("nextAlertAt"), new IndexOptions().sparse(true));
    }
}
