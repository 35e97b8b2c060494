package vn.danvan.kit.consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Removes applied event ids past their retention, on a timer; safe to run in every replica. */
final class ProcessedEventLogCleaner extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(ProcessedEventLogCleaner.class);

    private final ProcessedEventLog processed;
    private final ConsumerProperties properties;

    ProcessedEventLogCleaner(ProcessedEventLog processed, ConsumerProperties properties) {
        super("processed-events-cleaner", properties.cleanupInterval());
        this.processed = processed;
        this.properties = properties;
    }

    @Override
    protected void prepare() {
        processed.createIndexes();
    }

    @Override
    protected void runOnce() {
        long removed = processed.removeOlderThan(properties.processedRetention());
        if (removed > 0) {
            log.info("Removed {} applied event ids older than {}", removed, properties.processedRetention());
        }
    }
}
