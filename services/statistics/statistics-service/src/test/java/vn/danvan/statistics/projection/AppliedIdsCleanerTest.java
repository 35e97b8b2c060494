package vn.danvan.statistics.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import vn.danvan.kit.test.InProcessMongo;
import vn.danvan.statistics.figures.Generations;

/** The serving generation's applied-id log keeps the retention's ids and no older ones; other generations untouched. */
class AppliedIdsCleanerTest {

    static final Instant NOW = Instant.parse("2026-12-04T00:00:00Z");

    InProcessMongo store;
    MongoTemplate mongo;
    Generations generations;
    AppliedIdsCleaner cleaner;

    @BeforeEach
    void start() {
        store = InProcessMongo.start();
        mongo = store.template("statistics_cleaner");
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        generations = new Generations(mongo, clock);
        cleaner = new AppliedIdsCleaner(mongo, generations, Duration.ofDays(14), Duration.ofHours(1), clock);
    }

    @AfterEach
    void stop() {
        store.close();
    }

    private MongoCollection<Document> applied(String generation) {
        return mongo.getCollection(Generations.collection("applied", generation));
    }

    private void record(String generation, String id, Duration ago) {
        applied(generation).insertOne(new Document("_id", id).append("at", Date.from(NOW.minus(ago))));
    }

    private List<String> ids(String generation) {
        List<String> ids = new ArrayList<>();
        applied(generation).find().forEach(doc -> ids.add(doc.getString("_id")));
        return ids;
    }

    @Test
    void idsRecordedBeforeTheRetentionAreRemovedFromTheServingGenerationOnly() {
        String serving = generations.active();
        record(serving, "a-month-ago", Duration.ofDays(30));
        record(serving, "just-past-the-retention", Duration.ofDays(14).plusSeconds(1));
        record(serving, "just-within-it", Duration.ofDays(14).minusSeconds(1));
        record(serving, "an-hour-ago", Duration.ofHours(1));
        record("rebuilding", "old-in-a-rebuild", Duration.ofDays(30));

        assertThat(cleaner.clean()).isEqualTo(2);

        assertThat(ids(serving)).containsExactlyInAnyOrder("just-within-it", "an-hour-ago");
        // a generation being rebuilt is not the serving one: its replay reads its own log
        assertThat(ids("rebuilding")).containsExactly("old-in-a-rebuild");
        assertThat(cleaner.clean()).isZero();
    }

    @Test
    void afterASwitchTheNewServingGenerationIsTheOneCleaned() {
        record("rebuilt", "old", Duration.ofDays(20));
        record("rebuilt", "new", Duration.ofDays(1));
        generations.activate("rebuilt");

        assertThat(cleaner.clean()).isEqualTo(1);
        assertThat(ids("rebuilt")).containsExactly("new");
    }
}
