package vn.danvan.kit.consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchInterceptor;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ListenerUtils;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * The error handler of a batch binding: a batch that fails is delivered again, from its first record, until it goes
 * through, and nothing of it is committed meanwhile. The waits between attempts grow from {@code initial} to
 * {@code max} (doubling); during a wait the consumer is polled with its partitions paused, so it stays in its group
 * and takes part in a rebalance (a partition moved meanwhile is read again, from the last committed offset, by its
 * new owner).
 *
 * <p>Whatever the failure: a store or broker that is away (logged WARN, without a stack) or anything else, a bug or a
 * record the consumer cannot handle (logged ERROR at every attempt). Nothing is skipped: batch consumers count
 * (statistics' figures, feedback-intake's tallies) and a skipped batch would leave the counts short for good. They
 * dead-letter unreadable records themselves ({@link ReceivedEvent#fromBatch}, {@link DeadLetters}), so what remains
 * is the store, the broker or a bug that a fix and a restart end. {@code danvan.consumer.batch.failures} counts
 * failed attempts and {@code danvan.consumer.batch.failing.seconds} says how long a binding's batch has been failing
 * (0 when it is not): an alert on it finds a stuck consumer.
 */
final class BatchRetryErrorHandler implements CommonErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(BatchRetryErrorHandler.class);

    /** A failure other than a transient one is logged with its stack on the first attempt and every this many. */
    private static final int STACK_EVERY = 10;

    private final String topic;
    private final String group;
    private final long initialMillis;
    private final long maxMillis;
    private final Clock clock;
    private final Counter transientFailures;
    private final Counter otherFailures;

    /** The failures of each consumer thread since its last batch that went through. */
    private final Map<Thread, Streak> streaks = new ConcurrentHashMap<>();

    BatchRetryErrorHandler(
            String topic, String group, Duration initial, Duration max, MeterRegistry meters, Clock clock) {
        this.topic = topic;
        this.group = group;
        this.initialMillis = Math.max(1, initial.toMillis());
        this.maxMillis = Math.max(initialMillis, max.toMillis());
        this.clock = clock;
        this.transientFailures = failures(meters, "transient");
        this.otherFailures = failures(meters, "other");
        Gauge.builder("danvan.consumer.batch.failing.seconds", this, BatchRetryErrorHandler::failingSeconds)
                .description("How long a batch of the binding has been failing; 0 when none is")
                .tag("topic", topic)
                .tag("group", group)
                .register(meters);
    }

    private Counter failures(MeterRegistry meters, String kind) {
        return Counter.builder("danvan.consumer.batch.failures")
                .description("Failed attempts to apply a batch (retried until it goes through)")
                .tag("topic", topic)
                .tag("group", group)
                .tag("failure", kind)
                .register(meters);
    }

    /**
     * Consecutive failures on one consumer thread, since its last batch that went through. Not per batch: after the
     * seek a poll may return some of the failed batch's partitions first and the others next, each a batch of its own.
     */
    private record Streak(long sinceMillis, int attempts) {}

    @Override
    public boolean seeksAfterHandling() {
        return true;
    }

    /** Never: a failed batch's offsets are not committed, it is delivered again. */
    @Override
    public boolean isAckAfterHandle() {
        return false;
    }

    @Override
    public void handleBatch(
            Exception thrown,
            ConsumerRecords<?, ?> data,
            Consumer<?, ?> consumer,
            MessageListenerContainer container,
            Runnable invokeListener) {
        Map<TopicPartition, Long> firstOffsets = firstOffsets(data);
        long now = clock.millis();
        Streak streak = streaks.compute(
                Thread.currentThread(),
                (thread, before) ->
                        before == null ? new Streak(now, 1) : new Streak(before.sinceMillis(), before.attempts() + 1));
        long wait = waitBefore(streak.attempts() + 1);
        report(thrown, data.count(), firstOffsets, streak, now, wait);
        // from the batch's first record again: the next poll delivers it whole (and whatever followed it)
        Set<TopicPartition> assigned = consumer.assignment();
        firstOffsets.forEach((partition, offset) -> {
            if (assigned.contains(partition)) {
                consumer.seek(partition, offset);
            }
        });
        Set<TopicPartition> paused = new HashSet<>(assigned);
        paused.removeAll(consumer.paused());
        consumer.pause(paused);
        try {
            ListenerUtils.conditionalSleepWithPoll(
                    () -> container.isRunning() && !container.isPauseRequested(), wait, consumer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            Set<TopicPartition> resume = new HashSet<>(paused);
            resume.retainAll(consumer.assignment());
            resume.removeIf(container::isPartitionPauseRequested);
            consumer.resume(resume);
        }
    }

    private void report(
            Exception thrown, int records, Map<TopicPartition, Long> firstOffsets, Streak streak, long now, long wait) {
        long failingFor = (now - streak.sinceMillis()) / 1000;
        Object[] arguments = {
            records,
            topic,
            group,
            firstOffsets,
            streak.attempts(),
            failingFor,
            wait,
            rootCause(thrown).toString()
        };
        if (TransientFailures.isTransient(thrown)) {
            transientFailures.increment();
            // the store or the broker is away: its own health says so, the cause is enough here
            log.warn(
                    "A batch of {} records of {} (group {}, from {}) failed, attempt {} in {} s; nothing is committed,"
                            + " trying again in {} ms: {}",
                    arguments);
            return;
        }
        otherFailures.increment();
        String message = "A batch of {} records of {} (group {}, from {}) failed, attempt {} in {} s, not for the store"
                + " or the broker: the consumer retries it until a fix lets it through (nothing is committed or"
                + " skipped), next in {} ms: {}";
        if (streak.attempts() % STACK_EVERY == 1) {
            Object[] withStack = Arrays.copyOf(arguments, arguments.length + 1);
            withStack[arguments.length] = thrown;
            log.error(message, withStack);
        } else {
            log.error(message, arguments);
        }
    }

    @Override
    public void handleOtherException(
            Exception thrown, Consumer<?, ?> consumer, MessageListenerContainer container, boolean batchListener) {
        // outside a batch (a poll or a commit failed): the consumer carries on with its next poll
        log.warn("The consumer of {} (group {}) failed outside a batch: {}", topic, group, thrown.toString());
    }

    @Override
    public void clearThreadState() {
        streaks.remove(Thread.currentThread());
    }

    /** The wait before a batch's {@code attempt}-th delivery (the second is the first retry). */
    long waitBefore(int attempt) {
        int doublings = Math.min(Math.max(0, attempt - 2), 30);
        return Math.min(maxMillis, initialMillis << doublings);
    }

    /** Seconds since the oldest batch now failing first failed; 0 when none is. */
    double failingSeconds() {
        long now = clock.millis();
        return streaks.values().stream()
                        .mapToLong(streak -> now - streak.sinceMillis())
                        .max()
                        .orElse(0)
                / 1000.0;
    }

    /**
     * The container's batch interceptor: ends the thread's streak once a batch goes through, after doing what the
     * interceptor the container had (if any) does.
     */
    <K, V> BatchInterceptor<K, V> successTracker(BatchInterceptor<K, V> existing) {
        return new BatchInterceptor<>() {
            @Override
            public ConsumerRecords<K, V> intercept(ConsumerRecords<K, V> records, Consumer<K, V> consumer) {
                return existing == null ? records : existing.intercept(records, consumer);
            }

            @Override
            public void success(ConsumerRecords<K, V> records, Consumer<K, V> consumer) {
                streaks.remove(Thread.currentThread());
                if (existing != null) {
                    existing.success(records, consumer);
                }
            }

            @Override
            public void failure(ConsumerRecords<K, V> records, Exception exception, Consumer<K, V> consumer) {
                if (existing != null) {
                    existing.failure(records, exception, consumer);
                }
            }

            @Override
            public void setupThreadState(Consumer<?, ?> consumer) {
                if (existing != null) {
                    existing.setupThreadState(consumer);
                }
            }

            @Override
            public void clearThreadState(Consumer<?, ?> consumer) {
                // after every batch, failed or not: the streak stays until one goes through
                if (existing != null) {
                    existing.clearThreadState(consumer);
                }
            }
        };
    }

    private static Map<TopicPartition, Long> firstOffsets(ConsumerRecords<?, ?> data) {
        Map<TopicPartition, Long> first = new LinkedHashMap<>();
        for (TopicPartition partition : data.partitions()) {
            List<? extends ConsumerRecord<?, ?>> records = data.records(partition);
            if (!records.isEmpty()) {
                first.put(partition, records.getFirst().offset());
            }
        }
        return first;
    }

    private static Throwable rootCause(Throwable thrown) {
        Throwable root = thrown;
        Set<Throwable> seen = new HashSet<>();
        while (root.getCause() != null && seen.add(root)) {
            root = root.getCause();
        }
        return root;
    }
}
