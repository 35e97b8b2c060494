package vn.danvan.statistics.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.json.JsonMapper;
import vn.danvan.dialogues.api.events.v1.DialogueEvents;
import vn.danvan.dialogues.api.events.v1.RecommendationRaised;
import vn.danvan.feedback.api.events.v1.Channel;
import vn.danvan.feedback.api.events.v1.FeedbackEvents;
import vn.danvan.feedback.api.events.v1.FeedbackKind;
import vn.danvan.feedback.api.events.v1.FeedbackReceived;
import vn.danvan.kit.consumer.EventReader;
import vn.danvan.kit.consumer.ReceivedEvent;
import vn.danvan.kit.contract.DomainEvent;
import vn.danvan.kit.contract.EventStream;
import vn.danvan.kit.events.EventSerializer;
import vn.danvan.kit.test.InProcessMongo;
import vn.danvan.kit.units.AdministrativeUnits;
import vn.danvan.statistics.projection.Changes;
import vn.danvan.statistics.projection.Item;
import vn.danvan.statistics.projection.Projection;
import vn.danvan.statistics.projection.Projector;
import vn.danvan.statistics.projection.Replay;
import vn.danvan.statistics.units.StatisticsUnits;

/**
 * A second event source is one more projection on the same projector (ADR 0005): here the dialogue scheduler's
 * recommendations, counted by a projection of this test, beside feedback-intake's items. Both topics number their
 * partitions from 0 and both count into the same counter documents (a unit's day, month, ...), so each source's
 * partitions must be guarded apart: an event of the dialogue topic's partition 0 at offset 5 is not one the
 * feedback topic's partition 0 counted at offset 100.
 */
class TwoSourcesTest {

    static final String HAI_CHAU = "20209"; // Phường Hải Châu, Đà Nẵng
    static final String DA_NANG = "48";
    static final Instant AT = Instant.parse("2026-03-02T03:00:00Z");

    /** What the dialogue scheduler's figures would add: recommendations raised, by the dialogue's host unit. */
    static final class RecommendationsProjection implements Projection {
        @Override
        public Set<Class<? extends DomainEvent>> counts() {
            return Set.of(RecommendationRaised.class);
        }

        @Override
        public String itemKey(DomainEvent event) {
            return event instanceof RecommendationRaised raised ? "recommendation/" + raised.recommendationId() : null;
        }

        @Override
        public void apply(DomainEvent event, Item item, Changes changes) {
            RecommendationRaised raised = (RecommendationRaised) event;
            changes.add(
                    raised.hostUnitCode(), Projector.dateOf(raised.occurredAt()), "dialogues.recommendationsRaised", 1);
        }
    }

    InProcessMongo store;
    MongoTemplate mongo;
    EventSerializer serializer = new EventSerializer(JsonMapper.builder().build());
    Projector projector;

    @BeforeEach
    void start() {
        store = InProcessMongo.start();
        mongo = store.template("statistics_two_sources");
        StatisticsUnits units = new StatisticsUnits(AdministrativeUnits.load(List.of()));
        projector = new Projector(
                mongo,
                new EventReader(serializer, FeedbackEvents.STREAM, DialogueEvents.STREAM),
                List.of(
                        new FeedbackProjection(units, new WorkingDays(Set.of(), Set.of())),
                        new RecommendationsProjection()),
                List.of(new FeedbackFigures()),
                units,
                Clock.fixed(Instant.parse("2026-03-03T00:00:00Z"), ZoneOffset.UTC),
                null,
                new SimpleMeterRegistry());
    }

    @AfterEach
    void stop() {
        store.close();
    }

    ReceivedEvent record(EventStream stream, DomainEvent event, int partition, long offset) {
        return new ReceivedEvent(
                UUID.randomUUID().toString(),
                EventStream.typeOf(event.getClass()),
                stream.source(),
                event.aggregateId(),
                AT,
                null,
                serializer.toJson(event).getBytes(StandardCharsets.UTF_8),
                stream.topic(),
                partition,
                offset);
    }

    ReceivedEvent feedbackAt(long offset) {
        return record(
                FeedbackEvents.STREAM,
                new FeedbackReceived(
                        UUID.randomUUID().toString(),
                        FeedbackKind.REPORT,
                        Channel.WEB,
                        "land",
                        HAI_CHAU,
                        AT,
                        HAI_CHAU,
                        null,
                        null,
                        null,
                        null,
                        null),
                0,
                offset);
    }

    ReceivedEvent recommendationAt(long offset) {
        return record(
                DialogueEvents.STREAM,
                new RecommendationRaised(
                        "dialogue-1",
                        UUID.randomUUID().toString(),
                        HAI_CHAU,
                        HAI_CHAU,
                        "land",
                        "Kiến nghị",
                        "Nội dung",
                        AT),
                0,
                offset);
    }

    long counter(String generation, String id, String section, String field) {
        Document doc = mongo.getCollection("figures_" + generation)
                .find(new Document("_id", id))
                .first();
        if (doc == null || doc.get(section, Document.class) == null) {
            return 0;
        }
        Number value = doc.get(section, Document.class).get(field, Number.class);
        return value == null ? 0 : value.longValue();
    }

    @Test
    void eachSourceCountsInTheSameDocumentsGuardedByItsOwnPartitions() {
        ReceivedEvent feedback = feedbackAt(100);
        ReceivedEvent recommendation = recommendationAt(5);

        projector.apply(List.of(feedback), "live");
        projector.apply(List.of(recommendation), "live");

        for (String id : List.of(HAI_CHAU + "|2026-03-02", HAI_CHAU + "|2026-03", DA_NANG + "|2026")) {
            assertThat(counter("live", id, "feedback", "received")).as(id).isEqualTo(1);
            assertThat(counter("live", id, "dialogues", "recommendationsRaised"))
                    .as(id)
                    .isEqualTo(1);
        }

        // the broker redelivers both after a crash that lost everything but the counters: each source's own
        // guard leaves its event out, the other source's offset does not
        mongo.getCollection("items_live").drop();
        mongo.getCollection("applied_live").drop();
        mongo.getCollection("positions_live").drop();
        projector.apply(List.of(feedback, recommendation), "live");
        assertThat(counter("live", HAI_CHAU + "|2026-03-02", "feedback", "received"))
                .isEqualTo(1);
        assertThat(counter("live", HAI_CHAU + "|2026-03-02", "dialogues", "recommendationsRaised"))
                .isEqualTo(1);

        // a later recommendation of the dialogue topic's partition 0 counts once
        projector.apply(List.of(recommendationAt(6)), "live");
        assertThat(counter("live", HAI_CHAU + "|2026-03", "dialogues", "recommendationsRaised"))
                .isEqualTo(2);
    }

    @Test
    void aRebuildReplayingBothTopicsCountsWhatTheLiveProjectorCounted() {
        List<ReceivedEvent> records =
                List.of(feedbackAt(100), recommendationAt(5), feedbackAt(101), recommendationAt(6));
        projector.apply(records, "live");

        Replay replay = projector.replay("rebuilt", Integer.MAX_VALUE);
        replay.add(records);
        replay.flush();

        assertThat(counter("rebuilt", HAI_CHAU + "|2026", "feedback", "received"))
                .isEqualTo(2);
        assertThat(counter("rebuilt", HAI_CHAU + "|2026", "dialogues", "recommendationsRaised"))
                .isEqualTo(2);
        // the positions of both sources, by guard number: the feedback topic's partition 0, the dialogue topic's
        assertThat(projector.positions("rebuilt")).isEqualTo(projector.positions("live"));
        assertThat(projector.positions("live")).containsEntry(0, 101L).containsEntry(1000, 6L);
    }
}
