package vn.danvan.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local stack's H2 store files, whose maps hold BSON (BsonMapTypes), across restarts. */
class H2BsonBackendTest {

    private static final List<LocalStores.Store> STATISTICS = List.of(new LocalStores.Store("statistics", 0));

    @TempDir
    Path dataDir;

    @Test
    void everyKindOfValueIsReadBackAsWrittenAfterARestart() throws Exception {
        ObjectId objectId = new ObjectId();
        Document written = new Document("_id", objectId)
                .append("text", "Hội nghị đối thoại trực tiếp ở xã Hòa Vang")
                .append("int", 7)
                .append("long", 9_000_000_000L)
                .append("double", 4.5)
                .append("decimal", Decimal128.parse("1234.50"))
                .append("flag", true)
                .append("nothing", null)
                .append("at", new Date(1_751_328_000_000L))
                .append("bytes", new Binary(new byte[] {1, 2, 3}))
                .append("list", List.of("a", 1, new Document("nested", List.of(2L))))
                .append("feedback", new Document("received", 3L).append("byKind", new Document("COMPLAINT", 2L)));
        try (LocalStores stores = LocalStores.start("127.0.0.1", dataDir, STATISTICS);
                MongoClient client = MongoClients.create(stores.connectionString("statistics"))) {
            figures(client).insertOne(written);
            figures(client).insertOne(new Document("_id", "48:2026-07").append("n", 1));
        }

        try (LocalStores stores = LocalStores.start("127.0.0.1", dataDir, STATISTICS);
                MongoClient client = MongoClients.create(stores.connectionString("statistics"))) {
            assertThat(figures(client).find(Filters.eq("_id", objectId)).first())
                    .isEqualTo(written);
            assertThat(figures(client).find(Filters.eq("_id", "48:2026-07")).first())
                    .isEqualTo(new Document("_id", "48:2026-07").append("n", 1));
        }
        try (MVStore file = MVStore.open(dataDir.resolve("statistics.mv.db").toString())) {
            assertThat(file.<String, String>openMap(LocalStores.FORMAT_MAP).get("maps"))
                    .isEqualTo(LocalStores.BSON_MAPS);
        }
    }

    @Test
    void aUniqueIndexStillRefusesADuplicateAfterARestartAndFindsByItsKey() throws Exception {
        try (LocalStores stores = LocalStores.start("127.0.0.1", dataDir, STATISTICS);
                MongoClient client = MongoClients.create(stores.connectionString("statistics"))) {
            figures(client).createIndex(Indexes.ascending("trackingCode", "unit"), new IndexOptions().unique(true));
            for (int i = 0; i < 500; i++) {
                figures(client)
                        .insertOne(new Document("_id", "item-" + i)
                                .append("trackingCode", "PA" + i)
                                .append("unit", i % 7));
            }
        }

        try (LocalStores stores = LocalStores.start("127.0.0.1", dataDir, STATISTICS);
                MongoClient client = MongoClients.create(stores.connectionString("statistics"))) {
            MongoCollection<Document> figures = figures(client);
            assertThatThrownBy(() -> figures.insertOne(new Document("_id", "item-again")
                            .append("trackingCode", "PA123")
                            .append("unit", 4)))
                    .isInstanceOfSatisfying(
                            MongoWriteException.class, e -> assertThat(ErrorCategory.fromErrorCode(e.getCode()))
                                    .isEqualTo(ErrorCategory.DUPLICATE_KEY));
            // 4.0 is the same key as 4, as in MongoDB
            assertThatThrownBy(() -> figures.insertOne(new Document("_id", "item-double")
                            .append("trackingCode", "PA123")
                            .append("unit", 4.0)))
                    .isInstanceOf(MongoWriteException.class);
            assertThatThrownBy(() -> figures.insertOne(new Document("_id", "item-7")))
                    .isInstanceOf(MongoWriteException.class);
            figures.insertOne(new Document("_id", "item-other-unit")
                    .append("trackingCode", "PA123")
                    .append("unit", 5));

            assertThat(figures.find(Filters.eq("trackingCode", "PA123")).map(d -> d.getString("_id")))
                    .containsExactlyInAnyOrder("item-123", "item-other-unit");
            figures.updateOne(Filters.eq("_id", "item-9"), Updates.inc("count", 2L), new UpdateOptions().upsert(true));
            figures.deleteOne(Filters.eq("_id", "item-10"));
            assertThat(figures.countDocuments()).isEqualTo(500);
            assertThat(figures.find(Filters.eq("_id", "item-9")).first().getLong("count"))
                    .isEqualTo(2L);
        }
    }

    @Test
    void aFileWrittenBeforeInTheOldFormatIsStillReadAndWritten() throws Exception {
        Path file = dataDir.resolve("statistics.mv.db");
        MongoServer old = new MongoServer(new H2Backend(file.toString()));
        try (MongoClient client = MongoClients.create("mongodb://" + old.bind().getHostString() + ":"
                + old.getLocalAddress().getPort())) {
            figures(client).insertOne(new Document("_id", "48:2025").append("received", 12L));
        } finally {
            old.shutdown();
        }

        try (LocalStores stores = LocalStores.start("127.0.0.1", dataDir, STATISTICS);
                MongoClient client = MongoClients.create(stores.connectionString("statistics"))) {
            assertThat(figures(client)
                            .find(Filters.eq("_id", "48:2025"))
                            .first()
                            .getLong("received"))
                    .isEqualTo(12L);
            figures(client).insertOne(new Document("_id", "48:2026").append("received", 3L));
        }
        try (LocalStores stores = LocalStores.start("127.0.0.1", dataDir, STATISTICS);
                MongoClient client = MongoClients.create(stores.connectionString("statistics"))) {
            assertThat(figures(client).countDocuments()).isEqualTo(2);
        }
    }

    @Test
    void documentsChangedWhileH2WritesThemInTheBackgroundAreAllKept() throws Exception {
        // a write buffer of 1 KB: H2 serializes pages in the background almost at every write, as it did under load
        Path file = dataDir.resolve("race.mv.db");
        MVStore store = new MVStore.Builder()
                .fileName(file.toString())
                .autoCommitBufferSize(1)
                .open();
        store.<String, String>openMap(LocalStores.FORMAT_MAP).put("maps", LocalStores.BSON_MAPS);
        MongoServer server = new MongoServer(new H2BsonBackend(store));
        int threads = 4, writes = 500, documents = 20;
        try (MongoClient client = MongoClients.create(uri(server))) {
            MongoCollection<Document> figures = figures(client);
            List<Thread> writers = new java.util.ArrayList<>();
            java.util.concurrent.atomic.AtomicReference<Throwable> failure =
                    new java.util.concurrent.atomic.AtomicReference<>();
            for (int t = 0; t < threads; t++) {
                int writer = t;
                writers.add(Thread.ofPlatform().start(() -> {
                    try {
                        for (int i = 0; i < writes; i++) {
                            // an upsert that inserts: mongo-java-server changes the new document after its put
                            figures.updateOne(
                                    Filters.eq("_id", "new-" + writer + "-" + i),
                                    Updates.setOnInsert("writer", writer),
                                    new UpdateOptions().upsert(true));
                            figures.updateOne(
                                    Filters.eq("_id", "doc-" + (i % documents)),
                                    Updates.combine(
                                            Updates.inc("count", 1L),
                                            Updates.inc("byWriter.w" + writer + ".n" + (i % 7), 1L),
                                            Updates.push("last", i)),
                                    new UpdateOptions().upsert(true));
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }));
            }
            for (Thread writer : writers) {
                writer.join();
            }
            assertThat(failure.get()).isNull();
            assertThat(figures.countDocuments(Filters.exists("writer"))).isEqualTo((long) threads * writes);
            assertThat(figures.find(Filters.exists("count"))
                            .map(d -> d.getLong("count"))
                            .into(new java.util.ArrayList<>()))
                    .hasSize(documents)
                    .allMatch(count -> count == (long) threads * writes / documents);
        } finally {
            server.shutdown();
        }

        MongoServer again = new MongoServer(new H2BsonBackend(MVStore.open(file.toString())));
        try (MongoClient client = MongoClients.create(uri(again))) {
            long total = 0;
            assertThat(figures(client).countDocuments(Filters.exists("writer"))).isEqualTo((long) threads * writes);
            for (Document doc : figures(client).find(Filters.exists("count"))) {
                total += doc.getLong("count");
                assertThat(doc.getList("last", Integer.class)).hasSize(threads * writes / documents);
            }
            assertThat(total).isEqualTo((long) threads * writes);
        } finally {
            again.shutdown();
        }
    }

    private static String uri(MongoServer server) {
        java.net.InetSocketAddress address = server.bind();
        return "mongodb://" + address.getHostString() + ":" + address.getPort();
    }

    private static MongoCollection<Document> figures(MongoClient client) {
        return client.getDatabase("danvan_statistics").getCollection("figures");
    }
}
