package vn.danvan.kit.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import vn.danvan.kit.events.CloudEventHeaders;

class ReceivedEventBatchTest {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, Object> cloudEvent(String id, String time) {
        return Map.of(
                CloudEventHeaders.ID, bytes(id),
                CloudEventHeaders.TYPE, bytes("vn.danvan.test.Happened.v1"),
                CloudEventHeaders.SUBJECT, bytes("item-" + id),
                CloudEventHeaders.TIME, bytes(time));
    }

    @Test
    void aBatchIsReadRecordByRecordWithItsPositionsAndItsUnreadableRecordsSetAside() {
        Message<List<byte[]>> batch = MessageBuilder.withPayload(
                        List.of(bytes("{\"a\":1}"), bytes("not an event"), bytes("{\"a\":3}"), bytes("{\"a\":4}")))
                .setHeader(
                        KafkaHeaders.BATCH_CONVERTED_HEADERS,
                        List.of(
                                cloudEvent("e1", "2026-07-01T00:00:00Z"),
                                Map.of("other", bytes("x")),
                                cloudEvent("e3", "2026-07-01T00:00:03Z"),
                                cloudEvent("e4", "yesterday")))
                .setHeader(KafkaHeaders.RECEIVED_TOPIC, List.of("t", "t", "t", "t"))
                .setHeader(KafkaHeaders.RECEIVED_PARTITION, List.of(2, 2, 5, 5))
                .setHeader(KafkaHeaders.OFFSET, List.of(10L, 11L, 7L, 8L))
                .build();
        List<ReceivedEvent.Unreadable> unreadable = new ArrayList<>();

        List<ReceivedEvent> events = ReceivedEvent.fromBatch(batch, unreadable::add);

        assertThat(events).hasSize(2);
        assertThat(events.get(0).id()).isEqualTo("e1");
        assertThat(events.get(0).subject()).isEqualTo("item-e1");
        assertThat(events.get(0).time()).isEqualTo(Instant.parse("2026-07-01T00:00:00Z"));
        assertThat(new String(events.get(0).data(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
        assertThat(events.get(0).topic()).isEqualTo("t");
        assertThat(events.get(0).partition()).isEqualTo(2);
        assertThat(events.get(0).offset()).isEqualTo(10L);
        assertThat(events.get(1).id()).isEqualTo("e3");
        assertThat(events.get(1).partition()).isEqualTo(5);
        assertThat(events.get(1).offset()).isEqualTo(7L);

        // no CloudEvent headers, and an unreadable ce_time: both set aside with where they came from
        assertThat(unreadable).extracting(ReceivedEvent.Unreadable::offset).containsExactly(11L, 8L);
        assertThat(unreadable.get(0).partition()).isEqualTo(2);
        assertThat(new String(unreadable.get(0).payload(), StandardCharsets.UTF_8))
                .isEqualTo("not an event");
        assertThat(unreadable.get(0).headers()).containsKey("other");
        assertThat(unreadable.get(1).reason()).contains("ce_time");
    }
}
