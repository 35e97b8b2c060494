package vn.danvan.kit.consumer;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/** Removes applied event ids past their retention, on a timer; safe to run in every replica. */
final class ProcessedEventLogCleaner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ProcessedEventLogCleaner.class);

    private final ProcessedEventLog processed;
    private final ConsumerProperties properties;
    private ScheduledExecutorService timer;

    ProcessedEventLogCleaner(ProcessedEventLog processed, ConsumerProperties properties) {
        this.processed = processed;
        this.properties = properties;
    }

    @Override
    public synchronized void start() {
        processed.createIndexes();
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "processed-events-cleaner");
            thread.setDaemon(true);
            return thread;
        });
        long every = properties.cleanupInterval().toMillis();
        timer.scheduleWithFixedDelay(this::clean, every, every, TimeUnit.MILLISECONDS);
    }

    private void clean() {
        try {
            long removed = processed.removeOlderThan(properties.processedRetention());
            if (removed > 0) {
                log.info("Removed {} applied event ids older than {}", removed, properties.processedRetention());
            }
        } catch (RuntimeException e) {
            log.warn("Could not clean the processed event log: {}", e.toString());
        }
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }
}
