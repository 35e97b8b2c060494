package vn.danvan.feedback.dialogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.danvan.feedback.feedback.FeedbackApi.communeOfficer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.danvan.dialogues.api.events.v1.DialogueEvents;
import vn.danvan.dialogues.api.events.v1.RecommendationRaised;
import vn.danvan.feedback.feedback.FeedbackApi;
import vn.danvan.feedback.feedback.TestClock;
import vn.danvan.kit.contract.EventStream;
import vn.danvan.kit.events.EventSerializer;
import vn.danvan.kit.test.CloudEventsProducer;
import vn.danvan.kit.test.DanvanIntegrationTest;
import vn.danvan.kit.test.TestBackends;
import vn.danvan.kit.test.TopicRecords;

/**
 * Recommendations raised at dialogues, published on danvan.dialogues.v1 as the dialogue scheduler's relay will
 * publish them, become feedback items through a real broker: one per recommendation whatever is redelivered, routed
 * and given a deadline like any item, announced on the feedback stream; what can never be an item goes to the
 * dead-letter topic and nothing of it is stored.
 */
@DanvanIntegrationTest(properties = {"danvan.test.database=feedback_dialogue", "danvan.feedback.watch-interval=PT1H"})
@Import(TestClock.AtMondayMorning.class)
@ExtendWith(OutputCaptureExtension.class)
class RecommendationIntakeIntegrationTest {

    static final String PHU_XUAN = "19753"; // Phường Phú Xuân, Huế
    static final String KIM_LONG = "19774"; // Phường Kim Long, Huế
    static final String FEEDBACK_TOPIC = "danvan.feedback.v1";
    static final String DEAD_LETTERS = "error.danvan.dialogues.v1.feedback-intake";
    static final Duration WAIT = Duration.ofSeconds(30);
    static final JsonMapper JSON = JsonMapper.shared();

    @LocalServerPort
    int port;

    @Autowired
    TestClock clock;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    EventSerializer serializer;

    FeedbackApi api;
    CloudEventsProducer dialogues;

    @BeforeEach
    void setUp() {
        api = new FeedbackApi(port);
        clock.set(TestClock.MONDAY_MORNING);
        dialogues = new CloudEventsProducer(TestBackends.get().kafkaBootstrapServers());
    }

    @AfterEach
    void tearDown() {
        dialogues.close();
    }

    static RecommendationRaised raised(String dialogueId, String commune, String category, String subject) {
        return new RecommendationRaised(
                dialogueId,
                UUID.randomUUID().toString(),
                commune,
                commune,
                category,
                subject,
                "Cử tri kiến nghị nạo vét mương thoát nước trước mùa mưa bão.",
                Instant.parse("2026-03-01T02:30:00Z"));
    }

    /** Publishes as the dialogue scheduler's relay does; returns the event id. */
    String publish(RecommendationRaised event) {
        String id = UUID.randomUUID().toString();
        publish(id, event);
        return id;
    }

    void publish(String eventId, RecommendationRaised event) {
        dialogues.send(
                DialogueEvents.STREAM.topic(),
                DialogueEvents.STREAM.source(),
                EventStream.typeOf(RecommendationRaised.class),
                eventId,
                event.aggregateId(),
                serializer.toJson(event));
    }

    List<Document> itemsOf(RecommendationRaised event) {
        return mongo.getCollection("feedback")
                .find(new Document("dialogueRecommendationId", event.recommendationId()))
                .into(new java.util.ArrayList<>());
    }

    String awaitItem(RecommendationRaised event) {
        await().atMost(WAIT).until(() -> !itemsOf(event).isEmpty());
        return itemsOf(event).getFirst().getString("_id");
    }

    @Test
    void aRecommendationRaisedAtADialogueBecomesAnItemOfTheCommuneWithItsDeadlineAndIsAnnounced() {
        String subject = "Kiệt 5 Kim Long ngập " + UUID.randomUUID();
        RecommendationRaised event = raised(UUID.randomUUID().toString(), KIM_LONG, "infrastructure", subject);

        publish(event);
        String id = awaitItem(event);

        FeedbackApi.Answer item = api.get("/api/v1/feedback/" + id, communeOfficer(KIM_LONG));
        assertThat(item.status()).as(item.raw().body()).isEqualTo(200);
        assertThat(item.text("kind")).isEqualTo("RECOMMENDATION");
        assertThat(item.text("channel")).isEqualTo("DIALOGUE");
        assertThat(item.text("status")).isEqualTo("RECEIVED");
        assertThat(item.text("subject")).isEqualTo(subject);
        assertThat(item.text("category")).isEqualTo("infrastructure");
        assertThat(item.text("responsibleUnit")).isEqualTo(KIM_LONG);
        assertThat(item.text("dialogueRecommendationId")).isEqualTo(event.recommendationId());
        // the unit's service level: 3 working days from Monday, to the end of Thursday in Vietnam
        assertThat(item.text("acceptBy")).isEqualTo("2026-03-05T16:59:59Z");
        assertThat(item.body().get("contact").isNull()).isTrue();
        // another commune's officer does not see it
        assertThat(api.get("/api/v1/feedback/" + id, communeOfficer(PHU_XUAN)).status())
                .isEqualTo(404);

        List<ConsumerRecord<String, byte[]>> received = TopicRecords.readUntil(
                TestBackends.get().kafkaBootstrapServers(), FEEDBACK_TOPIC, WAIT, records -> records.stream()
                        .anyMatch(r -> id.equals(r.key())));
        List<JsonNode> announced = received.stream()
                .filter(r -> id.equals(r.key()))
                .map(r -> JSON.readTree(TopicRecords.value(r)))
                .toList();
        assertThat(announced).hasSize(1);
        assertThat(announced.getFirst().get("channel").asString()).isEqualTo("DIALOGUE");
        assertThat(announced.getFirst().get("kind").asString()).isEqualTo("RECOMMENDATION");
        assertThat(announced.getFirst().get("dialogueRecommendationId").asString())
                .isEqualTo(event.recommendationId());
    }

    @Test
    void aRecommendationDeliveredAgainOrRepublishedOrChangedStaysOneItem(CapturedOutput output) {
        String dialogue = UUID.randomUUID().toString();
        RecommendationRaised event = raised(dialogue, PHU_XUAN, "environment", "Rác thải chợ " + UUID.randomUUID());
        String eventId = publish(event);
        String id = awaitItem(event);

        publish(eventId, event); // the same record again: a relay that crashed before removing it
        publish(event); // the same recommendation under a new event id
        RecommendationRaised edited = new RecommendationRaised(
                dialogue,
                event.recommendationId(),
                event.hostUnitCode(),
                event.communeCode(),
                event.category(),
                event.subject(),
                "Nội dung đã sửa sau hội nghị.",
                event.occurredAt());
        publish(edited); // the same recommendation with other text
        // the same dialogue is the same key, so the same partition: once this one is an item, the others were read
        RecommendationRaised later = raised(dialogue, PHU_XUAN, "environment", "Sau đó " + UUID.randomUUID());
        publish(later);
        awaitItem(later);

        List<Document> items = itemsOf(event);
        assertThat(items).hasSize(1);
        assertThat(items.getFirst().getString("_id")).isEqualTo(id);
        assertThat(items.getFirst().getString("content")).isEqualTo(event.content());
        assertThat(output.getAll())
                .contains("Recommendation " + event.recommendationId() + " was received already as feedback " + id)
                .contains("Recommendation " + event.recommendationId() + " (event ")
                .doesNotContain("Nội dung đã sửa");
    }

    @Test
    void aRecommendationWithACategoryTheDeploymentDoesNotKnowCountsAsOther() {
        RecommendationRaised event = raised(UUID.randomUUID().toString(), PHU_XUAN, "giao-thong-noi-do", "Lạ");
        publish(event);
        awaitItem(event);

        assertThat(itemsOf(event).getFirst().getString("category")).isEqualTo("other");
    }

    @Test
    void aRecommendationThatCanNeverBeAnItemIsDeadLetteredWithItsReasonAndNothingIsStored() {
        String dialogue = UUID.randomUUID().toString();
        RecommendationRaised unknownCommune = raised(dialogue, "99999", "land", "Xã không tồn tại");
        RecommendationRaised tooLong = raised(dialogue, PHU_XUAN, "land", "x".repeat(201));
        RecommendationRaised longId = new RecommendationRaised(
                dialogue, "r".repeat(65), PHU_XUAN, PHU_XUAN, "land", "Mã quá dài", "Nội dung", Instant.now());
        RecommendationRaised good = raised(dialogue, PHU_XUAN, "land", "Hợp lệ " + UUID.randomUUID());
        String unknownId = publish(unknownCommune);
        String tooLongId = publish(tooLong);
        String longIdEvent = publish(longId);
        publish(good);

        // the bad ones did not hold up the partition: retried like a store outage (8 attempts, back-off from 1 s to
        // 30 s) they would have held it for about 90 s, past this wait
        awaitItem(good);
        List<ConsumerRecord<String, byte[]>> dead = TopicRecords.readUntil(
                TestBackends.get().kafkaBootstrapServers(),
                DEAD_LETTERS,
                WAIT,
                records -> records.stream()
                                .filter(r -> List.of(unknownId, tooLongId, longIdEvent)
                                        .contains(TopicRecords.header(r, "ce_id")))
                                .count()
                        == 3);
        ConsumerRecord<String, byte[]> deadUnknown = dead.stream()
                .filter(r -> unknownId.equals(TopicRecords.header(r, "ce_id")))
                .findFirst()
                .orElseThrow();
        ConsumerRecord<String, byte[]> deadTooLong = dead.stream()
                .filter(r -> tooLongId.equals(TopicRecords.header(r, "ce_id")))
                .findFirst()
                .orElseThrow();
        // the whole event is kept for an operator to mend and send again
        assertThat(TopicRecords.value(deadUnknown)).contains(unknownCommune.recommendationId());
        assertThat(TopicRecords.header(deadUnknown, "x-exception-message")).contains("location.communeCode");
        assertThat(TopicRecords.header(deadTooLong, "x-exception-message")).contains("subject");
        assertThat(dead.stream()
                        .filter(r -> longIdEvent.equals(TopicRecords.header(r, "ce_id")))
                        .findFirst()
                        .map(r -> TopicRecords.header(r, "x-exception-message")))
                .hasValueSatisfying(why -> assertThat(why).contains("recommendationId"));
        assertThat(itemsOf(longId)).isEmpty();
        assertThat(itemsOf(unknownCommune)).isEmpty();
        assertThat(itemsOf(tooLong)).isEmpty();
    }
}
