package vn.danvan.kit.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import vn.danvan.kit.test.InProcessMongo;
import vn.danvan.kit.test.TcpForwarder;

/**
 * One relay round while the broker is away (its address refuses connections: every send waits for metadata for
 * {@code max.block.ms}, 1 s here): the round ends at the first such send instead of waiting once per event, gives
 * its claims back, and the backlog gauges show what waits.
 */
class OutboxRelayBrokerAwayTest {

    private static final int AGGREGATES = 8;

    private InProcessMongo store;
    private TcpForwarder brokerAddress;
    private SimpleMeterRegistry meters;
    private OutboxRelay relay;
    private MongoTemplate mongo;

    @BeforeEach
    void relayWithoutABroker() {
        store = InProcessMongo.start();
        mongo = store.template("kit_broker_away");
        // a loopback port nobody listens on (never opened)
        brokerAddress = TcpForwarder.reserve("127.0.0.1", 9);
        KafkaProperties kafkaProperties = new KafkaProperties();
        kafkaProperties.setBootstrapServers(List.of("127.0.0.1:" + brokerAddress.port()));
        OutboxProperties properties = new OutboxProperties(
                true, 200, Duration.ofMillis(100), Duration.ofSeconds(30), Duration.ofSeconds(2), null, true);
        KafkaTemplate<String, byte[]> kafka = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(
                OutboxAutoConfiguration.producerConfig(kafkaProperties, properties, "broker-away")));
        meters = new SimpleMeterRegistry();
        relay = new OutboxRelay(
                mongo,
                List.of("tickets"),
                kafka,
                "danvan.test.v1",
                properties,
                Clock.systemUTC(),
                new OutboxSignal(),
                meters,
                "broker-away");
        for (int i = 0; i < AGGREGATES; i++) {
            Instant time = Instant.now();
            List<Document> outbox = new ArrayList<>();
            for (int e = 0; e < 2; e++) {
                outbox.add(new Document("eventId", UUID.randomUUID().toString())
                        .append("type", "vn.danvan.test.TicketNoted.v1")
                        .append("source", "/danvan/kit-test")
                        .append("subject", "t-" + i)
                        .append("time", Date.from(time))
                        .append("data", "{\"ticketId\":\"t-" + i + "\",\"sequence\":" + e + "}"));
            }
            mongo.getCollection("tickets")
                    .insertOne(new Document("_id", "t-" + i)
                            .append(OutboxAggregate.VERSION, 1L)
                            .append(OutboxAggregate.OUTBOX, outbox)
                            .append(OutboxAggregate.PENDING_SINCE, Date.from(time.minusSeconds(60))));
        }
    }

    @AfterEach
    void close() {
        relay.destroy();
        store.close();
    }

    @Test
    void aRoundStopsAtTheFirstSendTheBrokerCannotTakeAndGivesItsClaimsBack() {
        long start = System.nanoTime();
        Throwable failure = catchThrowable(relay::relayOnce);
        // one blocked send (1 s), not one per event (16 s)
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(failure).hasMessageContaining("broker unreachable");

        for (Document ticket : mongo.getCollection("tickets").find()) {
            assertThat(ticket.getList(OutboxAggregate.OUTBOX, Document.class)).hasSize(2);
            assertThat(ticket.get(OutboxAggregate.LEASE))
                    .as("claim of %s", ticket.get("_id"))
                    .isNull();
        }
    }

    @Test
    void theBacklogGaugesShowWhatWaitsWhileEveryRoundFails() {
        assertThatThrownBy(relay::relayOnce).isInstanceOf(IllegalStateException.class);

        assertThat(meters.get("danvan.outbox.backlog").gauge().value()).isEqualTo(AGGREGATES);
        assertThat(meters.get("danvan.outbox.oldest.pending.seconds").gauge().value())
                .isGreaterThanOrEqualTo(60);
    }
}
