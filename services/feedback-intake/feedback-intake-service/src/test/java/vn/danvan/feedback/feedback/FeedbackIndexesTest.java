package vn.danvan.feedback.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.mongodb.core.MongoTemplate;
import vn.danvan.kit.test.InProcessMongo;

/** The feedback collection's indexes, on a new store and on one holding what retries made before they existed. */
@ExtendWith(OutputCaptureExtension.class)
class FeedbackIndexesTest {

    @Test
    void aNewStoreGetsEveryIndexAndTheUniqueOnesRefuseASecondItemWithTheSameKey() {
        try (InProcessMongo store = InProcessMongo.start()) {
            MongoTemplate mongo = store.template("feedback_indexes_new");
            new FeedbackIndexes(mongo).afterPropertiesSet();
            // created twice, as every replica does at every start: nothing changes
            new FeedbackIndexes(mongo).afterPropertiesSet();

            assertThat(indexedFields(mongo))
                    .contains("trackingCode", "idempotencyKey", "scopePath,receivedAt,_id", "nextAlertAt");
            var feedback = mongo.getCollection(FeedbackIndexes.COLLECTION);
            feedback.insertOne(
                    new Document("_id", "a").append("trackingCode", "A").append("idempotencyKey", "k"));
            feedback.insertOne(new Document("_id", "b").append("trackingCode", "B"));
            feedback.insertOne(new Document("_id", "c").append("trackingCode", "C")); // no key, as most items
            assertThatThrownBy(() -> feedback.insertOne(
                            new Document("_id", "d").append("trackingCode", "D").append("idempotencyKey", "k")))
                    .isInstanceOf(MongoWriteException.class);
        }
    }

    @Test
    void aStoreHoldingItemsThatShareAKeyStillStartsAndSaysWhy(CapturedOutput output) {
        try (InProcessMongo store = InProcessMongo.start()) {
            MongoTemplate mongo = store.template("feedback_indexes_old");
            var feedback = mongo.getCollection(FeedbackIndexes.COLLECTION);
            // two items made by retries sent together, before the index existed
            feedback.insertOne(
                    new Document("_id", "a").append("trackingCode", "A").append("idempotencyKey", "k"));
            feedback.insertOne(
                    new Document("_id", "b").append("trackingCode", "B").append("idempotencyKey", "k"));

            new FeedbackIndexes(mongo).afterPropertiesSet();

            assertThat(indexedFields(mongo)).contains("trackingCode", "scopePath,receivedAt,_id", "nextAlertAt");
            assertThat(output.getOut()).contains("The unique index on feedback.idempotencyKey was not built");
        }
    }

    private static List<String> indexedFields(MongoTemplate mongo) {
        List<String> fields = new ArrayList<>();
        for (Document index : mongo.getCollection(FeedbackIndexes.COLLECTION).listIndexes()) {
            fields.add(String.join(",", index.get("key", Document.class).keySet()));
        }
        return fields;
    }
}
