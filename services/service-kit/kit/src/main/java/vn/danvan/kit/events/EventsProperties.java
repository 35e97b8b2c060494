package vn.danvan.kit.events;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The stream a service owns and publishes: {@code danvan.events.*}.
 *
 * @param topic Kafka topic, e.g. {@code danvan.feedback.v1}; no topic means the service publishes nothing
 * @param source CloudEvents source, e.g. {@code /danvan/feedback-intake}
 * @param partitions partitions of the topic when the service creates it; events of one aggregate stay in order on
 *     one partition, so this bounds how many consumer replicas can share the work. A topic that exists keeps its
 *     own count (see {@link OwnStreamTopic})
 * @param replicationFactor replicas of the topic when the service creates it (1 on a single broker)
 * @param retention how long the broker keeps the stream's events; none (the default) keeps them for ever. A domain
 *     stream is the history its consumers rebuild their views from (statistics' rebuild replays it from the
 *     beginning), so it must not lose events after the broker's default of 7 days; a stream of notifications
 *     (statistics' own) can set one
 */
@ConfigurationProperties("danvan.events")
public record EventsProperties(
        String topic, String source, Integer partitions, Short replicationFactor, Duration retention) {

    public EventsProperties {
        partitions = partitions == null ? 6 : partitions;
        replicationFactor = replicationFactor == null ? 1 : replicationFactor;
        if (retention != null && (retention.isNegative() || retention.isZero())) {
            throw new IllegalArgumentException("danvan.events.retention must be positive, or unset to keep for ever");
        }
    }

    /** The topic's {@code retention.ms}: -1 (for ever) without a retention. */
    public long retentionMs() {
        return retention == null ? -1 : retention.toMillis();
    }
}
