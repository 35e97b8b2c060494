package vn.danvan.kit.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.danvan.kit.events.CloudEventHeaders;
import vn.danvan.kit.outboxapp.AppliedEvents;
import vn.danvan.kit.outboxapp.OutboxTestApplication;
import vn.danvan.kit.outboxapp.TicketEvents;
import vn.danvan.kit.test.CloudEventsProducer;
import vn.danvan.kit.test.DanvanIntegrationTest;
import vn.danvan.kit.test.TestBackends;

/**
 * {@code datacontenttype} is optional in CloudEvents binary mode: a producer other than the kit's relay may leave the
 * {@code content-type} header out, and its events must be consumed as those with it are, not dead-lettered as if
 * they had no {@code ce_id}.
 */
@DanvanIntegrationTest(
        classes = OutboxTestApplication.class,
        properties = {"spring.config.name=kit-test", "danvan.test.database=kit_outbox"})
class OptionalContentTypeIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    AppliedEvents applied;

    @Test
    void anEventWithoutContentTypeIsConsumedLikeOneWithIt() {
        String withoutType = "t-" + UUID.randomUUID();
        String withType = "t-" + UUID.randomUUID();
        String withoutTypeEvent = UUID.randomUUID().toString();
        String withTypeEvent = UUID.randomUUID().toString();
        try (CloudEventsProducer producer =
                new CloudEventsProducer(TestBackends.get().kafkaBootstrapServers())) {
            producer.sendRaw(
                    TicketEvents.TOPIC, withoutType, opened(withoutType), headers(withoutTypeEvent, withoutType));
            Map<String, String> typed = headers(withTypeEvent, withType);
            typed.put(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
            producer.sendRaw(TicketEvents.TOPIC, withType, opened(withType), typed);
        }

        await().atMost(WAIT).until(() -> applied.eventIds(withType).size() == 1);
        await().atMost(WAIT).until(() -> applied.eventIds(withoutType).size() == 1);
        assertThat(applied.eventIds(withoutType)).containsExactly(withoutTypeEvent);
        assertThat(applied.eventIds(withType)).containsExactly(withTypeEvent);
    }

    private static String opened(String ticketId) {
        return "{\"ticketId\":\"" + ticketId + "\",\"title\":\"Không có content-type\"}";
    }

    private static Map<String, String> headers(String eventId, String ticketId) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(CloudEventHeaders.ID, eventId);
        headers.put(CloudEventHeaders.SOURCE, "/danvan/other-producer");
        headers.put(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        headers.put(CloudEventHeaders.TYPE, "vn.danvan.test.TicketOpened.v1");
        headers.put(CloudEventHeaders.TIME, Instant.now().toString());
        headers.put(CloudEventHeaders.SUBJECT, ticketId);
        return headers;
    }
}
