package vn.danvan.statistics.projection;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import vn.danvan.kit.consumer.ReceivedEvent;
import vn.danvan.kit.events.CloudEventHeaders;

/**
 * Where the projector puts records it cannot count, so one bad record never holds up the figures of everyone else:
 * {@code error.<topic>.<group>}, the platform's dead-letter naming (docs/events.md), with the record's own headers
 * and its original position. The batch binding does not dead-letter by itself: a failing batch is retried whole.
 */
public class DeadLetters {

    private final KafkaTemplate<String, byte[]> kafka;
    private final String group;

    public DeadLetters(KafkaTemplate<String, byte[]> kafka, String group) {
        this.kafka = kafka;
        this.group = group;
    }

    /** The dead-letter topic of a source topic. */
    public String topicFor(String topic) {
        return "error." + topic + "." + group;
    }

    /** A record that is not a CloudEvent: its bytes and headers as they came. */
    void send(ReceivedEvent.Unreadable unreadable) {
        String topic = String.valueOf(unreadable.topic());
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topicFor(topic), unreadable.payload());
        unreadable.headers().forEach((name, value) -> {
            if (value instanceof byte[] bytes && !name.startsWith("kafka_")) {
                record.headers().add(name, bytes);
            }
        });
        position(record, topic, unreadable.partition(), unreadable.offset(), unreadable.reason());
        kafka.send(record).join();
    }

    /** An event whose data cannot be read. */
    void send(ReceivedEvent event, String why) {
        String topic = event.topic() == null ? "unknown" : event.topic();
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topicFor(topic), event.subject(), event.data());
        add(record, CloudEventHeaders.ID, event.id());
        add(record, CloudEventHeaders.TYPE, event.type());
        add(record, CloudEventHeaders.SOURCE, event.source());
        add(record, CloudEventHeaders.SUBJECT, event.subject());
        add(
                record,
                CloudEventHeaders.TIME,
                event.time() == null ? null : event.time().toString());
        position(record, topic, event.partition(), event.offset(), why);
        kafka.send(record).join();
    }

    private static void position(
            ProducerRecord<String, byte[]> record, String topic, Object partition, Object offset, String why) {
        add(record, "x-danvan-original-topic", topic);
        add(record, "x-danvan-original-partition", partition == null ? null : partition.toString());
        add(record, "x-danvan-original-offset", offset == null ? null : offset.toString());
        add(record, "x-danvan-reason", why);
    }

    private static void add(ProducerRecord<String, byte[]> record, String name, String value) {
        if (value != null) {
            record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
