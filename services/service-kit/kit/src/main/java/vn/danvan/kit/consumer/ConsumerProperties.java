package vn.danvan.kit.consumer;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Idempotent consumers: {@code danvan.consumer.*}.
 *
 * @param processedRetention how long applied event ids are kept
 * @param cleanupInterval how often older ids are removed
 */
@ConfigurationProperties("danvan.consumer")
public record ConsumerProperties(Duration processedRetention, Duration cleanupInterval) {

    public ConsumerProperties {
        processedRetention = processedRetention == null ? Duration.ofDays(14) : processedRetention;
        cleanupInterval = cleanupInterval == null ? Duration.ofHours(1) : cleanupInterval;
    }
}
