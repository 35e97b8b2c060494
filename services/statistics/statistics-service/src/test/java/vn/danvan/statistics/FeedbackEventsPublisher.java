package vn.danvan.statistics;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import vn.danvan.feedback.api.events.v1.FeedbackEvents;
import vn.danvan.kit.contract.DomainEvent;
import vn.danvan.kit.contract.EventStream;
import vn.danvan.kit.events.CloudEventHeaders;
import vn.danvan.kit.events.EventSerializer;

/**
 * Publishes feedback-intake's event records on danvan.feedback.v1 as its relay does: CloudEvents binary mode, key =
 * the feedback id.
 */
final class FeedbackEventsPublisher implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final EventSerializer serializer;

    FeedbackEventsPublisher(String bootstrapServers, EventSerializer serializer) {
        this.serializer = serializer;
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

    /** Publishes an event with a new id; returns the id. */
    String publish(DomainEvent event) {
        String id = UUID.randomUUID().toString();
        publish(id, event);
        return id;
    }

    /** Publishes an event with the given id (a second call is what a relay's duplicate looks like). */
    void publish(String id, DomainEvent event) {
        publish(FeedbackEvents.STREAM.topic(), FeedbackEvents.STREAM.source(), id, event);
    }

    /** Publishes an event of another stream (e.g. another replica's {@code StatisticsChanged}). */
    void publish(String topic, String source, String id, DomainEvent event) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(
                topic, event.aggregateId(), serializer.toJson(event).getBytes(StandardCharsets.UTF_8));
        header(record, CloudEventHeaders.ID, id);
        header(record, CloudEventHeaders.SOURCE, source);
        header(record, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        header(record, CloudEventHeaders.TYPE, EventStream.typeOf(event.getClass()));
        header(record, CloudEventHeaders.TIME, Instant.now().toString());
        header(record, CloudEventHeaders.SUBJECT, event.aggregateId());
        header(record, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Publishes a record as given: for records that are not what a relay writes. */
    void publishRaw(String topic, String key, String value, Map<String, String> headers) {
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(topic, key, value.getBytes(StandardCharsets.UTF_8));
        headers.forEach((name, text) -> header(record, name, text));
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
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
