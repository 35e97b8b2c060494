package vn.danvan.kit.test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads what really is on a topic, with a plain Kafka consumer, for assertions. */
public final class TopicRecords {

    private TopicRecords() {}

    /**
     * Reads the topic from the beginning until {@code done} holds for the records read so far, or the timeout.
     * Returns every record read, in partition order within each partition.
     */
    public static List<ConsumerRecord<String, byte[]>> readUntil(
            String bootstrapServers,
            String topic,
            Duration timeout,
            Predicate<List<ConsumerRecord<String, byte[]>>> done) {
        // no group: the reader assigns itself every partition and needs no group coordinator
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config);
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            while (partitions.isEmpty() && System.nanoTime() < deadline) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(2));
                if (infos != null) {
                    infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                if (done.test(records)) {
                    break;
                }
            }
        } finally {
            // what was read is all a reader needs; the default close waits up to 30 s for the broker to end the
            // fetch session, and once did so past the 20 s a test allowed for its events (fresh-clone run,
            // 2026-12-03: "Failed to close fetcher with a timeout(ms)=30000")
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(1)));
        }
        return records;
    }

    /** Reads for a fixed quiet period: for asserting that nothing more arrives. */
    public static List<ConsumerRecord<String, byte[]>> readAll(
            String bootstrapServers, String topic, Duration duration) {
        return readUntil(bootstrapServers, topic, duration, records -> false);
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    public static String value(ConsumerRecord<?, byte[]> record) {
        return record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
    }
}
