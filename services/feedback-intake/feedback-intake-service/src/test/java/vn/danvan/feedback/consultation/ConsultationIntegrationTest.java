package vn.danvan.feedback.consultation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.danvan.feedback.FeedbackIntakeApplication;
import vn.danvan.kit.consumer.ReceivedEvent;
import vn.danvan.kit.events.CloudEventHeaders;
import vn.danvan.kit.test.DanvanIntegrationTest;
import vn.danvan.kit.test.TestBackends;
import vn.danvan.kit.test.TopicRecords;
import vn.danvan.kit.test.identity.TestIdentityProvider;

/** Consultations end to end: HTTP, the store, the outbox, the topic and the tally consumer. */
@DanvanIntegrationTest(
        classes = FeedbackIntakeApplication.class,
        properties = {
            "danvan.test.database=feedback_consult",
            // consultations whose closing time passes are closed within a fraction of a second here
            "danvan.feedback.consultations.close-every=300ms",
            // through application.yml's placeholder, as a deployment sets it: every comment reads the consultation
            "CONSULTATION_CACHE_TTL=0s"
        })
class ConsultationIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TOPIC = "danvan.feedback.v1";
    private static final JsonMapper JSON = new JsonMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Đà Nẵng and two of its wards. */
    private static final String PROVINCE = "48";

    private static final String WARD = "20194";
    private static final String OTHER_WARD = "20197";

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    MeterRegistry meters;

    @Autowired
    KafkaProperties kafkaProperties;

    @Autowired
    ConsultationTallies tallies;

    @Autowired
    Consultations consultations;

    /**
     * On MongoDB an officer's page of one article's or one stance's comments, among hundreds of millions, is read from
     * an index, and so is every replica's search for consultations due to close; the stance's index made an older
     * one redundant, which a start drops.
     */
    @Test
    void commentPagesAndTheClosingSearchHaveTheirIndexes() {
        mongo.getCollection("consultation_comments").createIndex(new Document("consultationId", 1).append("stance", 1));
        consultations.createIndexes();
        consultations.createIndexes(); // a second replica's start
        assertThat(indexNames("consultation_comments"))
                .contains(
                        "consultationId_1_receivedAt_1__id_1",
                        "consultationId_1_stance_1_receivedAt_1__id_1",
                        "consultationId_1_articleId_1_receivedAt_1__id_1")
                .doesNotContain("consultationId_1_stance_1");
        assertThat(indexNames("consultations")).contains("closedAt_1_closesAt_1");
    }

    private List<String> indexNames(String collection) {
        List<String> names = new ArrayList<>();
        mongo.getCollection(collection).listIndexes().forEach(index -> names.add(index.getString("name")));
        return names;
    }

    @Test
    void citizensCommentPerArticleAndTheSummaryCountsEachCommentExactlyOnce() throws Exception {
        String id = openConsultation(
                PROVINCE, Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));

        for (int i = 0; i < 3; i++) {
            assertThat(comment(id, "dieu-1", "AGREE", null, WARD).status()).isEqualTo(201);
        }
        assertThat(comment(id, "dieu-1", "DISAGREE", "Không nên gộp hai điều này", null)
                        .status())
                .isEqualTo(201);
        // typed on a keyboard that sends decomposed Vietnamese: stored composed
        String decomposed = Normalizer.normalize("Đề nghị bổ sung quyền giám sát của Nhân dân", Normalizer.Form.NFD);
        Response proposal = comment(id, "dieu-2", "PROPOSE_CHANGE", decomposed, OTHER_WARD);
        assertThat(proposal.status()).isEqualTo(201);
        assertThat(comment(id, "dieu-2", "PROPOSE_CHANGE", "Sửa khoản 2", null).status())
                .isEqualTo(201);
        String proposalId = proposal.json().path("commentId").asString();
        Document stored = mongo.getCollection(ConsultationComment.COLLECTION)
                .find(new Document("_id", proposalId))
                .first();
        assertThat(stored.getString("text"))
                .isEqualTo(Normalizer.normalize(decomposed, Normalizer.Form.NFC))
                .isNotEqualTo(decomposed);

        await().atMost(WAIT).until(() -> summary(id).path("total").asLong() == 6);
        JsonNode summary = summary(id);
        assertThat(summary.path("consultationId").asString()).isEqualTo(id);
        assertThat(summary.path("asOf").asString()).isNotBlank();
        assertThat(summary.path("byStance").path("AGREE").asLong()).isEqualTo(3);
        assertThat(summary.path("byStance").path("DISAGREE").asLong()).isEqualTo(1);
        assertThat(summary.path("byStance").path("PROPOSE_CHANGE").asLong()).isEqualTo(2);
        assertThat(articleRow(summary, "dieu-1")).isEqualTo(List.of(3L, 1L, 0L, 4L));
        assertThat(articleRow(summary, "dieu-2")).isEqualTo(List.of(0L, 0L, 2L, 2L));
        assertThat(articleRow(summary, "dieu-3")).isEqualTo(List.of(0L, 0L, 0L, 0L));

        // the relay publishing an event twice (same ce_id, later offset): counted once
        ConsumerRecord<String, byte[]> published = commentEventsOf(id, 6).getFirst();
        double duplicatesBefore = duplicates();
        redeliver(published);
        await().atMost(WAIT).until(() -> duplicates() > duplicatesBefore);

        // a consumer that died after counting, before committing the offset, gets the batch again: nothing of it
        // is counted twice, and what its shard had not counted yet (a later comment of the batch) is counted once
        ReceivedEvent counted = received(published, published.value(), published.offset());
        tallies.apply(List.of(counted));
        assertThat(summary(id).path("total").asLong()).isEqualTo(6);
        tools.jackson.databind.node.ObjectNode later =
                (tools.jackson.databind.node.ObjectNode) JSON.readTree(published.value());
        later.put("commentId", java.util.UUID.randomUUID().toString());
        later.put("articleId", "dieu-3");
        later.put("stance", "AGREE");
        ReceivedEvent notYetCounted = new ReceivedEvent(
                later.path("commentId").asString(),
                counted.type(),
                counted.source(),
                later.path("commentId").asString(),
                Instant.now(),
                null,
                JSON.writeValueAsBytes(later),
                TOPIC,
                published.partition(),
                // past every offset the test's topic reaches; no comment of this consultation follows
                published.offset() + 1_000_000);
        tallies.apply(List.of(counted, notYetCounted));
        tallies.apply(List.of(counted, notYetCounted));
        JsonNode redelivered = summary(id);
        assertThat(redelivered.path("total").asLong()).isEqualTo(7);
        assertThat(articleRow(redelivered, "dieu-3")).isEqualTo(List.of(1L, 0L, 0L, 1L));

        JsonNode after = summary(id);
        assertThat(after.path("total").asLong()).isEqualTo(7);
        assertThat(articleRow(after, "dieu-1")).isEqualTo(List.of(3L, 1L, 0L, 4L));
        assertThat(articleRow(after, "dieu-2")).isEqualTo(List.of(0L, 0L, 2L, 2L));
    }

    @Test
    void aCommentSentAgainWithItsIdempotencyKeyIsStoredAndCountedOnce() throws Exception {
        String id = openConsultation(
                PROVINCE, Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));
        String body = "{\"articleId\":\"dieu-2\",\"stance\":\"DISAGREE\",\"communeCode\":\"" + WARD + "\"}";
        String key = "app-" + java.util.UUID.randomUUID();
        Response first = post("/api/v1/consultations/" + id + "/comments", body, Map.of("Idempotency-Key", key));
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        // retries: one after the other, then several at once (an app on a bad network), among comments without keys
        Response again = post("/api/v1/consultations/" + id + "/comments", body, Map.of("Idempotency-Key", key));
        List<java.util.concurrent.Future<Response>> burst = new ArrayList<>();
        try (var threads = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 8; i++) {
                boolean keyed = i % 2 == 0;
                burst.add(threads.submit(() -> post(
                        "/api/v1/consultations/" + id + "/comments",
                        body,
                        keyed ? Map.of("Idempotency-Key", key) : Map.of())));
            }
        }
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json().path("commentId").asString())
                .isEqualTo(first.json().path("commentId").asString());
        assertThat(again.json().path("receivedAt").asString())
                .isEqualTo(first.json().path("receivedAt").asString());
        for (int i = 0; i < burst.size(); i++) {
            Response response = burst.get(i).get();
            assertThat(response.status()).as(response.body()).isEqualTo(201);
            if (i % 2 == 0) {
                assertThat(response.json().path("commentId").asString())
                        .isEqualTo(first.json().path("commentId").asString());
            }
        }
        // the keyed comment once, and the four sent without a key
        await().atMost(WAIT).until(() -> summary(id).path("total").asLong() >= 5);
        assertThat(articleRow(summary(id), "dieu-2")).isEqualTo(List.of(0L, 5L, 0L, 5L));

        // the same key for another comment is refused, and counts nothing
        Response reused = post(
                "/api/v1/consultations/" + id + "/comments",
                body.replace("DISAGREE", "AGREE"),
                Map.of("Idempotency-Key", key));
        assertThat(reused.status()).isEqualTo(409);
        assertThat(reused.json().path("code").asString()).isEqualTo("consultation.idempotency-key.reused");
        Response tooShort = post("/api/v1/consultations/" + id + "/comments", body, Map.of("Idempotency-Key", "short"));
        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(articleRow(summary(id), "dieu-2")).isEqualTo(List.of(0L, 5L, 0L, 5L));
    }

    @Test
    void eventsCarryTheRightKeyAndTypeAndNoPersonalData() throws Exception {
        String id = openConsultation(
                PROVINCE, Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));
        String secret = "Tôi là Nguyễn Văn A, số điện thoại 0905123456";
        Response response = comment(id, "dieu-3", "PROPOSE_CHANGE", secret, WARD);
        assertThat(response.status()).isEqualTo(201);
        String commentId = response.json().path("commentId").asString();

        List<ConsumerRecord<String, byte[]>> records = TopicRecords.readUntil(
                TestBackends.get().kafkaBootstrapServers(),
                TOPIC,
                WAIT,
                rs -> rs.stream().anyMatch(r -> commentId.equals(r.key()))
                        && rs.stream().anyMatch(r -> id.equals(r.key())));
        ConsumerRecord<String, byte[]> opened =
                records.stream().filter(r -> id.equals(r.key())).findFirst().orElseThrow();
        assertThat(TopicRecords.header(opened, CloudEventHeaders.TYPE))
                .isEqualTo("vn.danvan.feedback.ConsultationOpened.v1");
        assertThat(TopicRecords.header(opened, CloudEventHeaders.SUBJECT)).isEqualTo(id);
        JsonNode openedData = JSON.readTree(TopicRecords.value(opened));
        assertThat(openedData.path("articleCount").asInt()).isEqualTo(3);
        assertThat(openedData.path("unitCodes").get(0).asString()).isEqualTo(PROVINCE);

        ConsumerRecord<String, byte[]> received = records.stream()
                .filter(r -> commentId.equals(r.key()))
                .findFirst()
                .orElseThrow();
        assertThat(TopicRecords.header(received, CloudEventHeaders.TYPE))
                .isEqualTo("vn.danvan.feedback.ConsultationCommentReceived.v1");
        assertThat(TopicRecords.header(received, CloudEventHeaders.SOURCE)).isEqualTo("/danvan/feedback-intake");
        String data = TopicRecords.value(received);
        JsonNode event = JSON.readTree(data);
        assertThat(new TreeSet<>(event.propertyNames()))
                .containsExactlyInAnyOrder(
                        "commentId", "consultationId", "articleId", "stance", "communeCode", "channel", "receivedAt");
        assertThat(event.path("consultationId").asString()).isEqualTo(id);
        assertThat(event.path("articleId").asString()).isEqualTo("dieu-3");
        assertThat(event.path("stance").asString()).isEqualTo("PROPOSE_CHANGE");
        assertThat(event.path("communeCode").asString()).isEqualTo(WARD);
        assertThat(event.path("channel").asString()).isEqualTo("WEB");
        assertThat(data).doesNotContain("Nguyễn").doesNotContain("0905123456");
    }

    @Test
    void commentsAreAcceptedOnlyWhileOpenAndOnArticlesOfTheDraft() throws Exception {
        String later = openConsultation(
                PROVINCE, Instant.now().plusSeconds(3600), Instant.now().plusSeconds(7200));
        Response early = comment(later, "dieu-1", "AGREE", null, null);
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.json().path("type").asString()).isEqualTo("urn:danvan:problem:conflict");
        assertThat(early.json().path("code").asString()).isEqualTo("consultation.not-open-yet");
        // the opening time as the citizen reads a clock in Việt Nam (UTC+7), in their language
        String at2030 = openConsultation(
                PROVINCE, Instant.parse("2030-12-07T04:05:31Z"), Instant.parse("2030-12-31T10:00:00Z"));
        assertThat(comment(at2030, "dieu-1", "AGREE", null, null)
                        .json()
                        .path("detail")
                        .asString())
                .isEqualTo("Đợt lấy ý kiến chưa bắt đầu; hãy gửi góp ý từ 11:05 ngày 07/12/2030.");
        Response english = post(
                "/api/v1/consultations/" + at2030 + "/comments",
                "{\"articleId\":\"dieu-1\",\"stance\":\"AGREE\"}",
                Map.of("Accept-Language", "en"));
        assertThat(english.json().path("detail").asString())
                .isEqualTo("The consultation has not started; comments are accepted from 11:05 on 07/12/2030.");

        String id = openConsultation(
                PROVINCE, Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));
        Response unknown = comment(id, "dieu-99", "AGREE", null, null);
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().path("code").asString()).isEqualTo("consultation.unknown-article");
        assertThat(comment(id, "dieu-1", "AGREE", null, null).status()).isEqualTo(201);
        assertThat(comment(id, "dieu-2", "DISAGREE", null, null).status()).isEqualTo(201);

        // a commune officer cannot close a consultation of the whole province: it looks absent
        assertThat(post("/api/v1/consultations/" + id + "/close", "", officer("ward-officer", WARD, "COMMUNE_OFFICER"))
                        .status())
                .isEqualTo(404);
        Response closed = post("/api/v1/consultations/" + id + "/close", "", provinceOfficer());
        assertThat(closed.status()).isEqualTo(200);
        assertThat(closed.json().path("status").asString()).isEqualTo("CLOSED");

        Response refused = comment(id, "dieu-1", "AGREE", null, null);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().path("type").asString()).isEqualTo("urn:danvan:problem:conflict");
        assertThat(refused.json().path("code").asString()).isEqualTo("consultation.closed");
        assertThat(post("/api/v1/consultations/" + id + "/close", "", provinceOfficer())
                        .json()
                        .path("type")
                        .asString())
                .isEqualTo("urn:danvan:problem:illegal-transition");
        assertThat(mongo.getCollection(ConsultationComment.COLLECTION)
                        .countDocuments(new Document("consultationId", id)))
                .isEqualTo(2);

        ConsumerRecord<String, byte[]> closedEvent = closedEventsOf(id).get(0);
        JsonNode totals = JSON.readTree(TopicRecords.value(closedEvent));
        assertThat(totals.path("totalComments").asLong()).isEqualTo(2);
        assertThat(totals.path("agreeCount").asLong()).isEqualTo(1);
        assertThat(totals.path("disagreeCount").asLong()).isEqualTo(1);
        assertThat(totals.path("proposeChangeCount").asLong()).isZero();
    }

    @Test
    void aCommentOnALetterAHotlineOrAReceptionIsAnOfficersToEnterAndNoneComesAsADialogueOrAnImport() throws Exception {
        String id = openConsultation(
                PROVINCE, Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));
        Map<String, String> wardOfficer = officer("ward-officer", WARD, "COMMUNE_OFFICER");
        // as for feedback items: the channel is a figure of the summary, and says where the comment came from
        for (String channel : List.of("HOTLINE", "LETTER", "RECEPTION")) {
            for (Map<String, String> caller :
                    List.of(Map.<String, String>of(), officer("citizen-3", WARD, "CITIZEN"))) {
                Response refused = commentOn(id, channel, caller);
                assertThat(refused.status()).as(channel + " " + refused.body()).isEqualTo(422);
                assertThat(refused.json().path("type").asString()).isEqualTo("urn:danvan:problem:rule-violation");
                assertThat(refused.json().path("code").asString()).isEqualTo("feedback.channel.officers-only");
                assertThat(refused.json().path("field").asString()).isEqualTo("channel");
            }
            assertThat(commentOn(id, channel, wardOfficer).status()).as(channel).isEqualTo(201);
        }
        for (String channel : List.of("DIALOGUE", "IMPORT")) {
            for (Map<String, String> caller : List.of(Map.<String, String>of(), wardOfficer)) {
                Response refused = commentOn(id, channel, caller);
                assertThat(refused.status()).as(channel + " " + refused.body()).isEqualTo(422);
                assertThat(refused.json().path("code").asString()).isEqualTo("feedback.channel.not-submittable");
                assertThat(refused.json().path("field").asString()).isEqualTo("channel");
            }
        }
        assertThat(commentOn(id, "WEB", Map.of()).status()).isEqualTo(201);
        assertThat(commentOn(id, "APP", Map.of()).status()).isEqualTo(201);
        assertThat(mongo.getCollection(ConsultationComment.COLLECTION)
                        .distinct("channel", new Document("consultationId", id), String.class)
                        .into(new TreeSet<>()))
                .containsExactly("APP", "HOTLINE", "LETTER", "RECEPTION", "WEB");
        assertThat(mongo.getCollection(ConsultationComment.COLLECTION)
                        .countDocuments(new Document("consultationId", id)))
                .isEqualTo(5);
    }

    private Response commentOn(String id, String channel, Map<String, String> caller) throws Exception {
        return post(
                "/api/v1/consultations/" + id + "/comments",
                "{\"articleId\":\"dieu-1\",\"stance\":\"AGREE\",\"channel\":\"" + channel + "\"}",
                caller);
    }

    @Test
    void aCommentSentAsAFeedbackItemNamesAConsultationThatExistsAndTakesCommentsNow() throws Exception {
        String open = openConsultation(
                PROVINCE, Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));
        String closed = openConsultation(
                PROVINCE, Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));
        assertThat(post("/api/v1/consultations/" + closed + "/close", "", provinceOfficer())
                        .status())
                .isEqualTo(200);
        String tag = java.util.UUID.randomUUID().toString();

        assertThat(post("/api/v1/feedback", commentItem(open, tag), Map.of()).status())
                .isEqualTo(201);
        Response late = post("/api/v1/feedback", commentItem(closed, tag), Map.of());
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.json().path("code").asString()).isEqualTo("consultation.closed");
        Response unknown = post("/api/v1/feedback", commentItem("no-such-consultation", tag), Map.of());
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().path("code").asString()).isEqualTo("feedback.consultation.unknown");
        // only the first was stored
        assertThat(mongo.getCollection("feedback").countDocuments(new Document("subject", new Document("$regex", tag))))
                .isOne();
    }

    private static String commentItem(String consultationId, String tag) {
        return """
                {"kind":"CONSULTATION_COMMENT","channel":"WEB","subject":"Góp ý dự thảo %s",
                 "content":"Đề nghị làm rõ khoản 2.","category":"other","location":{"communeCode":"%s"},
                 "consultationId":"%s"}"""
                .formatted(tag, WARD, consultationId);
    }

    @Test
    void withTheCacheOffAnEarlyCloseByAnotherReplicaRefusesTheVeryNextComment() throws Exception {
        String id = openConsultation(
                PROVINCE, Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));
        assertThat(comment(id, "dieu-1", "AGREE", null, null).status()).isEqualTo(201);

        // closed by an officer on another replica: nothing tells this replica, only the store has it
        mongo.getCollection("consultations")
                .updateOne(
                        new Document("_id", id),
                        new Document(
                                "$set",
                                new Document("closedAt", java.util.Date.from(Instant.now()))
                                        .append("closedBy", "officer-on-another-replica")));

        Response refused = comment(id, "dieu-1", "AGREE", null, null);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().path("code").asString()).isEqualTo("consultation.closed");
    }

    @Test
    void aConsultationIsClosedAtItsClosingTimeAndItsFinalTotalsArePublishedOnce() throws Exception {
        Instant closesAt = Instant.now().plusSeconds(3).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String id = openConsultation(PROVINCE, Instant.now().minusSeconds(60), closesAt);
        assertThat(comment(id, "dieu-1", "AGREE", null, null).status()).isEqualTo(201);
        assertThat(comment(id, "dieu-2", "DISAGREE", null, null).status()).isEqualTo(201);

        // nobody closes it: its time does
        ConsumerRecord<String, byte[]> closedEvent = closedEventsOf(id).get(0);
        JsonNode closed = JSON.readTree(TopicRecords.value(closedEvent));
        assertThat(Instant.parse(closed.path("closedAt").asString())).isEqualTo(closesAt);
        assertThat(closed.path("totalComments").asLong()).isEqualTo(2);
        assertThat(closed.path("agreeCount").asLong()).isEqualTo(1);
        assertThat(closed.path("disagreeCount").asLong()).isEqualTo(1);
        assertThat(comment(id, "dieu-1", "AGREE", null, null).status()).isEqualTo(409);

        // the closer goes on running: the consultation stays closed once, with one event
        Thread.sleep(1_000); // three more runs of the closer
        assertThat(closedEventsOf(id)).hasSize(1);
        assertThat(post("/api/v1/consultations/" + id + "/close", "", provinceOfficer())
                        .json()
                        .path("type")
                        .asString())
                .isEqualTo("urn:danvan:problem:illegal-transition");
    }

    @Test
    void aConsultationAnotherReplicaIsClosingIsLeftToItUntilItsClaimLapses() throws Exception {
        Instant closesAt = Instant.now().plusSeconds(2).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String id = openConsultation(PROVINCE, Instant.now().minusSeconds(60), closesAt);
        // another replica's closer claimed it and is counting its comments
        claimedByAnotherReplica(id, Instant.now().plusSeconds(600));
        Thread.sleep(java.time.Duration.between(Instant.now(), closesAt).toMillis() + 1_500); // five runs past it
        assertThat(mongo.getCollection("consultations")
                        .find(new Document("_id", id))
                        .first()
                        .get("closedAt"))
                .as("left to the replica that claimed it")
                .isNull();

        // that replica stopped: its claim lapses, and this one closes it
        claimedByAnotherReplica(id, Instant.now().minusSeconds(1));
        List<ConsumerRecord<String, byte[]>> closed = closedEventsOf(id);
        assertThat(closed).hasSize(1);
        assertThat(Instant.parse(JSON.readTree(TopicRecords.value(closed.get(0)))
                        .path("closedAt")
                        .asString()))
                .isEqualTo(closesAt);
    }

    @Test
    void aConsultationOfOneWardTakesCommentsFromItsPeopleAndOnlyItsOpenersUnitClosesIt() throws Exception {
        // the province opens a consultation of one ward
        String id = openConsultation(
                WARD, Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));

        assertThat(comment(id, "dieu-1", "AGREE", null, WARD).status()).isEqualTo(201);
        Response elsewhere = comment(id, "dieu-1", "AGREE", null, OTHER_WARD);
        assertThat(elsewhere.status()).isEqualTo(422);
        assertThat(elsewhere.json().path("field").asString()).isEqualTo("communeCode");

        // the ward's own officer may not end the province's consultation early
        Response byWard =
                post("/api/v1/consultations/" + id + "/close", "", officer("ward-officer", WARD, "COMMUNE_OFFICER"));
        assertThat(byWard.status()).isEqualTo(404);

        // an app retrying a comment at the deadline: the comment was stored, so the retry gets it, not a refusal
        String retried = "{\"articleId\":\"dieu-2\",\"stance\":\"DISAGREE\"}";
        Map<String, String> key = Map.of("Idempotency-Key", "retry-" + UUID.randomUUID());
        Response first = post("/api/v1/consultations/" + id + "/comments", retried, key);
        assertThat(first.status()).isEqualTo(201);
        assertThat(post("/api/v1/consultations/" + id + "/close", "", provinceOfficer())
                        .status())
                .isEqualTo(200);
        Response again = post("/api/v1/consultations/" + id + "/comments", retried, key);
        assertThat(again.status()).as(again.body()).isEqualTo(201);
        assertThat(again.json().path("id").asString())
                .isEqualTo(first.json().path("id").asString());
        assertThat(comment(id, "dieu-2", "AGREE", null, null).status()).isEqualTo(409);
    }

    @Test
    void officersReadTheProposedChangesPageByPageFilteredByArticleAndStance() throws Exception {
        String id = openConsultation(
                PROVINCE, Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));
        for (int i = 0; i < 5; i++) {
            assertThat(comment(id, "dieu-1", "PROPOSE_CHANGE", "Đề xuất sửa số " + i, WARD)
                            .status())
                    .isEqualTo(201);
        }
        comment(id, "dieu-1", "AGREE", null, null);
        comment(id, "dieu-2", "PROPOSE_CHANGE", "Ở điều khác", null);

        List<String> texts = new java.util.ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Response page = get(
                    "/api/v1/consultations/" + id + "/comments?articleId=dieu-1&stance=PROPOSE_CHANGE&limit=2"
                            + (cursor == null ? "" : "&cursor=" + cursor),
                    provinceOfficer());
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            JsonNode body = page.json();
            body.path("comments").forEach(c -> texts.add(c.path("text").asString()));
            cursor = body.path("nextCursor").isNull() || body.path("nextCursor").isMissingNode()
                    ? null
                    : body.path("nextCursor").asString();
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(texts)
                .containsExactlyInAnyOrder(
                        "Đề xuất sửa số 0",
                        "Đề xuất sửa số 1",
                        "Đề xuất sửa số 2",
                        "Đề xuất sửa số 3",
                        "Đề xuất sửa số 4");
        assertThat(pages).isEqualTo(3);
        // outside the consulted units it does not exist; the public reads the counts, not the comments
        assertThat(get("/api/v1/consultations/" + id + "/comments", officer("hn", "01", "PROVINCE_OFFICER"))
                        .status())
                .isEqualTo(404);
        assertThat(get("/api/v1/consultations/" + id + "/comments", Map.of()).status())
                .isEqualTo(401);
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndNothingIsStoredOrPublished() throws Exception {
        String id = openConsultation(
                PROVINCE, Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));

        assertInvalid(comment(id, "dieu-1", "PROPOSE_CHANGE", null, null), "text");
        assertInvalid(comment(id, "dieu-1", "PROPOSE_CHANGE", "   ", null), "text");
        // invisible characters only (zero-width space, joiners, word joiner, byte order mark, no-break space): as
        // blank to whoever reads the comments as spaces are
        assertInvalid(comment(id, "dieu-1", "PROPOSE_CHANGE", "\u200B\u200C\u200D\u2060\uFEFF\u00A0", null), "text");
        assertInvalid(comment(id, "dieu-1", "AGREE", "\u200B", null), "text");
        assertInvalid(comment(id, "dieu-1", "AGREE", "x".repeat(5001), null), "text");
        assertInvalid(comment(id, "dieu-1", "AGREE", null, "99999"), "communeCode");
        assertInvalid(comment(id, "dieu-1", "AGREE", null, PROVINCE), "communeCode");
        assertInvalid(comment(id, "", "AGREE", null, null), "articleId");
        Response stance = post(
                "/api/v1/consultations/" + id + "/comments",
                "{\"articleId\":\"dieu-1\",\"stance\":\"MAYBE\"}",
                Map.of());
        assertThat(stance.status()).isEqualTo(400);
        assertThat(stance.body()).contains("stance");
        assertThat(mongo.getCollection(ConsultationComment.COLLECTION)
                        .countDocuments(new Document("consultationId", id)))
                .isZero();

        // officers' input too: an article id that cannot be named in a comment
        Response badArticle = post(
                "/api/v1/consultations",
                openBody(PROVINCE, Instant.now(), Instant.now().plusSeconds(60)).replace("dieu-1", "điều 1"),
                provinceOfficer());
        assertInvalid(badArticle, "sections[0].articles[0].id");
        // a time is an ISO-8601 string, not a number of seconds since 1970
        Response epoch = post(
                "/api/v1/consultations",
                openBody(PROVINCE, Instant.now(), Instant.now().plusSeconds(60))
                        .replaceFirst("\"opensAt\": \"[^\"]+\"", "\"opensAt\": 0"),
                provinceOfficer());
        assertThat(epoch.status()).as(epoch.body()).isEqualTo(400);
        assertThat(epoch.json().path("field").asString()).isEqualTo("opensAt");
        // a time past the store's dates was a 500 when it was stored; one before the platform's years is a typo
        long opened = mongo.getCollection("consultations").countDocuments();
        Response farFuture = post(
                "/api/v1/consultations",
                openBody(PROVINCE, Instant.now(), Instant.parse("+999999999-01-01T00:00:00Z")),
                provinceOfficer());
        assertInvalid(farFuture, "closesAt");
        assertThat(farFuture.json().path("errors").get(0).path("message").asString())
                .isEqualTo("phải trong khoảng từ năm 2000 đến hết năm 2100");
        assertInvalid(
                post(
                        "/api/v1/consultations",
                        openBody(
                                PROVINCE,
                                Instant.parse("-999999999-01-01T00:00:00Z"),
                                Instant.now().plusSeconds(60)),
                        provinceOfficer()),
                "opensAt");
        assertInvalid(
                post(
                        "/api/v1/consultations",
                        openBody(
                                PROVINCE, Instant.parse("1999-12-31T23:59:59Z"), Instant.parse("2101-01-01T00:00:00Z")),
                        provinceOfficer()),
                "closesAt");
        assertThat(mongo.getCollection("consultations").countDocuments()).isEqualTo(opened);
        assertThat(post(
                                "/api/v1/consultations",
                                openBody(PROVINCE, Instant.now(), Instant.now().plusSeconds(60)),
                                Map.of())
                        .status())
                .isEqualTo(401);
        assertThat(post(
                                "/api/v1/consultations",
                                openBody(PROVINCE, Instant.now(), Instant.now().plusSeconds(60)),
                                officer("ward-officer", WARD, "COMMUNE_OFFICER"))
                        .status())
                .isEqualTo(404);

        // one valid comment afterwards: once its event is on the topic, it is the only one of this consultation
        Response valid = comment(id, "dieu-1", "AGREE", null, null);
        assertThat(valid.status()).isEqualTo(201);
        String validId = valid.json().path("commentId").asString();
        List<ConsumerRecord<String, byte[]>> events = commentEventsOf(id, 1);
        assertThat(events).extracting(ConsumerRecord::key).containsExactly(validId);
    }

    private void assertInvalid(Response response, String field) throws Exception {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        JsonNode problem = response.json();
        assertThat(problem.path("type").asString()).isEqualTo("urn:danvan:problem:validation-failed");
        Set<String> fields = new TreeSet<>();
        problem.path("errors").forEach(error -> fields.add(error.path("field").asString()));
        assertThat(fields).as(response.body()).contains(field);
    }

    private String openConsultation(String unit, Instant opensAt, Instant closesAt) throws Exception {
        Response response = post("/api/v1/consultations", openBody(unit, opensAt, closesAt), provinceOfficer());
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().path("id").asString();
    }

    private static String openBody(String unit, Instant opensAt, Instant closesAt) {
        return """
                {"title": "Dự thảo sửa đổi, bổ sung một số điều của Hiến pháp năm 2013",
                 "sections": [
                   {"heading": "Chương I", "articles": [
                     {"id": "dieu-1", "title": "Điều 1"}, {"id": "dieu-2", "title": "Điều 2"}]},
                   {"heading": "Chương II", "articles": [{"id": "dieu-3", "title": "Điều 3"}]}],
                 "unitCodes": ["%s"], "opensAt": "%s", "closesAt": "%s"}
                """
                .formatted(unit, opensAt, closesAt);
    }

    private Response comment(String id, String articleId, String stance, String text, String communeCode)
            throws Exception {
        Map<String, Object> body = new HashMap<>();
        body.put("articleId", articleId);
        body.put("stance", stance);
        if (text != null) {
            body.put("text", text);
        }
        if (communeCode != null) {
            body.put("communeCode", communeCode);
        }
        return post("/api/v1/consultations/" + id + "/comments", JSON.writeValueAsString(body), Map.of());
    }

    private JsonNode summary(String id) throws Exception {
        Response response = get("/api/v1/consultations/" + id + "/summary", Map.of());
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }

    private Response get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        headers.forEach(request::setHeader);
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body());
    }

    /** agree, disagree, propose a change, total. */
    private static List<Long> articleRow(JsonNode summary, String articleId) {
        for (JsonNode row : summary.path("articles")) {
            if (articleId.equals(row.path("articleId").asString())) {
                return List.of(
                        row.path("agree").asLong(),
                        row.path("disagree").asLong(),
                        row.path("proposeChange").asLong(),
                        row.path("total").asLong());
            }
        }
        throw new AssertionError("no row for " + articleId + " in " + summary);
    }

    private List<ConsumerRecord<String, byte[]>> commentEventsOf(String consultationId, int atLeast) {
        return TopicRecords.readUntil(
                        TestBackends.get().kafkaBootstrapServers(),
                        TOPIC,
                        WAIT,
                        rs -> rs.stream()
                                        .filter(r -> isCommentOf(r, consultationId))
                                        .count()
                                >= atLeast)
                .stream()
                .filter(r -> isCommentOf(r, consultationId))
                .toList();
    }

    private static boolean isCommentOf(ConsumerRecord<String, byte[]> record, String consultationId) {
        return "vn.danvan.feedback.ConsultationCommentReceived.v1"
                        .equals(TopicRecords.header(record, CloudEventHeaders.TYPE))
                && TopicRecords.value(record).contains("\"consultationId\":\"" + consultationId + "\"");
    }

    /** Another replica's closer holds the consultation's closing until then. */
    private void claimedByAnotherReplica(String consultationId, Instant until) {
        mongo.getCollection("consultations")
                .updateOne(
                        new Document("_id", consultationId),
                        new Document("$set", new Document("closingClaimedUntil", java.util.Date.from(until))));
    }

    /** The ConsultationClosed records of a consultation, once there is one. */
    private static List<ConsumerRecord<String, byte[]>> closedEventsOf(String consultationId) {
        return TopicRecords.readUntil(TestBackends.get().kafkaBootstrapServers(), TOPIC, WAIT, rs -> rs.stream()
                        .anyMatch(r -> isClosedEventOf(r, consultationId)))
                .stream()
                .filter(r -> isClosedEventOf(r, consultationId))
                .toList();
    }

    private static boolean isClosedEventOf(ConsumerRecord<String, byte[]> record, String consultationId) {
        return consultationId.equals(record.key())
                && "vn.danvan.feedback.ConsultationClosed.v1"
                        .equals(TopicRecords.header(record, CloudEventHeaders.TYPE));
    }

    private static ReceivedEvent received(ConsumerRecord<String, byte[]> record, byte[] data, long offset) {
        return new ReceivedEvent(
                TopicRecords.header(record, CloudEventHeaders.ID),
                TopicRecords.header(record, CloudEventHeaders.TYPE),
                "/danvan/feedback-intake",
                record.key(),
                Instant.now(),
                null,
                data,
                TOPIC,
                record.partition(),
                offset);
    }

    private void redeliver(ConsumerRecord<String, byte[]> original) {
        Map<String, Object> config = new HashMap<>(kafkaProperties.buildProducerProperties());
        config.put("key.serializer", org.apache.kafka.common.serialization.StringSerializer.class);
        config.put("value.serializer", org.apache.kafka.common.serialization.ByteArraySerializer.class);
        DefaultKafkaProducerFactory<String, byte[]> factory = new DefaultKafkaProducerFactory<>(config);
        try {
            ProducerRecord<String, byte[]> copy = new ProducerRecord<>(
                    TOPIC, original.partition(), original.key(), original.value(), original.headers());
            new KafkaTemplate<>(factory).send(copy).join();
        } finally {
            factory.destroy();
        }
    }

    private double duplicates() {
        Counter counter = meters.find("danvan.consumer.events")
                .tag("group", ConsultationTallies.GROUP)
                .tag("outcome", "duplicate")
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private static Map<String, String> provinceOfficer() {
        return officer("province-officer", PROVINCE, "PROVINCE_OFFICER");
    }

    private static Map<String, String> officer(String id, String unit, String roles) {
        return Map.of("Authorization", "Bearer " + TestIdentityProvider.shared().token(id, unit, roles.split(",")));
    }

    private Response post(String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .header("Accept-Language", "vi")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::setHeader);
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body());
    }

    private record Response(int status, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }
    }
}
