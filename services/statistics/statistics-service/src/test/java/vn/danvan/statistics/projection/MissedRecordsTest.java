package vn.danvan.statistics.projection;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.json.JsonMapper;
import vn.danvan.feedback.api.events.v1.FeedbackEvents;
import vn.danvan.kit.consumer.EventReader;
import vn.danvan.kit.consumer.ReceivedEvent;
import vn.danvan.kit.events.EventSerializer;
import vn.danvan.kit.test.CloudEventsProducer;
import vn.danvan.kit.test.InProcessMongo;
import vn.danvan.kit.test.TestBackends;
import vn.danvan.kit.units.AdministrativeUnits;
import vn.danvan.statistics.units.StatisticsUnits;

/**
 * What a generation lacks of a partition, read again from a real broker: the records between its position and a
 * batch's first one, and after a switch those the previous generation has of the consumer's other partitions. The
 * records are on the dialogue topic, which nothing in this module consumes.
 */
class MissedRecordsTest {

    static final String TOPIC = "danvan.dialogues.v1";

    InProcessMongo store;
    Projector projector;
    MissedRecords missed;

    @BeforeEach
    void start() {
        store = InProcessMongo.start();
        MongoTemplate mongo = store.template("statistics_missed");
        projector = new Projector(
                mongo,
                new EventReader(new EventSerializer(JsonMapper.builder().build()), FeedbackEvents.STREAM),
                List.of(),
                List.of(),
                new StatisticsUnits(AdministrativeUnits.load(List.of())),
                Clock.systemUTC(),
                null,
                new SimpleMeterRegistry());
        missed = new MissedRecords(projector, TestBackends.get().kafkaBootstrapServers());
    }

    @AfterEach
    void stop() {
        store.close();
    }

    @Test
    void theRecordsBetweenAGenerationsPositionAndABatchAreReadAgainBeforeIt() {
        List<ReceivedEvent> five = publishFive();
        TopicPartition partition = partitionOf(five.get(0));
        position("g", partition, five.get(0).offset());

        List<ReceivedEvent> batch = List.of(five.get(3), five.get(4));
        List<ReceivedEvent> withMissed = missed.withMissed(batch, "g", null);

        assertThat(withMissed).extracting(ReceivedEvent::id).containsExactly(ids(five, 1, 2, 3, 4));
        assertThat(withMissed.get(0).offset()).isEqualTo(five.get(1).offset());
        assertThat(withMissed.get(0).type()).isEqualTo("vn.danvan.test.Missed.v1");
    }

    @Test
    void aBatchRightAfterTheGenerationsPositionIsLeftAsItIs() {
        List<ReceivedEvent> five = publishFive();
        position("g", partitionOf(five.get(0)), five.get(2).offset());

        List<ReceivedEvent> batch = List.of(five.get(3), five.get(4));
        assertThat(missed.withMissed(batch, "g", null)).isSameAs(batch);
    }

    @Test
    void afterASwitchTheConsumersOtherPartitionsAreCaughtUpWithWhatTheOldGenerationHas() {
        List<ReceivedEvent> five = publishFive();
        TopicPartition partition = partitionOf(five.get(0));
        // this consumer applied all five to the old generation; the new one's replay had read the first two
        position("old", partition, five.get(4).offset());
        position("new", partition, five.get(1).offset());
        assertThat(missed.withMissed(List.of(), "old", Set.of(partition))).isEmpty();

        List<ReceivedEvent> caughtUp = missed.withMissed(List.of(), "new", Set.of(partition));

        assertThat(caughtUp).extracting(ReceivedEvent::id).containsExactly(ids(five, 2, 3, 4));
        assertThat(missed.withMissed(List.of(), "new", Set.of(partition)))
                .as("once: no switch since")
                .isEmpty();
    }

    @Test
    void aGapTooLargeToReadIsLeftToARebuildAndTheBatchGoesOn() {
        List<ReceivedEvent> five = publishFive();
        position("g", partitionOf(five.get(0)), five.get(0).offset());
        MissedRecords atMostTwo =
                new MissedRecords(projector, TestBackends.get().kafkaBootstrapServers(), 2);

        List<ReceivedEvent> batch = List.of(five.get(4));
        assertThat(atMostTwo.withMissed(batch, "g", null))
                .as("3 missed, 2 read at most")
                .isSameAs(batch);
    }

    private void position(String generation, TopicPartition partition, long offset) {
        projector.writePositions(
                Map.of(Projector.guardOf(partition.topic(), partition.partition()), offset), generation);
    }

    private static TopicPartition partitionOf(ReceivedEvent event) {
        return new TopicPartition(event.topic(), event.partition());
    }

    private static String[] ids(List<ReceivedEvent> events, int... indexes) {
        String[] ids = new String[indexes.length];
        for (int i = 0; i < indexes.length; i++) {
            ids[i] = events.get(indexes[i]).id();
        }
        return ids;
    }

    /** Five records of one key, so of one partition, as the binder would hand them over. */
    private static List<ReceivedEvent> publishFive() {
        String key = UUID.randomUUID().toString();
        List<ReceivedEvent> events = new ArrayList<>();
        try (CloudEventsProducer producer =
                new CloudEventsProducer(TestBackends.get().kafkaBootstrapServers())) {
            for (int i = 0; i < 5; i++) {
                String id = UUID.randomUUID().toString();
                String json = "{\"n\":" + i + "}";
                RecordMetadata sent = producer.send(TOPIC, "/test", "vn.danvan.test.Missed.v1", id, key, json);
                events.add(new ReceivedEvent(
                        id,
                        "vn.danvan.test.Missed.v1",
                        null,
                        key,
                        null,
                        null,
                        json.getBytes(StandardCharsets.UTF_8),
                        TOPIC,
                        sent.partition(),
                        sent.offset()));
            }
        }
        return events;
    }
}
