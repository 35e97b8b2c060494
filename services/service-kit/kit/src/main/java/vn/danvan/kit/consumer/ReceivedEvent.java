package vn.danvan.kit.consumer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import vn.danvan.kit.events.CloudEventHeaders;

/**
 * A CloudEvent as it arrived from Kafka in binary mode: its attributes from the {@code ce_} headers and its data
 * bytes, plus where it came from (topic, partition, offset) for logs and dead letters.
 */
public record ReceivedEvent(
        String id,
        String type,
        String source,
        String subject,
        Instant time,
        String traceparent,
        byte[] data,
        String topic,
        Integer partition,
        Long offset) {

    private static final String KAFKA_PREFIX = "ce_";
    private static final String CANONICAL_PREFIX = "ce-";

    /** Reads a message from a Spring Cloud Stream Kafka binding; an event without id or type is a poison event. */
    public static ReceivedEvent from(Message<?> message) {
        return from(message.getHeaders(), message.getPayload());
    }

    /** A record the batch held that is not a CloudEvent, with where it came from, for a dead letter or a log line. */
    public record Unreadable(
            String topic, Integer partition, Long offset, byte[] payload, Map<String, Object> headers, String reason) {}

    /**
     * Reads a batch from a binding in batch mode with native decoding (one {@code List<byte[]>} payload, each record's
     * headers in {@link KafkaHeaders#BATCH_CONVERTED_HEADERS}, positions in list headers), without building a message
     * per record. Records that are not CloudEvents go to {@code unreadable} and are left out, so one of them never
     * holds up the rest of the batch.
     */
    @SuppressWarnings("unchecked")
    public static List<ReceivedEvent> fromBatch(
            Message<List<byte[]>> message, java.util.function.Consumer<Unreadable> unreadable) {
        MessageHeaders batch = message.getHeaders();
        List<byte[]> payloads = message.getPayload();
        List<Map<String, Object>> headers = (List<Map<String, Object>>) batch.get(KafkaHeaders.BATCH_CONVERTED_HEADERS);
        List<?> topics = (List<?>) batch.get(KafkaHeaders.RECEIVED_TOPIC);
        List<?> partitions = (List<?>) batch.get(KafkaHeaders.RECEIVED_PARTITION);
        List<?> offsets = (List<?>) batch.get(KafkaHeaders.OFFSET);
        List<ReceivedEvent> events = new ArrayList<>(payloads.size());
        for (int i = 0; i < payloads.size(); i++) {
            Map<String, Object> recordHeaders = headers == null ? Map.of() : headers.get(i);
            String topic = topics == null ? null : text(topics.get(i));
            Integer partition = partitions != null && partitions.get(i) instanceof Integer p ? p : null;
            Long offset = offsets != null && offsets.get(i) instanceof Long o ? o : null;
            try {
                events.add(read(recordHeaders, payloads.get(i), topic, partition, offset));
            } catch (PoisonEventException e) {
                unreadable.accept(
                        new Unreadable(topic, partition, offset, payloads.get(i), recordHeaders, e.getMessage()));
            }
        }
        return events;
    }

    private static ReceivedEvent from(Map<String, Object> headers, Object payload) {
        Object partition = headers.get(KafkaHeaders.RECEIVED_PARTITION);
        Object offset = headers.get(KafkaHeaders.OFFSET);
        return read(
                headers,
                payload,
                text(headers.get(KafkaHeaders.RECEIVED_TOPIC)),
                partition instanceof Integer p ? p : null,
                offset instanceof Long o ? o : null);
    }

    private static ReceivedEvent read(
            Map<String, Object> headers, Object payload, String topic, Integer partition, Long offset) {
        String id = attribute(headers, CloudEventHeaders.ID);
        if (id == null) {
            id = text(headers.get(CloudEventHeaderMapper.EVENT_ID));
        }
        String type = attribute(headers, CloudEventHeaders.TYPE);
        if (id == null || type == null) {
            throw new PoisonEventException("not a CloudEvent: ce_id or ce_type header missing");
        }
        byte[] data = payload instanceof byte[] bytes
                ? bytes
                : payload instanceof String string ? string.getBytes(StandardCharsets.UTF_8) : null;
        if (data == null) {
            throw new PoisonEventException("event " + id + " has no data a consumer can read");
        }
        return new ReceivedEvent(
                id,
                type,
                attribute(headers, CloudEventHeaders.SOURCE),
                attribute(headers, CloudEventHeaders.SUBJECT),
                instant(attribute(headers, CloudEventHeaders.TIME)),
                text(headers.get(CloudEventHeaders.TRACEPARENT)),
                data,
                topic,
                partition,
                offset);
    }

    /**
     * A CloudEvents attribute by its Kafka header name ({@code ce_type}), or by the {@code ce-} name Spring Cloud
     * Function renames it to before a function sees the message. It renames only when it can read the message's
     * content type: a record without the optional {@code content-type} header arrives with {@code ce-type}, one with
     * it (its value raw bytes, which Spring Cloud Function cannot parse) with {@code ce_type}.
     */
    private static String attribute(Map<String, Object> headers, String kafkaName) {
        String value = text(headers.get(kafkaName));
        return value != null ? value : text(headers.get(CANONICAL_PREFIX + kafkaName.substring(KAFKA_PREFIX.length())));
    }

    private static String text(Object value) {
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return value == null ? null : value.toString();
    }

    private static Instant instant(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new PoisonEventException("ce_time is not an RFC 3339 timestamp");
        }
    }

    /** For logs: never the data, which may be long; ids and position only. */
    @Override
    public String toString() {
        return "ReceivedEvent[id=" + id + ", type=" + type + ", subject=" + subject + ", topic=" + topic
                + ", partition=" + partition + ", offset=" + offset + "]";
    }
}
