package vn.danvan.kit.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The outbox relay: {@code danvan.outbox.*}.
 *
 * @param enabled whether this instance runs a relay (several replicas may: claims keep them apart)
 * @param batchSize aggregates claimed per round trip
 * @param pollInterval wait between empty rounds when no save woke the relay
 * @param lease how long a claim holds; must exceed the send timeout so a live relay keeps its claim
 * @param sendTimeout how long a batch waits for the broker's acknowledgements
 * @param maxBackoff longest wait between rounds while the broker is unreachable
 * @param exactMatchIndexes whether to add the unique {@code _id}-prefixed compound indexes that match the relay's and
 *     the optimistic-lock updates' filters exactly: the embedded store (mongo-java-server) uses an index only for a
 *     query on exactly its keys and otherwise scans the collection; MongoDB finds these documents by {@code _id}
 *     anyway, so a deployment on MongoDB turns them off to save their write cost (docker-compose.yml does), and the
 *     relay then drops the ones an earlier start made
 */
@ConfigurationProperties("danvan.outbox")
public record OutboxProperties(
        Boolean enabled,
        Integer batchSize,
        Duration pollInterval,
        Duration lease,
        Duration sendTimeout,
        Duration maxBackoff,
        Boolean exactMatchIndexes) {

    public OutboxProperties {
        enabled = enabled == null || enabled;
        batchSize = batchSize == null ? 200 : batchSize;
        pollInterval = pollInterval == null ? Duration.ofMillis(500) : pollInterval;
        lease = lease == null ? Duration.ofSeconds(30) : lease;
        sendTimeout = sendTimeout == null ? Duration.ofSeconds(10) : sendTimeout;
        maxBackoff = maxBackoff == null ? Duration.ofSeconds(5) : maxBackoff;
        exactMatchIndexes = exactMatchIndexes == null || exactMatchIndexes;
        if (lease.compareTo(sendTimeout) <= 0) {
            throw new IllegalArgumentException("danvan.outbox.lease must be longer than danvan.outbox.send-timeout");
        }
    }
}
