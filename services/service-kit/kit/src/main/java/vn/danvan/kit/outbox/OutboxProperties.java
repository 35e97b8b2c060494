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
 */
@ConfigurationProperties("danvan.outbox")
public record OutboxProperties(
        Boolean enabled,
        Integer batchSize,
        Duration pollInterval,
        Duration lease,
        Duration sendTimeout,
        Duration maxBackoff) {

    public OutboxProperties {
        enabled = enabled == null || enabled;
        batchSize = batchSize == null ? 200 : batchSize;
        pollInterval = pollInterval == null ? Duration.ofMillis(500) : pollInterval;
        lease = lease == null ? Duration.ofSeconds(30) : lease;
        sendTimeout = sendTimeout == null ? Duration.ofSeconds(10) : sendTimeout;
        maxBackoff = maxBackoff == null ? Duration.ofSeconds(5) : maxBackoff;
        if (lease.compareTo(sendTimeout) <= 0) {
            throw new IllegalArgumentException("danvan.outbox.lease must be longer than danvan.outbox.send-timeout");
        }
    }
}
