package vn.danvan.kit.test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * A store of a test's own, without a Spring context: mongo-java-server's memory backend on a free loopback port, and
 * a client of it. For tests of one component (a cleaner, a lease, a projector); close it after each test.
 */
public final class InProcessMongo implements AutoCloseable {

    private final MongoServer server;
    private final MongoClient client;

    private InProcessMongo() {
        server = new MongoServer(new MemoryBackend());
        var address = server.bind();
        client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
    }

    public static InProcessMongo start() {
        return new InProcessMongo();
    }

    public MongoTemplate template(String database) {
        return new MongoTemplate(client, database);
    }

    /** The client of this store, for a test that builds its own template over it. */
    public MongoClient client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }
}
