package vn.danvan.kit.consumer;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Idempotent consumers: {@code danvan.consumer.*}.
 *
 * @param processedRetention how long applied event ids are kept
 * @param cleanupInterval how often older ids are removed
 * @param batchRetry the waits between deliveries of a failing batch of a batch-mode binding
 */
@ConfigurationProperties("danvan.consumer")
public record ConsumerProperties(Duration processedRetention, Duration cleanupInterval, BatchRetry batchRetry) {

    public ConsumerProperties {
        processedRetention = processedRetention == null ? Duration.ofDays(14) : processedRetention;
        cleanupInterval = cleanupInterval == null ? Duration.ofHours(1) : cleanupInterval;
        batchRetry = batchRetry == null ? new BatchRetry(null, null) : batchRetry;
    }

    /**
     * {@code danvan.consumer.batch-retry.*}: a failing batch is delivered again until it goes through, after a wait
     * that doubles from the first to the longest.
     *
     * @param initialInterval the wait before the first retry (1 s)
     * @param maxInterval the longest wait (30 s), far below the consumer's {@code max.poll.interval.ms} (5 min)
     */
    public record BatchRetry(Duration initialInterval, Duration maxInterval) {

        public BatchRetry {
            initialInterval = initialInterval == null ? Duration.ofSeconds(1) : initialInterval;
            maxInterval = maxInterval == null ? Duration.ofSeconds(30) : maxInterval;
        }
    }
}
