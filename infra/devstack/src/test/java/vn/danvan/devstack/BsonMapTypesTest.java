package vn.danvan.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.bson.Document;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.h2.mvstore.WriteBuffer;
import org.junit.jupiter.api.Test;

class BsonMapTypesTest {

    @Test
    void aDocumentChangedWhileItIsWrittenIsWrittenWholeInOneOfItsStates() throws Exception {
        Document counters = new Document("received", 1L);
        Document document = new Document("_id", "48:2026-07").append("feedback", counters);
        AtomicBoolean writing = new AtomicBoolean(true);
        // what mongo-java-server's workers do to a document H2 is writing on its serialization thread
        Thread worker = Thread.ofPlatform().start(() -> {
            long n = 0;
            while (writing.get()) {
                counters.put("byKind" + (n % 5), n);
                counters.remove("byKind" + ((n + 2) % 5));
                n++;
                LockSupport.parkNanos(2_000);
            }
        });
        try {
            for (int i = 0; i < 20_000; i++) {
                WriteBuffer buffer = new WriteBuffer();
                BsonMapTypes.DOCUMENT.write(buffer, document);
                Document read = BsonMapTypes.DOCUMENT.read(buffer.getBuffer().flip());
                assertThat(read.get("_id")).isEqualTo("48:2026-07");
                assertThat(((Document) read.get("feedback")).get("received")).isEqualTo(1L);
            }
        } finally {
            writing.set(false);
            worker.join();
        }
    }
}
