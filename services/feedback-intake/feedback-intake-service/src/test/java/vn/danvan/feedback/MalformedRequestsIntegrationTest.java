package vn.danvan.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import vn.danvan.feedback.feedback.FeedbackApi;
import vn.danvan.feedback.feedback.FeedbackApi.Answer;
import vn.danvan.kit.test.DanvanIntegrationTest;
import vn.danvan.kit.test.MalformedRequests;
import vn.danvan.kit.test.identity.TestIdentityProvider;

/**
 * Every operation of the service's OpenAPI document, sent what a broken or hostile client sends (bodies that are no
 * JSON, fields of the wrong type or absurd size, path and query values that are no values, control characters in
 * headers, the wrong content types): each answer is a success or a problem, never a 500 or an HTML page, and a
 * rejected request stores nothing.
 */
@DanvanIntegrationTest(properties = "danvan.test.database=feedback_malformed")
@ExtendWith(OutputCaptureExtension.class)
class MalformedRequestsIntegrationTest {

    static final String BA_DINH = "00004"; // Phường Ba Đình, Hà Nội
    static final String HA_NOI = "01";

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @Test
    void everyOperationAnswersBadInputWithAProblemAndStoresNothingOfIt(CapturedOutput output) {
        FeedbackApi api = new FeedbackApi(port);
        String complaint =
                """
                {"kind":"COMPLAINT","channel":"WEB","subject":"Đường thôn 3 hỏng",
                 "content":"Đường thôn 3 bị hỏng nặng sau mưa lũ, xin sửa sớm.","category":"infrastructure",
                 "location":{"communeCode":"%s","address":"Thôn 3","latitude":21.03,"longitude":105.82},
                 "contact":{"name":"Nguyễn Văn An","phone":"0912345678","email":"an@example.vn"}}"""
                        .formatted(BA_DINH);
        Answer item = api.post("/api/v1/feedback", complaint, null);
        assertThat(item.status()).as(item.raw().body()).isEqualTo(201);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String consultation =
                """
                {"title":"Dự thảo Luật sửa đổi","sections":[{"heading":"Chương I","articles":[{"id":"dieu-1",
                 "title":"Điều 1"}]}],"unitCodes":["%s"],"opensAt":"%s","closesAt":"%s"}"""
                        .formatted(HA_NOI, now.minus(1, ChronoUnit.HOURS), now.plus(2, ChronoUnit.DAYS));
        Answer opened = api.post("/api/v1/consultations", consultation, FeedbackApi.provinceOfficer(HA_NOI));
        assertThat(opened.status()).as(opened.raw().body()).isEqualTo(201);
        String trackingCode = item.text("trackingCode");

        long items = mongo.getCollection("feedback").countDocuments();
        long consultations = mongo.getCollection("consultations").countDocuments();
        long comments = mongo.getCollection("consultation_comments").countDocuments();

        TestIdentityProvider identity = TestIdentityProvider.shared();
        MalformedRequests.Sweep sweep = new MalformedRequests(port)
                .as(
                        null,
                        identity.token("tt-hn-07", HA_NOI, "INSPECTOR"),
                        identity.token("province-" + HA_NOI, HA_NOI, "PROVINCE_OFFICER"))
                .pathValue("/api/v1/feedback", "id", item.text("id"))
                .pathValue("/api/v1/feedback", "trackingCode", trackingCode)
                .pathValue("/api/v1/consultations", "id", opened.text("id"))
                .queryValue("reason", "x%C3%A1c+minh")
                .body("POST /api/v1/feedback", complaint)
                .body("POST /api/v1/consultations", consultation)
                .body(
                        "POST /api/v1/consultations/{id}/comments",
                        """
                        {"articleId":"dieu-1","stance":"PROPOSE_CHANGE","text":"Đề nghị bổ sung","communeCode":"%s",
                         "channel":"WEB"}"""
                                .formatted(BA_DINH))
                .body(
                        "POST /api/v1/feedback/{id}/transfer",
                        "{\"toUnit\":\"00007\",\"reason\":\"NOT_COMPETENT\",\"note\":\"đúng thẩm quyền\"}")
                .body("POST /api/v1/feedback/{id}/assign", "{\"assignee\":\"can-bo-1\"}")
                .body("POST /api/v1/feedback/{id}/answer", "{\"text\":\"Đã sửa đường\"}")
                .body("POST /api/v1/feedback/{id}/extend", "{\"complexity\":\"COMPLEX\",\"reason\":\"phức tạp\"}")
                .body("POST /api/v1/feedback/{id}/reject", "{\"reason\":\"OUT_OF_SCOPE\",\"note\":\"n\"}")
                .body(
                        "POST /api/v1/feedback/{id}/rate",
                        "{\"trackingCode\":\"%s\",\"rating\":4}".formatted(trackingCode))
                .body(
                        "POST /api/v1/feedback/{id}/reopen",
                        "{\"trackingCode\":\"%s\",\"reason\":\"chưa thoả đáng\"}".formatted(trackingCode))
                .body(
                        "POST /api/v1/feedback/{id}/withdraw",
                        "{\"trackingCode\":\"%s\",\"reason\":\"đã xong\"}".formatted(trackingCode))
                .run();

        assertThat(sweep.findings())
                .as("answers that are no success and no problem")
                .isEmpty();
        assertThat(sweep.requests()).isGreaterThan(1_500);
        // what was accepted was stored, once; nothing else was
        assertThat(mongo.getCollection("feedback").countDocuments())
                .isEqualTo(items + sweep.acceptedBy("POST /api/v1/feedback"));
        assertThat(mongo.getCollection("consultations").countDocuments())
                .isEqualTo(consultations + sweep.acceptedBy("POST /api/v1/consultations"));
        assertThat(mongo.getCollection("consultation_comments").countDocuments())
                .isEqualTo(comments + sweep.acceptedBy("POST /api/v1/consultations/{id}/comments"));
        assertThat(sweep.acceptedBy("POST /api/v1/feedback")).isPositive();
        assertThat(output.getOut()).doesNotContain("failed: 500");
    }
}
