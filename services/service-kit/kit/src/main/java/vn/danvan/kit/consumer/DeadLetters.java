package vn.danvan.kit.consumer;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import vn.danvan.kit.events.CloudEventHeaders;

/**
 * Where a batch consumer puts records it cannot apply, so one bad record never holds up everyone else's:
 * {@code error.<topic>.<group>}, the platform's dead-letter naming (docs/events.md), with the record's own headers
 * and its original position. A batch binding does not dead-letter by itself: a failing batch is delivered again, whole,
 * until it goes through ({@link BatchRetryErrorHandler}).
 */
public class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final KafkaTemplate<String, byte[]> kafka;
    private final String group;

    public DeadLetters(KafkaTemplate<String, byte[]> kafka, String group) {
        this.kafka = kafka;
        this.group = group;
    }

    /** Dead letters of a consumer group, sent by a producer of their own (acks from all replicas). */
    public static DeadLetters of(String bootstrapServers, String group) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class);
        return new DeadLetters(new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config)), group);
    }

    /** The dead-letter topic of a source topic. */
    public String topicFor(String topic) {
        return "error." + topic + "." + group;
    }

    /**
     * A record that is not a CloudEvent: its bytes and headers as they came (for {@link ReceivedEvent#fromBatch}).
     * Logged with its position only, never its bytes.
     */
    public void send(ReceivedEvent.Unreadable unreadable) {
        log.warn(
                "Dead-lettering a record of {} without CloudEvent id or type (partition {} offset {})",
                unreadable.topic(),
                unreadable.partition(),
                unreadable.offset());
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
    public void send(ReceivedEvent event, String why) {
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
