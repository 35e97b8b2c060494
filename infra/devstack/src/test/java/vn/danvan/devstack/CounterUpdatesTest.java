package vn.danvan.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.result.UpdateResult;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local stores' shorter way for counter updates (CounterUpdates) leaves what mongo-java-server's own update
 * leaves, and answers the same: the same updates go to mongo-java-server's plain memory backend and to the local
 * stack's memory and H2 stores.
 */
class CounterUpdatesTest {

    @TempDir
    Path dataDir;

    private MongoServer plain;
    private LocalStores memory;
    private LocalStores h2;
    private final List<MongoClient> clients = new ArrayList<>();
    /** The same collection in the plain server, the local memory store and the local H2 store. */
    private final List<MongoCollection<Document>> figures = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        plain = new MongoServer(new MemoryBackend());
        var address = plain.bind();
        memory = LocalStores.start(
                "127.0.0.1", dataDir.resolve("memory"), List.of(new LocalStores.Store("statistics", 0)), true);
        h2 = LocalStores.start("127.0.0.1", dataDir.resolve("h2"), List.of(new LocalStores.Store("statistics", 0)));
        for (String uri : List.of(
                "mongodb://" + address.getHostString() + ":" + address.getPort(),
                memory.connectionString("statistics"),
                h2.connectionString("statistics"))) {
            MongoClient client = MongoClients.create(uri);
            clients.add(client);
            figures.add(client.getDatabase("danvan_statistics").getCollection("figures_g1"));
        }
    }

    @AfterEach
    void stop() throws Exception {
        clients.forEach(MongoClient::close);
        plain.shutdownNow();
        memory.close();
        h2.close();
    }

    @Test
    void thousandsOfCounterUpdatesLeaveTheSameDocumentsAndAnswersAsMongoJavaServersOwnUpdate() {
        Random random = new Random(20261205);
        String[] fields = {
            "feedback.received",
            "feedback.byKind.COMPLAINT.received",
            "feedback.byKind.REPORT.received",
            "feedback.byChannel.WEB.answered",
            "feedback.answerDays.b3",
            "children.26734.feedback.received",
            "children.26737.feedback.byKind.COMPLAINT.received",
            "children.c26740.feedback.received",
            "rating"
        };
        for (int i = 0; i < 2_000; i++) {
            String id = "48:2026-07-" + random.nextInt(25);
            Document inc = new Document();
            for (int n = 1 + random.nextInt(4), k = 0; k < n; k++) {
                inc.put(fields[random.nextInt(fields.length)], (long) (random.nextInt(7) - 2));
            }
            Document update = new Document("$inc", inc)
                    .append("$max", new Document("at.p" + random.nextInt(3), (long) random.nextInt(1_000)))
                    .append("$setOnInsert", new Document("unit", "48").append("period", "2026-07"))
                    .append("$set", new Document("updatedAt", new Date(1_780_000_000_000L + i)));
            boolean upsert = random.nextInt(10) > 0;
            assertSameEverywhere(c -> c.updateOne(Filters.eq("_id", id), update, new UpdateOptions().upsert(upsert)));
        }
        assertSameDocuments();
        assertThat(figures.get(0).countDocuments()).isEqualTo(25);
    }

    @Test
    void updatesOfOtherShapesAnswerAsBeforeErrorsIncluded() {
        figures.forEach(c -> c.insertOne(new Document("_id", "a")
                .append("name", "Hòa Vang")
                .append("small", 3)
                .append("list", List.of(1L, 2L))
                .append("feedback", new Document("received", 1L))));
        List<Document> updates = List.of(
                // a number of another type: int, double, or a long added to an int
                new Document("$inc", new Document("small", 2)),
                new Document("$inc", new Document("small", 2L)),
                new Document("$inc", new Document("feedback.received", 0.5)),
                // not a number, an array on the way, a scalar on the way
                new Document("$inc", new Document("name", 1L)),
                new Document("$inc", new Document("list.0", 1L)),
                new Document("$inc", new Document("name.x", 1L)),
                // two operators on one path, and on a path and a field within it
                new Document("$inc", new Document("feedback.received", 1L))
                        .append("$max", new Document("feedback.received", 9L)),
                new Document("$inc", new Document("feedback.received", 1L))
                        .append("$set", new Document("feedback", new Document())),
                // overflow, other operators, an empty operator, _id
                new Document("$inc", new Document("feedback.received", Long.MAX_VALUE)),
                new Document("$unset", new Document("name", "")),
                new Document("$set", new Document()),
                new Document("$set", new Document("_id", "b")),
                new Document("$max", new Document("feedback.received", 5L)),
                new Document("$max", new Document("feedback.received", 2L)));
        for (Document update : updates) {
            assertSameEverywhere(c -> c.updateOne(Filters.eq("_id", "a"), update));
            assertSameDocuments();
        }
        // by another filter, several at once, a missing document without upsert
        assertSameEverywhere(c -> c.updateOne(
                Filters.eq("name", "Hòa Vang"), new Document("$inc", new Document("feedback.received", 1L))));
        assertSameEverywhere(
                c -> c.updateMany(Filters.eq("_id", "a"), new Document("$inc", new Document("feedback.received", 1L))));
        assertSameEverywhere(c ->
                c.updateOne(Filters.eq("_id", "missing"), new Document("$inc", new Document("feedback.received", 1L))));
        assertSameDocuments();
    }

    /** The same answer from the three stores: the same result, or an error with the same code. */
    private void assertSameEverywhere(Function<MongoCollection<Document>, UpdateResult> update) {
        List<Object> answers = new ArrayList<>();
        for (MongoCollection<Document> collection : figures) {
            try {
                UpdateResult result = update.apply(collection);
                answers.add(List.of(
                        result.getMatchedCount(), result.getModifiedCount(), String.valueOf(result.getUpsertedId())));
            } catch (MongoWriteException e) {
                answers.add("error " + e.getCode());
            }
        }
        assertThat(answers.get(1)).as("local memory store").isEqualTo(answers.get(0));
        assertThat(answers.get(2)).as("local H2 store").isEqualTo(answers.get(0));
    }

    private void assertSameDocuments() {
        // the same fields, values and types (a long stays a long), in the same order at every level
        JsonWriterSettings typed =
                JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();
        List<List<String>> contents = new ArrayList<>();
        for (MongoCollection<Document> collection : figures) {
            List<String> documents = new ArrayList<>();
            collection.find().sort(Sorts.ascending("_id")).forEach(doc -> documents.add(doc.toJson(typed)));
            contents.add(documents);
        }
        assertThat(contents.get(1)).as("local memory store").isEqualTo(contents.get(0));
        assertThat(contents.get(2)).as("local H2 store").isEqualTo(contents.get(0));
    }

    @Test
    void theProjectorsUpdateTakesTheShorterWayAndOthersDoNot() {
        de.bwaldvogel.mongo.bson.Document selector = new de.bwaldvogel.mongo.bson.Document("_id", "48:2026-07");
        de.bwaldvogel.mongo.bson.Document stored = new de.bwaldvogel.mongo.bson.Document("_id", "48:2026-07");
        stored.put("feedback", new de.bwaldvogel.mongo.bson.Document("received", 4L));
        stored.put("at", new de.bwaldvogel.mongo.bson.Document("p0", 10L));
        de.bwaldvogel.mongo.bson.Document update = new de.bwaldvogel.mongo.bson.Document();
        update.put("$inc", bson("feedback.received", 2L, "feedback.byKind.COMPLAINT.received", 1L));
        update.put("$max", bson("at.p0", 7L, "at.p1", 3L));
        update.put("$setOnInsert", bson("unit", "48"));
        update.put("$set", bson("updatedAt", new Date(0)));

        assertThat(CounterUpdates.takes(selector, update)).isTrue();
        de.bwaldvogel.mongo.bson.Document updated = CounterUpdates.apply(stored, update);
        assertThat(updated.toString())
                .isEqualTo("{\"_id\" : \"48:2026-07\", \"feedback\" : {\"received\" : 6, \"byKind\" :"
                        + " {\"COMPLAINT\" : {\"received\" : 1}}}, \"at\" : {\"p0\" : 10, \"p1\" : 3},"
                        + " \"updatedAt\" : \"" + new Date(0) + "\"}");
        // the stored document is left as it was: the store still holds it until the replacement is written
        assertThat(stored.get("feedback")).isEqualTo(bson("received", 4L));
        assertThat(CounterUpdates.apply(null, update).get("unit")).isEqualTo("48");

        assertThat(CounterUpdates.takes(new de.bwaldvogel.mongo.bson.Document("name", "x"), update))
                .isFalse();
        assertThat(CounterUpdates.takes(selector, bson("$unset", bson("a", ""))))
                .isFalse();
        // digits on a document are a field name (a unit's children are kept under their codes); an array on the
        // way is left to mongo-java-server
        assertThat(CounterUpdates.takes(selector, bson("$inc", bson("children.26734.received", 1L))))
                .isTrue();
        stored.put("list", List.of(bson("b", 1L)));
        assertThat(CounterUpdates.apply(stored, bson("$inc", bson("list.0.b", 1L))))
                .isNull();
        assertThat(CounterUpdates.takes(selector, bson("$inc", bson("a", 1L), "$set", bson("a.b", 1L))))
                .isFalse();
        assertThat(CounterUpdates.apply(stored, bson("$inc", bson("feedback.received", 1))))
                .isNull();
        assertThat(CounterUpdates.apply(stored, bson("$set", bson("feedback", bson("received", 1L)))))
                .isNull();
    }

    private static de.bwaldvogel.mongo.bson.Document bson(Object... keysAndValues) {
        de.bwaldvogel.mongo.bson.Document document = new de.bwaldvogel.mongo.bson.Document();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            document.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return document;
    }
}
