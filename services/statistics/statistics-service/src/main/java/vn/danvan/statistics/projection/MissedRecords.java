package vn.danvan.statistics.projection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.danvan.kit.consumer.ReceivedEvent;

/**
 * The records of this consumer's partitions that the serving generation has not applied, read again from the topic
 * before a live batch is applied.
 *
 * <p>A generation's positions are the truth of what it counted; the consumer group's offsets are only where the
 * binder reads next. They part when another replica switches generations (a rebuild): its replay caught up with the
 * positions the serving generation had when it looked, but this replica's projector went on applying its own
 * partitions' batches to the old generation until it saw the switch (up to the 500 ms the active generation is
 * cached, plus a batch), and committed their offsets. Those records would be in neither the new generation nor
 * the binder's next batch. So, for each partition of a batch, the records between the generation's position and the
 * batch's first record are read again and applied first; after a switch, so are those of this consumer's other
 * partitions that the old generation has and the new one has not. What the new generation counted already is
 * skipped as usual (positions, applied ids, the counters' offset guards).
 *
 * <p>Called on the binder's consumer thread, which owns the partitions: nothing else writes their documents
 * meanwhile. A consumer that receives nothing after a switch catches up at its next idle event (every 30 s of
 * idleness by default, {@code idle-event-interval} of the binding).
 */
final class MissedRecords {

    private static final Logger log = LoggerFactory.getLogger(MissedRecords.class);

    /** How long a read of missed records may take before the batch fails (and is retried by the binder). */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    /** The most records read again at once, by default. */
    static final long MAX_MISSED = 200_000;

    private final Projector projector;
    private final String bootstrapServers;

    /** The generation each consumer thread applied its last batch to. */
    private final ThreadLocal<String> lastGeneration = new ThreadLocal<>();

    private final long maxMissed;

    MissedRecords(Projector projector, String bootstrapServers) {
        this(projector, bootstrapServers, MAX_MISSED);
    }

    MissedRecords(Projector projector, String bootstrapServers, long maxMissed) {
        this.projector = projector;
        this.bootstrapServers = bootstrapServers;
        this.maxMissed = maxMissed;
    }

    /**
     * The batch, preceded by the records of its partitions (and, after a switch of generations, of the consumer's
     * other {@code assigned} partitions) that {@code generation} has not applied.
     *
     * @param assigned the partitions of the consumer the batch came from; null when unknown
     */
    List<ReceivedEvent> withMissed(List<ReceivedEvent> batch, String generation, Collection<TopicPartition> assigned) {
        String previous = lastGeneration.get();
        lastGeneration.set(generation);
        boolean switched = previous != null && !previous.equals(generation);
        Map<TopicPartition, Long> firstOffsets = new LinkedHashMap<>();
        for (ReceivedEvent event : batch) {
            if (event.topic() != null && event.partition() != null && event.offset() != null) {
                firstOffsets.merge(new TopicPartition(event.topic(), event.partition()), event.offset(), Math::min);
            }
        }
        if (firstOffsets.isEmpty() && !switched) {
            return batch;
        }
        Map<Integer, Long> positions = projector.positions(generation);
        Map<Integer, Long> before = switched ? projector.positions(previous) : Map.of();
        // from and to (inclusive) per partition
        Map<TopicPartition, long[]> ranges = new LinkedHashMap<>();
        firstOffsets.forEach((partition, first) -> {
            Long position = positions.get(guard(partition));
            Long from = position != null
                    ? Long.valueOf(position + 1)
                    : before.containsKey(guard(partition)) ? Long.valueOf(0) : null;
            if (from != null && from < first) {
                ranges.put(partition, new long[] {from, first - 1});
            }
        });
        if (switched && assigned != null) {
            for (TopicPartition partition : assigned) {
                if (firstOffsets.containsKey(partition) || !Projector.SOURCE_TOPICS.containsKey(partition.topic())) {
                    continue;
                }
                Long last = before.get(guard(partition));
                Long position = positions.get(guard(partition));
                long from = position == null ? 0 : position + 1;
                if (last != null && from <= last) {
                    ranges.put(partition, new long[] {from, last});
                }
            }
        }
        if (ranges.isEmpty()) {
            return batch;
        }
        long count = ranges.values().stream()
                .mapToLong(range -> range[1] - range[0] + 1)
                .sum();
        if (count > maxMissed) {
            // not a switch's few hundred records: the group's offsets were moved by hand, or the generation is far
            // behind. Reading them all into memory could stop the service; a rebuild counts them
            log.error(
                    "{} records of {} are past generation {}'s positions, more than the {} read again: the figures"
                            + " lack them until a rebuild (POST /api/v1/statistics/rebuild)",
                    count,
                    ranges.keySet(),
                    generation,
                    maxMissed);
            return batch;
        }
        List<ReceivedEvent> missed = read(ranges);
        if (!missed.isEmpty()) {
            ranges.forEach((partition, range) -> log.info(
                    "Records {}-{} of {} were not applied to generation {}{}: applying them first",
                    range[0],
                    range[1],
                    partition,
                    generation,
                    switched ? " (it replaced generation " + previous + " meanwhile)" : ""));
        }
        List<ReceivedEvent> all = new ArrayList<>(missed.size() + batch.size());
        all.addAll(missed);
        all.addAll(batch);
        return all;
    }

    private List<ReceivedEvent> read(Map<TopicPartition, long[]> ranges) {
        List<ReceivedEvent> events = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = SourceRecords.consumer(bootstrapServers, 2000)) {
            consumer.assign(ranges.keySet());
            Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(ranges.keySet());
            Map<TopicPartition, Long> ends = consumer.endOffsets(ranges.keySet());
            ranges.forEach((partition, range) -> {
                // never wait for records the topic does not have (a position from a topic since recreated)
                range[1] = Math.min(range[1], ends.getOrDefault(partition, 0L) - 1);
                long beginning = beginnings.getOrDefault(partition, 0L);
                if (beginning > range[0]) {
                    log.warn(
                            "Records {}-{} of {} are no longer on the topic (retention): the figures lack them until"
                                    + " a rebuild",
                            range[0],
                            beginning - 1,
                            partition);
                }
                consumer.seek(partition, Math.max(beginning, range[0]));
            });
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (!reached(consumer, ranges)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read the records missed by the serving generation in "
                            + READ_TIMEOUT.toSeconds() + " s");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    long[] range = ranges.get(new TopicPartition(record.topic(), record.partition()));
                    if (range != null && record.offset() <= range[1]) {
                        ReceivedEvent event = SourceRecords.event(record);
                        if (event != null) {
                            events.add(event);
                        }
                    }
                }
            }
        }
        return events;
    }

    private static boolean reached(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, long[]> ranges) {
        for (Map.Entry<TopicPartition, long[]> range : ranges.entrySet()) {
            if (consumer.position(range.getKey()) <= range.getValue()[1]) {
                return false;
            }
        }
        return true;
    }

    private static int guard(TopicPartition partition) {
        return Projector.guardOf(partition.topic(), partition.partition());
    }
}
