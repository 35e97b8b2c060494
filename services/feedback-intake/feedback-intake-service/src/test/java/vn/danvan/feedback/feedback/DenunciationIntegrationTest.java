package vn.danvan.feedback.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.danvan.feedback.feedback.FeedbackApi.communeOfficer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;
import vn.danvan.feedback.feedback.FeedbackApi.Answer;
import vn.danvan.kit.test.DanvanIntegrationTest;
import vn.danvan.kit.test.TestBackends;
import vn.danvan.kit.test.TopicRecords;

/**
 * Luật Tố cáo 2018, Art. 9: a denouncer's identity never leaves the vault. Every Kafka record and every log line the
 * test produced is scanned for each piece of it, after the denunciation has been through its whole life.
 */
@DanvanIntegrationTest(properties = "danvan.test.database=feedback_denunciation")
@ExtendWith(OutputCaptureExtension.class)
class DenunciationIntegrationTest {

    static final String NAME = "Trần Thị Bích Ngọc";
    static final String ID_NUMBER = "046199001234";
    static final String PHONE = "0987654321";
    static final String ADDRESS = "27 Đinh Tiên Hoàng, Phú Xuân";

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @Test
    void retriesOfADenunciationSentTogetherKeepOneItemAndOneSealedIdentity() throws Exception {
        FeedbackApi api = new FeedbackApi(port);
        String key = "denounce-" + UUID.randomUUID();
        String body =
                """
                {"kind":"DENUNCIATION","channel":"APP","subject":"Tố cáo thu tiền sai quy định %s",
                 "content":"Cán bộ thu tiền làm sổ đỏ ngoài biên lai.","category":"land",
                 "location":{"communeCode":"19774"},
                 "denouncer":{"fullName":"%s","idNumber":"%s","address":"%s","phone":"%s"}}"""
                        .formatted(UUID.randomUUID(), NAME, ID_NUMBER, ADDRESS, PHONE);
        long identitiesBefore = mongo.getCollection("denouncer_identities").countDocuments();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Answer>> answers = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 8; i++) {
                answers.add(threads.submit(() -> {
                    start.await();
                    return api.post("/api/v1/feedback", body, null, "Idempotency-Key", key);
                }));
            }
            start.countDown();
        }

        Set<String> ids = new HashSet<>();
        for (Future<Answer> answer : answers) {
            assertThat(answer.get().status()).as(answer.get().raw().body()).isEqualTo(201);
            ids.add(answer.get().text("id"));
        }
        assertThat(ids).hasSize(1);
        // the identities sealed by the attempts that lost were removed with their items that never were
        assertThat(mongo.getCollection("denouncer_identities").countDocuments()).isEqualTo(identitiesBefore + 1);
        assertThat(mongo.getCollection("denouncer_identities")
                        .countDocuments(new Document("_id", ids.iterator().next())))
                .isEqualTo(1);
    }

    @Test
    void aDenouncersPhoneInTheWrongFormSaysWhatANumberLooksLikeAndNothingIsStored() {
        FeedbackApi api = new FeedbackApi(port);
        String subject = "Tố cáo số điện thoại sai " + UUID.randomUUID();
        String body =
                """
                {"kind":"DENUNCIATION","channel":"WEB","subject":"%s",
                 "content":"Cán bộ thu tiền ngoài biên lai.","category":"land","location":{"communeCode":"19753"},
                 "denouncer":{"fullName":"%s","idNumber":"%s","address":"%s","phone":"0123"}}"""
                        .formatted(subject, NAME, ID_NUMBER, ADDRESS);

        Answer refused = api.post("/api/v1/feedback", body, null);
        assertThat(refused.status()).isEqualTo(400);
        JsonNode error = refused.body().get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo("denouncer.phone");
        assertThat(error.get("message").asString()).contains("di động 10 chữ số", "+84");
        Answer english = api.post("/api/v1/feedback", body, null, "Accept-Language", "en");
        assertThat(english.body().get("errors").get(0).get("message").asString())
                .contains("a mobile number of 10 digits");
        assertThat(mongo.getCollection("feedback").countDocuments(new Document("subject", subject)))
                .isZero();
    }

    @Test
    void theDenouncersIdentityReachesNoEventNoLogNoPageOnlyTheInspector(CapturedOutput output) {
        FeedbackApi api = new FeedbackApi(port);
        String body =
                """
                {"kind":"DENUNCIATION","channel":"WEB","subject":"Tố cáo cán bộ địa chính %s",
                 "content":"Cán bộ địa chính nhận tiền để hợp thức hoá đất lấn chiếm.",
                 "category":"land","location":{"communeCode":"19753"},
                 "denouncer":{"fullName":"%s","idNumber":"%s","address":"%s","phone":"%s"}}"""
                        .formatted(UUID.randomUUID(), NAME, ID_NUMBER, ADDRESS, PHONE);
        Answer receipt = api.post("/api/v1/feedback", body, null);
        assertThat(receipt.status()).as(receipt.raw().body()).isEqualTo(201);
        String id = receipt.text("id");
        var officer = communeOfficer("19753");

        assertThat(api.post("/api/v1/feedback/" + id + "/accept", null, officer).status())
                .isEqualTo(200);
        Answer first = api.post(
                "/api/v1/feedback/" + id + "/extend",
                "{\"complexity\":\"VERY_COMPLEX\",\"reason\":\"Quyết định gia hạn số 1\"}",
                officer);
        assertThat(first.status()).as(first.raw().body()).isEqualTo(200);
        Answer second = api.post(
                "/api/v1/feedback/" + id + "/extend",
                "{\"complexity\":\"VERY_COMPLEX\",\"reason\":\"Quyết định gia hạn số 2\"}",
                officer);
        assertThat(second.status()).as(second.raw().body()).isEqualTo(200);
        Answer third = api.post(
                "/api/v1/feedback/" + id + "/extend",
                "{\"complexity\":\"VERY_COMPLEX\",\"reason\":\"Quyết định gia hạn số 3\"}",
                officer);
        assertThat(third.status()).isEqualTo(422);
        api.post("/api/v1/feedback/" + id + "/assign", "{\"assignee\":\"thanh-tra-2\"}", officer);
        api.post("/api/v1/feedback/" + id + "/answer", "{\"text\":\"Kết luận: có vi phạm.\"}", officer);

        Answer officerView = api.get("/api/v1/feedback/" + id, officer);
        Answer tracking = api.get("/api/v1/feedback/track/" + receipt.text("trackingCode"), null);
        Answer inspector = api.get(
                "/api/v1/feedback/" + id + "/identity?reason=X%C3%A1c%20minh",
                new FeedbackApi.Officer("inspector-1", "46", "INSPECTOR"));
        assertThat(inspector.status()).as(inspector.raw().body()).isEqualTo(200);
        assertThat(inspector.raw().body()).contains(ID_NUMBER);
        assertThat(officerView.body().get("protectedIdentity").asBoolean()).isTrue();

        await().atMost(Duration.ofSeconds(20)).until(() -> recordsOf(id).size() >= 5);
        List<ConsumerRecord<String, byte[]>> all = TopicRecords.readAll(
                TestBackends.get().kafkaBootstrapServers(), "danvan.feedback.v1", Duration.ofSeconds(3));
        assertThat(all).isNotEmpty();
        StringBuilder published = new StringBuilder();
        for (ConsumerRecord<String, byte[]> record : all) {
            published.append(record.key()).append(TopicRecords.value(record));
            for (Header header : record.headers()) {
                published.append(header.key()).append(new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        for (String secret : List.of(NAME, ID_NUMBER, PHONE, ADDRESS, "Bích Ngọc")) {
            assertThat(published.toString()).as("Kafka records").doesNotContain(secret);
            assertThat(output.getAll()).as("log lines").doesNotContain(secret);
            assertThat(officerView.raw().body()).as("officer view").doesNotContain(secret);
            assertThat(tracking.raw().body()).as("tracking page").doesNotContain(secret);
        }
    }

    private List<ConsumerRecord<String, byte[]>> recordsOf(String id) {
        return TopicRecords.readUntil(
                        TestBackends.get().kafkaBootstrapServers(),
                        "danvan.feedback.v1",
                        Duration.ofSeconds(5),
                        rs -> rs.stream().filter(r -> id.equals(r.key())).count() >= 5)
                .stream()
                .filter(r -> id.equals(r.key()))
                .toList();
    }
}
