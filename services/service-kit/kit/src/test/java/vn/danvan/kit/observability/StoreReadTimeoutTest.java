package vn.danvan.kit.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoSocketReadTimeoutException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;
import org.springframework.mock.env.MockEnvironment;
import vn.danvan.kit.test.TcpForwarder;

/**
 * A store that takes the connection but does not answer (stopped with SIGSTOP, hung): a request gives up after the
 * read timeout instead of waiting for ever, and readiness says DOWN within the selection timeout. The store is
 * mongo-java-server behind a forwarder that holds every byte once hung.
 */
class StoreReadTimeoutTest {

    private MongoServer server;
    private TcpForwarder forwarder;
    private MongoClient client;

    @BeforeEach
    void storeBehindAForwarder() {
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        InetSocketAddress address = server.getLocalAddress();
        forwarder = TcpForwarder.reserve("127.0.0.1", address.getPort());
        forwarder.open();
    }

    /** A client of the store with the kit's settings. */
    private MongoClient client(MockEnvironment environment) {
        MongoClientSettings.Builder settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + forwarder.port()));
        ObservabilityAutoConfiguration kit = new ObservabilityAutoConfiguration();
        kit.danvanStoreSelectionTimeout(environment).customize(settings);
        kit.danvanStoreSocketTimeouts(environment).customize(settings);
        client = MongoClients.create(settings.build());
        return client;
    }

    @AfterEach
    void close() {
        forwarder.resume();
        if (client != null) {
            client.close();
        }
        forwarder.close();
        server.shutdownNow();
    }

    @Test
    void aHungStoreFailsTheRequestAfterTheReadTimeoutInsteadOfHoldingItForEver() {
        MongoClient client = client(new MockEnvironment().withProperty("danvan.mongodb.read-timeout", "1s"));
        MongoCollection<Document> items = client.getDatabase("danvan_test").getCollection("items");
        items.insertOne(new Document("_id", "a"));

        forwarder.hang();
        long start = System.nanoTime();
        // without a read timeout the driver waits for the answer for ever: give up on the test, not the store
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThatThrownBy(
                        () -> items.find(new Document("_id", "a")).first())
                .isInstanceOf(MongoSocketReadTimeoutException.class));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));

        forwarder.resume(); // the store answers again: so does the next request
        assertThat(items.find(new Document("_id", "a")).first()).isNotNull();
    }

    @Test
    void readinessIsDownWithinTheSelectionTimeoutWhileTheStoreHangs() {
        // the read timeout is the kit's 60 s: the ping has a bound of its own
        MongoClient client = client(new MockEnvironment());
        MongoPingHealthIndicator ping = new MongoPingHealthIndicator(client, Duration.ofSeconds(1));
        assertThat(ping.health(false).getStatus()).isEqualTo(Status.UP);

        forwarder.hang();
        long start = System.nanoTime();
        Status status = assertTimeoutPreemptively(
                Duration.ofSeconds(20), () -> ping.health(false).getStatus());
        assertThat(status).isEqualTo(Status.DOWN);
        assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(4));
    }

    @Test
    void sixtySecondsByDefaultConfigurableAndTheConnectionStringWins() {
        assertThat(readTimeoutMillis(new MockEnvironment())).isEqualTo(60_000);
        assertThat(readTimeoutMillis(new MockEnvironment().withProperty("danvan.mongodb.read-timeout", "5m")))
                .isEqualTo(300_000);
        // set in the URI: the driver reads it from there, this leaves the builder's value (the driver's default)
        assertThat(readTimeoutMillis(new MockEnvironment()
                        .withProperty("spring.mongodb.uri", "mongodb://db:27017/x?socketTimeoutMS=9000")))
                .isZero();
    }

    private static long readTimeoutMillis(MockEnvironment environment) {
        MongoClientSettings.Builder settings = MongoClientSettings.builder();
        new ObservabilityAutoConfiguration()
                .danvanStoreSocketTimeouts(environment)
                .customize(settings);
        return settings.build().getSocketSettings().getReadTimeout(TimeUnit.MILLISECONDS);
    }
}
