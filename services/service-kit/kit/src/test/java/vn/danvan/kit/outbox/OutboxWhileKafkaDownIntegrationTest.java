package vn.danvan.kit.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import vn.danvan.kit.events.CloudEventHeaders;
import vn.danvan.kit.outboxapp.OutboxTestApplication;
import vn.danvan.kit.outboxapp.Ticket;
import vn.danvan.kit.outboxapp.TicketEvents;
import vn.danvan.kit.outboxapp.TicketRepository;
import vn.danvan.kit.test.DanvanIntegrationTest;
import vn.danvan.kit.test.TcpForwarder;
import vn.danvan.kit.test.TestBackends;
import vn.danvan.kit.test.TopicRecords;

/**
 * Kafka is down when the service accepts writes: the writes succeed, the events wait in the outbox, and once the
 * broker answers on the configured address every one of them is published. The service is pointed at a loopback port
 * that refuses connections until the test opens it in front of the real broker; the consumer bindings are left out
 * since they need a broker at start-up.
 */
@DanvanIntegrationTest(
        classes = OutboxTestApplication.class,
        properties = {
            "spring.config.name=kit-test",
            "danvan.test.database=kit_kafka_down",
            "spring.kafka.admin.auto-create=false",
            "spring.autoconfigure.exclude=org.springframework.cloud.stream.function.FunctionConfiguration"
        })
class OutboxWhileKafkaDownIntegrationTest {

    private static final TcpForwarder BROKER_ADDRESS = brokerBehindForwarder();

    @Autowired
    TicketRepository tickets;

    @Autowired
    MongoTemplate mongo;

    @DynamicPropertySource
    static void brokerNotYetRunning(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + BROKER_ADDRESS.port());
    }

    @AfterAll
    static void closeForwarder() {
        BROKER_ADDRESS.close();
    }

    @Test
    void writesAcceptedWhileKafkaIsDownArePublishedOnceItReturns() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String id = "down-" + UUID.randomUUID();
            ids.add(id);
            Ticket ticket = Ticket.open(id, "Ghi nhận khi Kafka ngừng");
            ticket.record(ticket.note());
            tickets.save(ticket);
        }
        // the relay has tried and failed for a while: nothing was lost, nothing was removed
        Thread.sleep(2500);
        assertThat(pendingEvents(ids)).isEqualTo(40);

        BROKER_ADDRESS.open(); // Kafka is back

        await().atMost(Duration.ofSeconds(60)).until(() -> pendingEvents(ids) == 0);
        Set<String> keys = Set.copyOf(ids);
        List<ConsumerRecord<String, byte[]>> records = TopicRecords.readUntil(
                TestBackends.get().kafkaBootstrapServers(),
                TicketEvents.TOPIC,
                Duration.ofSeconds(30),
                rs -> rs.stream()
                                .filter(r -> keys.contains(r.key()))
                                .map(r -> TopicRecords.header(r, CloudEventHeaders.ID))
                                .distinct()
                                .count()
                        >= 40);
        Set<String> publishedKeys =
                records.stream().map(ConsumerRecord::key).filter(keys::contains).collect(Collectors.toSet());
        assertThat(publishedKeys).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(records.stream()
                        .filter(r -> keys.contains(r.key()))
                        .map(r -> TopicRecords.header(r, CloudEventHeaders.ID))
                        .distinct())
                .hasSize(40);
    }

    private long pendingEvents(List<String> ids) {
        return mongo
                .getCollection("tickets")
                .find(new Document("_id", new Document("$in", ids)))
                .map(d -> d.getList("outbox", Document.class, List.of()).size())
                .into(new ArrayList<>())
                .stream()
                .mapToLong(Integer::longValue)
                .sum();
    }

    private static TcpForwarder brokerBehindForwarder() {
        String broker = TestBackends.get().kafkaBootstrapServers().split(",")[0];
        int colon = broker.lastIndexOf(':');
        return TcpForwarder.reserve(broker.substring(0, colon), Integer.parseInt(broker.substring(colon + 1)));
    }
}
