package vn.danvan.kit.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import vn.danvan.kit.batchapp.BatchTestApplication;
import vn.danvan.kit.batchapp.StoreGate;
import vn.danvan.kit.test.CloudEventsProducer;
import vn.danvan.kit.test.DanvanIntegrationTest;
import vn.danvan.kit.test.TestBackends;

/**
 * A batch binding whose store fails for longer than Spring Kafka's own retries last (ten attempts, then the batch is
 * skipped and its offsets committed): every event is applied once the store answers again, none twice, and no offset
 * is committed past an event not yet applied. The store's failure is a gate in front of the consumer's writes
 * ({@link StoreGate}): a real outage of the embedded store would fail the writes the same way
 * (DataAccessResourceFailureException after the selection timeout), only slower.
 */
@DanvanIntegrationTest(
        classes = BatchTestApplication.class,
        properties = {"spring.config.name=kit-batch-test", "danvan.test.database=kit_batch"})
@ExtendWith(OutputCaptureExtension.class)
class BatchRetryIntegrationTest {

    /** Spring Kafka's default: the first delivery and nine retries. */
    private static final int OLD_ATTEMPTS = 10;

    private static CloudEventsProducer producer;
    private static Admin admin;

    @Autowired
    StoreGate gate;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    MeterRegistry meters;

    @BeforeAll
    static void clients() {
        String brokers = TestBackends.get().kafkaBootstrapServers();
        producer = new CloudEventsProducer(brokers);
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers));
    }

    @AfterAll
    static void closeClients() {
        producer.close();
        admin.close();
    }

    @Test
    void aStoreAwayLongerThanTheOldRetriesLosesNothingAndAppliesEachEventOnce(CapturedOutput output) throws Exception {
        assertEverythingAppliedOnceAfter(
                OLD_ATTEMPTS + 5, () -> new DataAccessResourceFailureException("Timed out while waiting for a server"));
        // the waits grew from 100 ms to the longest (kit-batch-test.yml), a warning each, not an error
        assertThat(output.getAll())
                .contains("trying again in 100 ms")
                .contains("trying again in 400 ms")
                .doesNotContain("not for the store or the broker");
    }

    /** A bug (or a record the consumer cannot handle) is not skipped either: it waits for the fix, loudly. */
    @Test
    void aFailureThatIsNotTheStoresIsRetriedTooAndLoggedAsAnError(CapturedOutput output) throws Exception {
        assertEverythingAppliedOnceAfter(OLD_ATTEMPTS + 5, () -> new IllegalStateException("a bug in the consumer"));
        assertThat(output.getAll())
                .contains("ERROR")
                .contains("not for the store or the broker")
                .contains("a bug in the consumer");
    }

    /** {@code failures} leaves a few more than the old attempts, so that the check below runs while it still fails. */
    private void assertEverythingAppliedOnceAfter(int failures, Supplier<RuntimeException> failure) throws Exception {
        awaitIdle();
        gate.failNext(failures, failure);

        List<String> ids = new ArrayList<>();
        Map<TopicPartition, Long> firstOffsets = new HashMap<>();
        for (int i = 0; i < 10; i++) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            RecordMetadata at = producer.send(
                    BatchTestApplication.TOPIC,
                    "/danvan/kit-batch-test",
                    "vn.danvan.test.TicketNoted.v1",
                    id,
                    "ticket-" + i,
                    "{\"ticketId\":\"ticket-" + i + "\",\"sequence\":" + i + "}");
            firstOffsets.merge(new TopicPartition(at.topic(), at.partition()), at.offset(), Math::min);
        }

        // well past the ten attempts after which the batch used to be skipped: nothing applied, nothing committed
        await().atMost(Duration.ofSeconds(60)).until(() -> gate.failuresLeft() <= failures - (OLD_ATTEMPTS + 1));
        assertThat(timesApplied(ids)).isEmpty();
        committed().forEach((partition, offset) -> {
            if (firstOffsets.containsKey(partition)) {
                assertThat(offset)
                        .as("committed offset of %s", partition)
                        .isLessThanOrEqualTo(firstOffsets.get(partition));
            }
        });
        assertThat(failingSeconds()).isPositive();

        // the store answers again: every event applied, each once, and the offsets move past them
        await().atMost(Duration.ofSeconds(60)).until(() -> timesApplied(ids).size() == ids.size());
        assertThat(gate.failuresLeft()).isZero();
        assertThat(timesApplied(ids).values()).containsOnly(1);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> firstOffsets.forEach((partition, first) ->
                        assertThat(committed().getOrDefault(partition, -1L)).isGreaterThan(first)));
        assertThat(failingSeconds()).isZero();
        assertThat(
                        meters
                                .get("danvan.consumer.batch.failures")
                                .tag("group", BatchTestApplication.GROUP)
                                .counters()
                                .stream()
                                .mapToDouble(c -> c.count())
                                .sum())
                .isGreaterThanOrEqualTo(failures);
    }

    /** A batch delivered again after the store came back would count its events twice: give it the time. */
    private void awaitIdle() {
        await().atMost(Duration.ofSeconds(30)).until(() -> gate.failuresLeft() == 0 && failingSeconds() == 0);
    }

    private Map<String, Integer> timesApplied(List<String> ids) {
        Map<String, Integer> times = new HashMap<>();
        mongo.getCollection(BatchTestApplication.COLLECTION)
                .find(new Document("_id", new Document("$in", ids)))
                .forEach(doc -> times.put(doc.getString("_id"), doc.getInteger("times")));
        return times;
    }

    /** The binding's failing-for gauge; 0 where it is missing, so that a run without it fails on the events. */
    private double failingSeconds() {
        Gauge gauge = meters.find("danvan.consumer.batch.failing.seconds")
                .tag("group", BatchTestApplication.GROUP)
                .gauge();
        return gauge == null ? 0 : gauge.value();
    }

    private static Map<TopicPartition, Long> committed() {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        Map<TopicPartition, OffsetAndMetadata> committed;
        try {
            committed = admin.listConsumerGroupOffsets(BatchTestApplication.GROUP)
                    .partitionsToOffsetAndMetadata()
                    .get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("the broker did not list the group's offsets", e);
        }
        committed.forEach((partition, offset) -> {
            if (offset != null) {
                offsets.put(partition, offset.offset());
            }
        });
        return offsets;
    }
}
