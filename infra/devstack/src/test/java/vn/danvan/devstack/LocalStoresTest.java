package vn.danvan.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.nio.file.Path;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStoresTest {

    // port 0: the tests never need the local stack's fixed ports, so they run while it is up
    private static final List<LocalStores.Store> TWO_STORES =
            List.of(new LocalStores.Store("models", 0), new LocalStores.Store("dialogues", 0));

    @TempDir
    Path dataDir;

    @Test
    void aDocumentWrittenBeforeAStopIsReadBackAfterTheRestart() throws Exception {
        try (LocalStores stores = LocalStores.start("127.0.0.1", dataDir, TWO_STORES);
                MongoClient client = MongoClients.create(stores.connectionString("models"))) {
            models(client)
                    .insertOne(new Document("_id", "mo-hinh-1")
                            .append("name", "Dân vận khéo trong xây dựng nông thôn mới"));
        }

        try (LocalStores stores = LocalStores.start("127.0.0.1", dataDir, TWO_STORES);
                MongoClient client = MongoClients.create(stores.connectionString("models"))) {
            Document found =
                    models(client).find(new Document("_id", "mo-hinh-1")).first();
            assertThat(found).isNotNull();
            assertThat(found.getString("name")).isEqualTo("Dân vận khéo trong xây dựng nông thôn mới");
        }
    }

    @Test
    void eachServiceHasAStoreOfItsOwnOnItsOwnPortAndFile() throws Exception {
        try (LocalStores stores = LocalStores.start("127.0.0.1", dataDir, TWO_STORES);
                MongoClient modelsClient = MongoClients.create(stores.connectionString("models"));
                MongoClient dialoguesClient = MongoClients.create(stores.connectionString("dialogues"))) {
            assertThat(stores.port("models")).isNotEqualTo(stores.port("dialogues"));

            models(modelsClient).insertOne(new Document("_id", "mo-hinh-1"));

            assertThat(models(dialoguesClient).countDocuments()).isZero();
            assertThat(models(modelsClient).countDocuments()).isEqualTo(1);
        }
        assertThat(dataDir.resolve("models.mv.db")).isNotEmptyFile();
        assertThat(dataDir.resolve("dialogues.mv.db")).isNotEmptyFile();
    }

    private static MongoCollection<Document> models(MongoClient client) {
        return client.getDatabase("danvan_models").getCollection("models");
    }
}
