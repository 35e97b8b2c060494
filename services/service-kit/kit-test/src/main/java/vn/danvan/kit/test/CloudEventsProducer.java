package vn.danvan.kit.test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes records onto a topic as another service's outbox relay does (CloudEvents 1.0, Kafka binary mode: the
 * attributes as {@code ce_} headers, the data as the value, key = the aggregate id), for tests of consumers. Each
 * send waits for the broker's acknowledgement.
 */
public final class CloudEventsProducer implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;

    public CloudEventsProducer(String bootstrapServers) {
        // the settings of the kit's DeadLetters, written again: the kit's own tests use this module, so it cannot
        // use the kit
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class));
    }

    /**
     * Sends one event.
     *
     * @param topic the producer's stream
     * @param source its CloudEvents source
     * @param type the CloudEvents type, e.g. {@code vn.danvan.feedback.FeedbackReceived.v1}
     * @param id the event id (the same id twice is what a relay's duplicate looks like)
     * @param aggregateId the record key and the CloudEvents subject
     * @param json the event data
     */
    public RecordMetadata send(String topic, String source, String type, String id, String aggregateId, String json) {
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(topic, aggregateId, json.getBytes(StandardCharsets.UTF_8));
        header(record, "ce_id", id);
        header(record, "ce_source", source);
        header(record, "ce_specversion", "1.0");
        header(record, "ce_type", type);
        header(record, "ce_time", Instant.now().toString());
        header(record, "ce_subject", aggregateId);
        header(record, "content-type", "application/json");
        return send(record);
    }

    /** Sends a record as given: for records that are not what a relay writes. */
    public RecordMetadata sendRaw(String topic, String key, String value, Map<String, String> headers) {
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(topic, key, value.getBytes(StandardCharsets.UTF_8));
        headers.forEach((name, text) -> header(record, name, text));
        return send(record);
    }

    /** Where the broker put it. */
    private RecordMetadata send(ProducerRecord<String, byte[]> record) {
        try {
            return producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("the broker refused a test record for " + record.topic(), e.getCause());
        }
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        producer.close();
    }
}
