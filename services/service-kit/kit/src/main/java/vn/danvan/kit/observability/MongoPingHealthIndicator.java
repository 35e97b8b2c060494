package vn.danvan.kit.observability;

import com.mongodb.client.MongoClient;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * MongoDB reachability for the readiness group: a {@code ping} on the {@code admin} database. Boot's own indicator
 * sends {@code hello} to every database, which mongo-java-server (the local and test store) refuses once a service's
 * database exists, turning readiness DOWN after the first write; {@code ping} is answered by both it and MongoDB.
 */
final class MongoPingHealthIndicator extends AbstractHealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(MongoPingHealthIndicator.class);

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

    /**
     * A failed ping is one WARN line with its cause, not the stack trace {@link AbstractHealthIndicator} logs: the
     * orchestrator probes every few seconds, and a store that is away would fill the log with the same trace (it is
     * at DEBUG for this class).
     */
    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Document answer;
        try {
            answer = client.getDatabase("admin")
                    .withTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .runCommand(new Document("ping", 1));
        } catch (RuntimeException e) {
            log.warn("MongoDB health check failed: {}", e.toString());
            log.debug("MongoDB health check failed", e);
            // down(e) would have the base class log the stack trace after all
            builder.down().withDetail("error", e.toString());
            return;
        }
        Object ok = answer.get("ok");
        if (ok instanceof Number number && number.doubleValue() == 1.0) {
            builder.up();
        } else {
            builder.down().withDetail("ping", answer.toJson());
        }
    }
}
