package vn.danvan.kit.observability;

import com.mongodb.client.MongoClient;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * MongoDB reachability for the readiness group: a {@code ping} on the {@code admin} database. Boot's own indicator
 * sends {@code hello} to every database, which mongo-java-server (the local and test store) refuses once a service's
 * database exists, turning readiness DOWN after the first write; {@code ping} is answered by both it and MongoDB.
 */
final class MongoPingHealthIndicator extends AbstractHealthIndicator {

    private final MongoClient client;
    private final Duration timeout;

    /**
     * @param timeout how long the ping may take in all (server selection and answer): a store that accepts the
     *     connection but does not answer is DOWN after it, not after the socket's read timeout
     */
    MongoPingHealthIndicator(MongoClient client, Duration timeout) {
        super("MongoDB health check failed");
        this.client = client;
        this.timeout = timeout;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Document answer = client.getDatabase("admin")
                .withTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .runCommand(new Document("ping", 1));
        Object ok = answer.get("ok");
        if (ok instanceof Number number && number.doubleValue() == 1.0) {
            builder.up();
        } else {
            builder.down().withDetail("ping", answer.toJson());
        }
    }
}
