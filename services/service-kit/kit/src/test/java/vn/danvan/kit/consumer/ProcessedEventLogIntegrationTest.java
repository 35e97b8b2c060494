package vn.danvan.kit.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.messaging.support.MessageBuilder;
import vn.danvan.kit.events.CloudEventHeaders;
import vn.danvan.kit.outboxapp.OutboxTestApplication;
import vn.danvan.kit.test.DanvanIntegrationTest;

/** The once-only guarantee of consumers, on the service's real store. */
@DanvanIntegrationTest(
        classes = OutboxTestApplication.class,
        properties = {"spring.config.name=kit-test", "danvan.test.database=kit_outbox"})
class ProcessedEventLogIntegrationTest {

    @Autowired
    IdempotentConsumers consumers;

    @Autowired
    ProcessedEventLog log;

    @Test
    void aRedeliveredEventIsAppliedOncePerGroupAndEachGroupAppliesItOnce() {
        List<String> appliedByA = new ArrayList<>();
        List<String> appliedByB = new ArrayList<>();
        var groupA = consumers.consumer("group-a", event -> appliedByA.add(event.id()));
        var groupB = consumers.consumer("group-b", event -> appliedByB.add(event.id()));
        String id = UUID.randomUUID().toString();
        var message = MessageBuilder.withPayload("{}".getBytes(StandardCharsets.UTF_8))
                .setHeader(CloudEventHeaders.ID, id.getBytes(StandardCharsets.UTF_8))
                .setHeader(CloudEventHeaders.TYPE, "vn.danvan.test.TicketOpened.v1".getBytes(StandardCharsets.UTF_8))
                .build();

        groupA.accept(message);
        groupA.accept(message);
        groupB.accept(message);
        groupA.accept(message);

        assertThat(appliedByA).containsExactly(id);
        assertThat(appliedByB).containsExactly(id);
    }

    @Test
    void aConsumerOfSomeTypesLetsTheOthersPassWithoutRecordingThem() {
        List<String> applied = new ArrayList<>();
        var consumer =
                consumers.consumer("group-typed", Set.of("vn.danvan.test.TicketOpened.v1"), e -> applied.add(e.type()));
        String opened = UUID.randomUUID().toString();
        String closed = UUID.randomUUID().toString();

        consumer.accept(message(opened, "vn.danvan.test.TicketOpened.v1"));
        consumer.accept(message(closed, "vn.danvan.test.TicketClosed.v1"));

        assertThat(applied).containsExactly("vn.danvan.test.TicketOpened.v1");
        assertThat(log.isProcessed("group-typed", opened)).isTrue();
        assertThat(log.isProcessed("group-typed", closed)).isFalse();
    }

    private static org.springframework.messaging.Message<byte[]> message(String id, String type) {
        return MessageBuilder.withPayload("{}".getBytes(StandardCharsets.UTF_8))
                .setHeader(CloudEventHeaders.ID, id.getBytes(StandardCharsets.UTF_8))
                .setHeader(CloudEventHeaders.TYPE, type.getBytes(StandardCharsets.UTF_8))
                .build();
    }

    @Test
    void aHandlerThatFailsLeavesTheEventUnrecordedSoTheRetryAppliesIt() {
        String id = UUID.randomUUID().toString();
        ReceivedEvent event = new ReceivedEvent(id, "t", null, null, null, null, new byte[0], null, null, null);
        assertThatThrownBy(() -> consumers.applyOnce("group-retry", event, e -> {
                    throw new IllegalStateException("store unavailable");
                }))
                .isInstanceOf(IllegalStateException.class);
        assertThat(log.isProcessed("group-retry", id)).isFalse();

        List<String> applied = new ArrayList<>();
        assertThat(consumers.applyOnce("group-retry", event, e -> applied.add(e.id())))
                .isTrue();
        assertThat(consumers.applyOnce("group-retry", event, e -> applied.add(e.id())))
                .isFalse();
        assertThat(applied).containsExactly(id);
    }

    @Test
    void aBatchIsRecordedInOneWriteAndTellsWhichEventsWereRecordedBeforeAndWhere() {
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        ReceivedEvent firstAt10 = positioned(first, 2, 10L);
        ReceivedEvent secondAt11 = positioned(second, 2, 11L);

        assertThat(log.recordAll("group-batch", List.of(firstAt10))).isEmpty();
        // the same record again (a redelivered batch), a new one, and the first published twice (a later offset)
        ReceivedEvent firstAt12 = positioned(first, 2, 12L);
        Map<String, ProcessedEventLog.Recorded> before =
                log.recordAll("group-batch", List.of(firstAt10, secondAt11, firstAt12));

        assertThat(before).containsOnlyKeys(first);
        assertThat(before.get(first)).isEqualTo(new ProcessedEventLog.Recorded(2, 10L));
        assertThat(before.get(first).isAt(firstAt10)).isTrue();
        assertThat(before.get(first).isAt(firstAt12)).isFalse();
        // the new one was written although others of its batch were refused
        assertThat(log.isProcessed("group-batch", second)).isTrue();
        assertThat(log.recordAll("group-batch", List.of(secondAt11)))
                .containsEntry(second, new ProcessedEventLog.Recorded(2, 11L));
        // another group has its own log
        assertThat(log.recordAll("group-other", List.of(firstAt12))).isEmpty();
    }

    private static ReceivedEvent positioned(String id, int partition, long offset) {
        return new ReceivedEvent(
                id, "vn.danvan.test.TicketOpened.v1", null, null, null, null, new byte[0], "t", partition, offset);
    }

    @Test
    void idsOlderThanTheRetentionAreRemovedAndNewerOnesKept() {
        String id = UUID.randomUUID().toString();
        log.markProcessed("group-retention", id, "t");
        assertThat(log.removeOlderThan(Duration.ofDays(1))).isZero();
        assertThat(log.isProcessed("group-retention", id)).isTrue();
        assertThat(log.removeOlderThan(Duration.ofSeconds(-1))).isGreaterThanOrEqualTo(1);
        assertThat(log.isProcessed("group-retention", id)).isFalse();
    }

    @Test
    void aMessageWithoutCloudEventIdIsPoison() {
        var consumer = consumers.consumer("group-poison", event -> {});
        var message = MessageBuilder.withPayload("{}".getBytes(StandardCharsets.UTF_8))
                .build();
        assertThatThrownBy(() -> consumer.accept(message)).isInstanceOf(PoisonEventException.class);
    }
}
