package vn.danvan.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoQueryException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.result.UpdateResult;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.nio.file.Path;
import java.time.Instant;
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
 * The local stores' shorter ways for counter updates (CounterUpdates) and finds by ids (IdFinds) leave what
 * mongo-java-server's own update leaves and answer as its own find: the same requests go to mongo-java-server's plain
 * memory backend and to the local stack's memory and H2 stores.
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
            "feedback.byCategory.đất đai.received",
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
                    .append("$setOnInsert", new Document("unit", "48").append("period", "2026-07"));
            // values of every size and type, written again with the same value now and then (nothing modified)
            Object[] notes = {
                "Hòa Vang".repeat(random.nextInt(3)), null, true, random.nextInt(2), 0.5, new Date(1_780_000_000_000L)
            };
            Document set = new Document();
            if (random.nextBoolean()) {
                set.put("updatedAt", new Date(1_780_000_000_000L + random.nextInt(3)));
            }
            if (random.nextBoolean()) {
                set.put("ghi chú.nội dung", notes[random.nextInt(notes.length)]);
            }
            if (!set.isEmpty()) {
                update.append("$set", set);
            }
            boolean upsert = random.nextInt(10) > 0;
            assertSameEverywhere(c -> c.updateOne(Filters.eq("_id", id), update, new UpdateOptions().upsert(upsert)));
            // a duplicate detector's bucket: the newest ids of an LSH band, appended and cut to the last 32
            String bucket = "c:20194|" + random.nextInt(20);
            Document append = new Document(
                    "$push",
                    new Document(
                            "items",
                            new Document("$each", List.of("f-" + i, "f-" + (i % 3)))
                                    .append("$slice", random.nextInt(5) > 0 ? -32 : random.nextInt(5) - 2)));
            assertSameEverywhere(c -> c.updateOne(Filters.eq("_id", bucket), append, new UpdateOptions().upsert(true)));
        }
        assertSameDocuments();
        assertThat(figures.get(0).countDocuments()).isEqualTo(45);
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
                new Document("$max", new Document("feedback.received", 2L)),
                // appends: one value, several, cut from either end, to an array not there yet; onto a value that is
                // not an array, with other modifiers, of documents or arrays, with a $slice of another type
                new Document("$push", new Document("list", 3L)),
                new Document("$push", new Document("list", new Document("$each", List.of(4L, "Hòa Vang", true)))),
                new Document("$push", new Document("list", new Document("$each", List.of(5L)).append("$slice", -3))),
                new Document("$push", new Document("list", new Document("$each", List.of(6L)).append("$slice", 2))),
                new Document("$push", new Document("list", new Document("$each", List.of()).append("$slice", 0))),
                new Document("$push", new Document("feedback.ids", new Document("$each", List.of("a", "b")))),
                new Document("$push", new Document("name", 1L)),
                new Document("$push", new Document("list", new Document("$each", List.of(7L)).append("$position", 0))),
                new Document("$push", new Document("list", new Document("$each", List.of(new Document("a", 1L))))),
                new Document("$push", new Document("list", List.of(8L))),
                new Document("$push", new Document("list", new Document("$each", List.of(9L)).append("$slice", 1L))),
                new Document("$push", new Document("list", new Document("$each", 9L))),
                new Document("$push", new Document("list", new Document("$slice", -1))));
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
        // in a collection with another unique index, the update goes to mongo-java-server as a replacement
        figures.forEach(c -> c.createIndex(Indexes.ascending("name"), new IndexOptions().unique(true)));
        assertSameEverywhere(
                c -> c.updateOne(Filters.eq("_id", "a"), new Document("$inc", new Document("feedback.received", 1L))));
        assertSameEverywhere(c -> c.updateOne(
                Filters.eq("_id", "b"),
                new Document("$inc", new Document("feedback.received", 1L)),
                new UpdateOptions().upsert(true)));
        assertSameEverywhere(c -> c.updateOne(
                Filters.eq("_id", "c"),
                new Document("$set", new Document("name", "Hòa Vang")),
                new UpdateOptions().upsert(true)));
        assertSameDocuments();
    }

    @Test
    void findsByListsOfIdsAnswerAsMongoJavaServersOwnFind() {
        for (MongoCollection<Document> collection : figures) {
            for (int i = 0; i < 300; i++) {
                Document byKind = new Document("COMPLAINT", new Document("received", 1L)).append("REPORT", 2L);
                Document feedback = new Document("received", (long) (i % 7))
                        .append("byKind", i % 5 == 0 ? List.of(byKind) : i % 5 == 1 ? "none" : byKind)
                        .append("answered", 1L);
                collection.insertOne(new Document("_id", "48:2026-07-" + i)
                        .append("received", (long) (i % 7))
                        .append("feedback", feedback)
                        .append("at", new Document("p0", (long) i)));
            }
            collection.insertOne(new Document("_id", 7L).append("received", 1L));
            collection.insertOne(new Document("_id", 8.5).append("received", 2L));
        }
        Random random = new Random(20261205);
        List<Function<MongoCollection<Document>, FindIterable<Document>>> finds = new ArrayList<>();
        for (int n = 0; n < 20; n++) {
            // ids stored and missing, some twice, in any order
            List<String> ids = new ArrayList<>();
            for (int k = random.nextInt(400); k > 0; k--) {
                ids.add("48:2026-07-" + random.nextInt(330));
            }
            finds.add(c -> c.find(Filters.in("_id", ids)));
            finds.add(c -> c.find(Filters.in("_id", ids))
                    .sort(Sorts.descending("received"))
                    .skip(3)
                    .limit(20)
                    .projection(Projections.include("received")));
            finds.add(c -> c.find(Filters.in("_id", ids)).projection(Projections.include("at")));
            // leaving out fields, as the statistics readers leave out the slices: a list or a plain value on the way
            // in some documents, fields that are not there in others
            finds.add(c -> c.find(Filters.in("_id", ids))
                    .projection(Projections.exclude("feedback.byKind.REPORT", "feedback.answered", "nothing.here")));
            finds.add(c -> c.find(Filters.in("_id", ids)).projection(Projections.exclude("at", "feedback.byKind")));
        }
        // what the shorter way leaves to mongo-java-server: no ids, other types, a regular expression, more conditions
        finds.add(c -> c.find(Filters.in("_id", List.of())));
        finds.add(c -> c.find(Filters.in("_id", List.of(7L, "48:2026-07-3"))));
        finds.add(c -> c.find(Filters.in("_id", List.of(7, 8.5))));
        finds.add(c -> c.find(Filters.in("_id", List.of(java.util.regex.Pattern.compile("-29\\d$")))));
        finds.add(c -> c.find(
                Filters.and(Filters.in("_id", List.of("48:2026-07-3", "48:2026-07-4")), Filters.eq("received", 3L))));
        finds.add(
                c -> c.find(Filters.and(Filters.in("_id", List.of("48:2026-07-3")), Filters.nin("_id", List.of("x")))));
        List<String> some = List.of("48:2026-07-2", "48:2026-07-3", "48:2026-07-4", "48:2026-07-5");
        finds.add(c -> c.find(Filters.in("_id", some)).projection(Projections.exclude("_id", "at")));
        finds.add(
                c -> c.find(Filters.in("_id", some)).projection(Projections.exclude("feedback", "feedback.received")));
        finds.add(c -> c.find(Filters.in("_id", some)).projection(new Document("at", false).append("received", 0L)));
        finds.add(c -> c.find(Filters.in("_id", some)).projection(new Document("at", 0).append("received", 1)));
        finds.add(c -> c.find(Filters.in("_id", some))
                .sort(Sorts.descending("at.p0"))
                .projection(Projections.exclude("feedback")));
        JsonWriterSettings typed =
                JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();
        for (var find : finds) {
            List<List<String>> answers = new ArrayList<>();
            for (MongoCollection<Document> collection : figures) {
                List<String> found = new ArrayList<>();
                try {
                    find.apply(collection).forEach(doc -> found.add(doc.toJson(typed)));
                } catch (MongoQueryException e) {
                    found.add("error " + e.getCode());
                }
                answers.add(found);
            }
            assertThat(answers.get(1)).as("local memory store").isEqualTo(answers.get(0));
            assertThat(answers.get(2)).as("local H2 store").isEqualTo(answers.get(0));
        }
    }

    /** The same answer from the three stores: the same result, or an error with the same code. */
    private void assertSameEverywhere(Function<MongoCollection<Document>, UpdateResult> update) {
        List<Object> answers = new ArrayList<>();
        for (MongoCollection<Document> collection : figures) {
            try {
                UpdateResult result = update.apply(collection);
                answers.add(List.of(
                        result.getMatchedCount(), result.getModifiedCount(), String.valueOf(result.getUpsertedId())));
            } catch (MongoWriteException | MongoCommandException e) {
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
        // and the same data size, which the shorter way counts by the bytes each update adds
        List<Object> sizes = new ArrayList<>();
        for (MongoClient client : clients) {
            sizes.add(client.getDatabase("danvan_statistics")
                    .runCommand(new Document("collStats", "figures_g1"))
                    .get("size"));
        }
        assertThat(sizes.get(1)).as("local memory store's size").isEqualTo(sizes.get(0));
        assertThat(sizes.get(2)).as("local H2 store's size").isEqualTo(sizes.get(0));
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
        update.put("$set", bson("updatedAt", Instant.EPOCH));

        assertThat(CounterUpdates.takes(selector, update)).isTrue();
        de.bwaldvogel.mongo.bson.Document updated = CounterUpdates.apply(stored, update);
        assertThat(updated.toString())
                .isEqualTo("{\"_id\" : \"48:2026-07\", \"feedback\" : {\"received\" : 6, \"byKind\" :"
                        + " {\"COMPLAINT\" : {\"received\" : 1}}}, \"at\" : {\"p0\" : 10, \"p1\" : 3},"
                        + " \"updatedAt\" : \"" + Instant.EPOCH + "\"}");
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

    @Test
    void theProjectorsFindByIdsTakesTheShorterWayAndOthersDoNot() {
        assertThat(IdFinds.takes(bson("_id", bson("$in", List.of("48|2026-07", "48|2026")))))
                .isTrue();
        assertThat(IdFinds.takes(bson("_id", bson("$in", List.of())))).isTrue();
        assertThat(IdFinds.takes(bson("_id", bson("$in", List.of("48|2026", 7L)))))
                .isFalse();
        assertThat(IdFinds.takes(bson("_id", bson("$in", List.of("48|2026")), "unit", "48")))
                .isFalse();
        assertThat(IdFinds.takes(bson("_id", bson("$in", List.of("48|2026"), "$nin", List.of("x")))))
                .isFalse();
        assertThat(IdFinds.takes(bson("_id", "48|2026"))).isFalse();
        assertThat(IdFinds.takes(bson("unit", bson("$in", List.of("48"))))).isFalse();
    }

    private static de.bwaldvogel.mongo.bson.Document bson(Object... keysAndValues) {
        de.bwaldvogel.mongo.bson.Document document = new de.bwaldvogel.mongo.bson.Document();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            document.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return document;
    }
}
