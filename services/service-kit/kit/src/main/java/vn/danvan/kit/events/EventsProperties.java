package vn.danvan.kit.events;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The stream a service owns and publishes: {@code danvan.events.*}.
 *
 * @param topic Kafka topic, e.g. {@code danvan.feedback.v1}; no topic means the service publishes nothing
 * @param source CloudEvents source, e.g. {@code /danvan/feedback-intake}
 * @param partitions partitions of the topic when the service creates it; events of one aggregate stay in order on
 *     one partition, so this bounds how many consumer replicas can share the work
 * @param replicationFactor replicas of the topic when the service creates it (1 on a single broker)
 */
@ConfigurationProperties("danvan.events")
public record EventsProperties(String topic, String source, Integer partitions, Short replicationFactor) {

    public EventsProperties {
        partitions = partitions == null ? 6 : partitions;
        replicationFactor = replicationFactor == null ? 1 : replicationFactor;
    }
}
