package vn.danvan.kit.consumer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
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

    /** Reads a message from a Spring Cloud Stream Kafka binding; an event without id or type is a poison event. */
    public static ReceivedEvent from(Message<?> message) {
        MessageHeaders headers = message.getHeaders();
        String id = text(headers.get(CloudEventHeaders.ID));
        if (id == null) {
            id = text(headers.get(CloudEventHeaderMapper.EVENT_ID));
        }
        String type = text(headers.get(CloudEventHeaders.TYPE));
        if (id == null || type == null) {
            throw new PoisonEventException("not a CloudEvent: ce_id or ce_type header missing");
        }
        Object payload = message.getPayload();
        byte[] data = payload instanceof byte[] bytes
                ? bytes
                : payload instanceof String string ? string.getBytes(StandardCharsets.UTF_8) : null;
        if (data == null) {
            throw new PoisonEventException("event " + id + " has no data a consumer can read");
        }
        Object partition = headers.get(KafkaHeaders.RECEIVED_PARTITION);
        Object offset = headers.get(KafkaHeaders.OFFSET);
        return new ReceivedEvent(
                id,
                type,
                text(headers.get(CloudEventHeaders.SOURCE)),
                text(headers.get(CloudEventHeaders.SUBJECT)),
                instant(text(headers.get(CloudEventHeaders.TIME))),
                text(headers.get(CloudEventHeaders.TRACEPARENT)),
                data,
                text(headers.get(KafkaHeaders.RECEIVED_TOPIC)),
                partition instanceof Integer p ? p : null,
                offset instanceof Long o ? o : null);
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
