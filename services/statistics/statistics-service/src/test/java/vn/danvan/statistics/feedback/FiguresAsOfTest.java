package vn.danvan.statistics.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.json.JsonMapper;
import vn.danvan.feedback.api.events.v1.Channel;
import vn.danvan.feedback.api.events.v1.FeedbackEvents;
import vn.danvan.feedback.api.events.v1.FeedbackKind;
import vn.danvan.feedback.api.events.v1.FeedbackReceived;
import vn.danvan.kit.consumer.EventReader;
import vn.danvan.kit.consumer.ReceivedEvent;
import vn.danvan.kit.contract.EventStream;
import vn.danvan.kit.events.EventSerializer;
import vn.danvan.kit.test.InProcessMongo;
import vn.danvan.kit.test.MovableClock;
import vn.danvan.kit.units.AdministrativeUnits;
import vn.danvan.statistics.figures.FigureReader;
import vn.danvan.statistics.figures.Generations;
import vn.danvan.statistics.period.Period;
import vn.danvan.statistics.projection.Projector;
import vn.danvan.statistics.query.StatisticsQueries;
import vn.danvan.statistics.units.StatisticsUnits;

/**
 * A summary's {@code asOf} says how far its figures have got, not when it was asked: while the projector catches up
 * (after an outage, a rebuild) it is the time of the events it has reached, and once the projector has read every
 * partition to its end it is now again.
 */
class FiguresAsOfTest {

    static final String HAI_CHAU = "20209"; // Phường Hải Châu, Đà Nẵng
    static final String TOPIC = FeedbackEvents.STREAM.topic();
    static final Instant NOW = Instant.parse("2026-03-03T08:00:00Z");

    InProcessMongo store;
    MongoTemplate mongo;
    MovableClock clock = new MovableClock(NOW);
    EventSerializer serializer = new EventSerializer(JsonMapper.builder().build());
    StatisticsUnits units = new StatisticsUnits(AdministrativeUnits.load(List.of()));
    Generations generations;
    Projector projector;

    @BeforeEach
    void start() {
        store = InProcessMongo.start();
        mongo = store.template("statistics_as_of");
        generations = new Generations(mongo, clock);
        projector = new Projector(
                mongo,
                new EventReader(serializer, FeedbackEvents.STREAM),
                List.of(new FeedbackProjection(units, new WorkingDays(Set.of(), Set.of()))),
                List.of(new FeedbackFigures()),
                units,
                clock,
                null,
                new SimpleMeterRegistry());
    }

    @AfterEach
    void stop() {
        store.close();
    }

    @Test
    void whileTheProjectorCatchesUpAsOfIsHowFarItHasGotThenNowOnceItHasReadEverything() {
        assertThat(asOf()).as("nothing counted yet").isEqualTo(NOW);

        Instant early = Instant.parse("2026-03-02T03:00:00Z");
        Instant later = Instant.parse("2026-03-02T05:00:00Z");
        // catching up: each partition has more to read after its batch
        projector.apply(List.of(received(0, 10, early), received(1, 20, later)), generations.active(), Set.of());
        // partition 0 has only got to 03:00, whatever partition 1 reached
        assertThat(asOf()).isEqualTo(early);

        projector.apply(List.of(received(0, 11, later)), generations.active(), Set.of());
        assertThat(asOf()).isEqualTo(later);

        // the consumer read both partitions to their end with this batch: complete up to now
        clock.advance(Duration.ofMinutes(5));
        projector.apply(
                List.of(received(1, 21, later.plusSeconds(60))),
                generations.active(),
                Set.of(new TopicPartition(TOPIC, 0), new TopicPartition(TOPIC, 1)));
        assertThat(asOf()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));

        // nothing new for a while: the idle consumer says so, and the figures stay current
        clock.advance(Duration.ofMinutes(30));
        projector.markCaughtUp(
                Set.of(new TopicPartition(TOPIC, 0), new TopicPartition(TOPIC, 1)), generations.active());
        assertThat(asOf()).isEqualTo(NOW.plus(Duration.ofMinutes(35)));
    }

    /** A summary as the dashboard reads it (a new reader each time: the answer is kept for a second). */
    private Instant asOf() {
        StatisticsQueries queries = new StatisticsQueries(
                units, new FigureReader(mongo, generations, List.of(new FeedbackFigures())), mongo, generations, clock);
        return queries.summary(HAI_CHAU, Period.parse("2026-03"), null).asOf();
    }

    private ReceivedEvent received(int partition, long offset, Instant at) {
        String id = UUID.randomUUID().toString();
        FeedbackReceived event = new FeedbackReceived(
                id, FeedbackKind.REPORT, Channel.WEB, "land", HAI_CHAU, at, HAI_CHAU, null, null, null, null, null);
        return new ReceivedEvent(
                UUID.randomUUID().toString(),
                EventStream.typeOf(FeedbackReceived.class),
                FeedbackEvents.STREAM.source(),
                id,
                at,
                null,
                serializer.toJson(event).getBytes(StandardCharsets.UTF_8),
                TOPIC,
                partition,
                offset);
    }
}
