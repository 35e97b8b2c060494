package vn.danvan.statistics.projection;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import vn.danvan.kit.consumer.ReceivedEvent;
import vn.danvan.kit.events.CloudEventHeaders;

/**
 * The source topics read outside the binder, by position: a rebuild's replay, and the records a switch of
 * generations left out ({@link MissedRecords}).
 */
public final class SourceRecords {

    private SourceRecords() {}

    /** A consumer of its own (no group, no commits) that reads what the binder's consumers read. */
    public static KafkaConsumer<String, byte[]> consumer(String bootstrapServers, int maxPollRecords) {
        return new KafkaConsumer<>(config(bootstrapServers, maxPollRecords));
    }

    /**
     * A consumer like {@link #consumer} for a replay of the whole history: a position whose records are gone (deleted
     * by retention or {@code deleteRecords} before it read them) fails its poll with an {@code
     * OffsetOutOfRangeException} instead of moving on silently (the default goes to the end), so a replay can never
     * count less than the history without saying so.
     */
    public static KafkaConsumer<String, byte[]> replayConsumer(String bootstrapServers, int maxPollRecords) {
        Map<String, Object> config = new HashMap<>(config(bootstrapServers, maxPollRecords));
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        return new KafkaConsumer<>(config);
    }

    private static Map<String, Object> config(String bootstrapServers, int maxPollRecords) {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                maxPollRecords,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed");
    }

    /** A record as the binder would hand it over; null for a record that is not a CloudEvent. */
    public static ReceivedEvent event(ConsumerRecord<String, byte[]> record) {
        String id = header(record, CloudEventHeaders.ID);
        String type = header(record, CloudEventHeaders.TYPE);
        if (id == null || type == null || record.value() == null) {
            return null;
        }
        Instant time = null;
        try {
            String text = header(record, CloudEventHeaders.TIME);
            time = text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            // the time attribute is not used for counting: the event's own occurredAt is
        }
        return new ReceivedEvent(
                id,
                type,
                header(record, CloudEventHeaders.SOURCE),
                header(record, CloudEventHeaders.SUBJECT),
                time,
                header(record, CloudEventHeaders.TRACEPARENT),
                record.value(),
                record.topic(),
                record.partition(),
                record.offset());
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
