package vn.danvan.kit.test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * The Kafka broker and MongoDB servers integration tests run against: one suite, two backends.
 *
 * <p>Where a Docker engine answers, real {@code apache/kafka} and {@code mongo} images run through Testcontainers;
 * elsewhere spring-kafka-test's embedded KRaft broker (a real broker, in this JVM) and one mongo-java-server per
 * service database. {@code DANVAN_TEST_BACKEND} (environment) or {@code danvan.test.backend} (system property) =
 * {@code auto} (default), {@code embedded} or {@code containers} forces a choice. Started once per test JVM and shared
 * by every Spring context in it; the choice is printed so the test output says which backend ran.
 */
public final class TestBackends {

    /** Images used where Docker runs: the same major versions as docker-compose.yml. */
    public static final String KAFKA_IMAGE = "apache/kafka:4.1.2";

    public static final String MONGO_IMAGE = "mongo:8.0";

    public enum Kind {
        EMBEDDED,
        CONTAINERS
    }

    private static volatile TestBackends instance;

    private final Kind kind;
    private final String kafkaBootstrapServers;
    private final Map<String, String> mongoUris = new ConcurrentHashMap<>();
    private final MongoDBContainer mongoContainer;

    private TestBackends(Kind kind) {
        this.kind = kind;
        if (kind == Kind.CONTAINERS) {
            KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE);
            kafka.start();
            this.kafkaBootstrapServers = kafka.getBootstrapServers();
            this.mongoContainer = new MongoDBContainer(MONGO_IMAGE);
            mongoContainer.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                mongoContainer.stop();
                kafka.stop();
            }));
        } else {
            EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 6);
            broker.afterPropertiesSet();
            this.kafkaBootstrapServers = broker.getBrokersAsString();
            this.mongoContainer = null;
            Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy));
        }
    }

    /** The backends of this test JVM, started on first use. */
    public static TestBackends get() {
        TestBackends current = instance;
        if (current == null) {
            synchronized (TestBackends.class) {
                current = instance;
                if (current == null) {
                    Kind kind = chooseKind();
                    current = new TestBackends(kind);
                    instance = current;
                    System.out.println("[danvan-test] backends: " + current.describe());
                }
            }
        }
        return current;
    }

    private static Kind chooseKind() {
        String wanted = System.getProperty("danvan.test.backend", System.getenv("DANVAN_TEST_BACKEND"));
        wanted = wanted == null ? "auto" : wanted.trim().toLowerCase(Locale.ROOT);
        return switch (wanted) {
            case "embedded" -> Kind.EMBEDDED;
            case "containers" -> Kind.CONTAINERS;
            case "auto" -> dockerAvailable() ? Kind.CONTAINERS : Kind.EMBEDDED;
            default ->
                throw new IllegalArgumentException(
                        "danvan.test.backend must be auto, embedded or containers, not " + wanted);
        };
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    public Kind kind() {
        return kind;
    }

    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    /**
     * A MongoDB connection string for one service database. Embedded: a mongo-java-server of its own per database
     * (memory backend), as each service owns its store. Containers: a database of that name in the real server.
     */
    public String mongoUri(String database) {
        return mongoUris.computeIfAbsent(database, this::startMongo);
    }

    private String startMongo(String database) {
        if (kind == Kind.CONTAINERS) {
            return mongoContainer.getReplicaSetUrl(database);
        }
        MongoServer server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        InetSocketAddress address = server.getLocalAddress();
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
        return "mongodb://127.0.0.1:" + address.getPort() + "/" + database;
    }

    /** A plain driver client on a service database, for assertions on what was stored. */
    public MongoClient mongoClient(String database) {
        return MongoClients.create(mongoUri(database));
    }

    public String describe() {
        return kind == Kind.CONTAINERS
                ? "Kafka = Testcontainers " + KAFKA_IMAGE + " at " + kafkaBootstrapServers
                        + "; MongoDB = Testcontainers " + MONGO_IMAGE
                : "Kafka = embedded KRaft broker (spring-kafka-test) at " + kafkaBootstrapServers
                        + "; MongoDB = mongo-java-server (memory backend), one server per service database"
                        + " (no Docker engine here, or DANVAN_TEST_BACKEND=embedded)";
    }
}
