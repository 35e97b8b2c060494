package vn.danvan.feedback.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.danvan.feedback.feedback.FeedbackApi.communeOfficer;
import static vn.danvan.feedback.feedback.FeedbackApi.provinceOfficer;

import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.web.util.UriUtils;
import tools.jackson.databind.JsonNode;
import vn.danvan.feedback.feedback.FeedbackApi.Answer;
import vn.danvan.kit.events.CloudEventHeaders;
import vn.danvan.kit.test.DanvanIntegrationTest;
import vn.danvan.kit.test.TestBackends;
import vn.danvan.kit.test.TopicRecords;

/**
 * Feedback items end to end against a real broker: every lifecycle path, scope, idempotent submission, deadline
 * alerts, and what reaches the topic.
 */
@DanvanIntegrationTest(
        properties = {
            "danvan.test.database=feedback_lifecycle",
            "danvan.feedback.watch-interval=PT1H",
            // an agency of Huế that a routing rule sends the province's school matters to
            "danvan.units.extra[0].code=" + FeedbackLifecycleIntegrationTest.SCHOOLS_AGENCY,
            "danvan.units.extra[0].name=Sở Giáo dục và Đào tạo thành phố Huế",
            "danvan.units.extra[0].type=AGENCY",
            "danvan.units.extra[0].parent=46",
            "danvan.feedback.routing[0].category=health-education",
            "danvan.feedback.routing[0].province=46",
            "danvan.feedback.routing[0].unit=" + FeedbackLifecycleIntegrationTest.SCHOOLS_AGENCY,
            // Đà Nẵng answers in 5 working days, one of its wards accepts in 2 (the province's time to answer)
            "danvan.feedback.deadlines.service-level.units[0].unit=48",
            "danvan.feedback.deadlines.service-level.units[0].accept.amount=5",
            "danvan.feedback.deadlines.service-level.units[0].accept.unit=WORKING_DAYS",
            "danvan.feedback.deadlines.service-level.units[0].resolve.amount=5",
            "danvan.feedback.deadlines.service-level.units[0].resolve.unit=WORKING_DAYS",
            "danvan.feedback.deadlines.service-level.units[1].unit=" + FeedbackLifecycleIntegrationTest.QUICK_WARD,
            "danvan.feedback.deadlines.service-level.units[1].accept.amount=2",
            "danvan.feedback.deadlines.service-level.units[1].accept.unit=WORKING_DAYS",
            "danvan.feedback.deadlines.remote-units[0]=" + FeedbackLifecycleIntegrationTest.REMOTE_COMMUNE
        })
@Import(TestClock.AtMondayMorning.class)
@ExtendWith(OutputCaptureExtension.class)
class FeedbackLifecycleIntegrationTest {

    static final String PHU_XUAN = "19753"; // Phường Phú Xuân, Huế
    static final String KIM_LONG = "19774"; // Phường Kim Long, Huế
    static final String HUE = "46";
    static final String BA_DINH = "00004"; // Phường Ba Đình, Hà Nội
    static final String TOPIC = "danvan.feedback.v1";
    static final String SCHOOLS_AGENCY = "SGDDT-46";
    static final String DA_NANG_WARD = "20197"; // a ward of Đà Nẵng under the province's service level
    static final String QUICK_WARD = "20194"; // a ward of Đà Nẵng with its own acceptance limit
    static final String REMOTE_COMMUNE = "19918"; // Xã Phú Hồ, Huế: listed as a remote area here

    @LocalServerPort
    int port;

    @Autowired
    TestClock clock;

    @Autowired
    DeadlineWatch watch;

    @Autowired
    MongoTemplate mongo;

    FeedbackApi api;

    @BeforeEach
    void setUp() {
        api = new FeedbackApi(port);
        clock.set(TestClock.MONDAY_MORNING);
    }

    static String complaint(String commune, String subject) {
        return """
                {"kind":"COMPLAINT","channel":"WEB","subject":"%s",
                 "content":"Quyết định thu hồi đất số 12/QĐ-UBND chưa bồi thường đúng diện tích.",
                 "category":"land","location":{"communeCode":"%s","address":"Kiệt 5 Kim Long"},
                 "contact":{"name":"Nguyễn Văn An","phone":"0912345678"}}"""
                .formatted(subject, commune);
    }

    static String report(String commune, String subject) {
        return """
                {"kind":"REPORT","channel":"APP","subject":"%s","content":"Đèn đường hỏng ba tuần nay.",
                 "category":"infrastructure","location":{"communeCode":"%s"}}"""
                .formatted(subject, commune);
    }

    /** A denunciation in Phú Xuân with its denouncer's identity (a unique subject, so it repeats no open item). */
    static String denunciation(String subject, String content, String denouncer, String idNumber) {
        return """
                {"kind":"DENUNCIATION","channel":"APP","subject":"%s %s","content":"%s","category":"land",
                 "location":{"communeCode":"%s"},
                 "denouncer":{"fullName":"%s","idNumber":"%s","address":"Phú Xuân"}}"""
                .formatted(subject, UUID.randomUUID(), content, PHU_XUAN, denouncer, idNumber);
    }

    Answer submit(String json) {
        Answer answer = api.post("/api/v1/feedback", json, null);
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(201);
        return answer;
    }

    @Test
    void aComplaintGoesFromReceiptToARatedAnswerAndEachStepIsPublishedInOrder() {
        Answer receipt = submit(complaint(PHU_XUAN, "Khiếu nại bồi thường " + UUID.randomUUID()));
        String id = receipt.text("id");
        String code = receipt.text("trackingCode");
        assertThat(receipt.raw().headers().firstValue("Location")).hasValue("/api/v1/feedback/" + id);
        assertThat(receipt.text("status")).isEqualTo("RECEIVED");
        // the citizen reads the status in words, as on the tracking page: Vietnamese unless English is preferred
        assertThat(receipt.text("statusLabel")).isEqualTo("đã tiếp nhận");
        assertThat(api.post(
                                "/api/v1/feedback",
                                report(PHU_XUAN, "Đèn đường hỏng " + UUID.randomUUID()),
                                null,
                                "Accept-Language",
                                "en")
                        .text("statusLabel"))
                .isEqualTo("received");
        assertThat(Instant.parse(receipt.text("deadline"))).isAfter(clock.instant());

        var officer = communeOfficer(PHU_XUAN);
        assertThat(api.post("/api/v1/feedback/" + id + "/accept", null, officer).text("status"))
                .isEqualTo("ACCEPTED");
        assertThat(api.post("/api/v1/feedback/" + id + "/assign", "{\"assignee\":\"can-bo-7\"}", officer)
                        .text("status"))
                .isEqualTo("ASSIGNED");
        // the same assignment sent again (a double click): answered alike, recorded and published once
        Answer again = api.post("/api/v1/feedback/" + id + "/assign", "{\"assignee\":\"can-bo-7\"}", officer);
        assertThat(again.text("status")).isEqualTo("ASSIGNED");
        assertThat(again.body()
                        .get("timeline")
                        .valueStream()
                        .filter(entry -> "assign".equals(entry.path("action").asString()))
                        .count())
                .isEqualTo(1);
        assertThat(api.post("/api/v1/feedback/" + id + "/start", null, officer).text("status"))
                .isEqualTo("IN_PROGRESS");
        clock.advance(Duration.ofDays(3));
        // an answer of only zero-width characters would show the citizen nothing: refused as blank, item unchanged
        assertThat(fieldMessage(
                        api.post("/api/v1/feedback/" + id + "/answer", "{\"text\":\"\u200B\u2060\uFEFF\"}", officer),
                        "text"))
                .isEqualTo("không được để trống");
        Answer answered = api.post(
                "/api/v1/feedback/" + id + "/answer", "{\"text\":\"Đã đo đạc lại và bồi thường bổ sung.\"}", officer);
        assertThat(answered.text("status")).isEqualTo("ANSWERED");
        assertThat(api.post("/api/v1/feedback/" + id + "/close", null, officer).text("status"))
                .isEqualTo("CLOSED");
        Answer rated =
                api.post("/api/v1/feedback/" + id + "/rate", "{\"trackingCode\":\"" + code + "\",\"rating\":4}", null);
        assertThat(rated.status()).isEqualTo(200);
        assertThat(rated.body().get("rating").asInt()).isEqualTo(4);
        // a closed item leaves the officer nothing to do: rating and reopening are the citizen's own steps
        assertThat(actions(api.get("/api/v1/feedback/" + id, officer).body().get("allowedActions")))
                .isEmpty();
        Answer ratedAgain =
                api.post("/api/v1/feedback/" + id + "/rate", "{\"trackingCode\":\"" + code + "\",\"rating\":5}", null);
        assertThat(ratedAgain.status()).isEqualTo(409);
        assertThat(ratedAgain.text("code")).isEqualTo("feedback.rate.already-rated");

        List<String> types = eventsOf(id, 6).stream()
                .map(r -> TopicRecords.header(r, CloudEventHeaders.TYPE))
                .toList();
        assertThat(types)
                .containsExactly(
                        "vn.danvan.feedback.FeedbackReceived.v1",
                        "vn.danvan.feedback.FeedbackAccepted.v1",
                        "vn.danvan.feedback.FeedbackAssigned.v1",
                        "vn.danvan.feedback.FeedbackAnswered.v1",
                        "vn.danvan.feedback.FeedbackClosed.v1",
                        "vn.danvan.feedback.FeedbackRated.v1");
        JsonNode answeredEvent =
                FeedbackApi.JSON.readTree(TopicRecords.value(eventsOf(id, 6).get(3)));
        assertThat(answeredEvent.get("onTime").asBoolean()).isTrue();
        assertThat(answeredEvent.get("unitCode").asString()).isEqualTo(PHU_XUAN);
        assertThat(answeredEvent.get("workingDaysTaken").asInt()).isEqualTo(3);
    }

    @Test
    void aComplaintReceivedJustBeforeTetMustBeAcceptedTenWorkingDaysLaterCountingNoneOfTheBreak() {
        clock.set(Instant.parse("2026-02-12T03:00:00Z")); // Thursday 12/2/2026, 10:00 in Huế; Tết break 14-22/2
        Answer receipt = submit(complaint(PHU_XUAN, "Trước Tết " + UUID.randomUUID()));

        // 13/2 (1), break, 23-27/2 (2-6), 2-5/3 (7-10): the end of Thursday 5/3/2026 in Vietnam
        assertThat(Instant.parse(receipt.text("deadline"))).isEqualTo(Instant.parse("2026-03-05T16:59:59Z"));
    }

    @Test
    void aNearRepeatOfAnOpenItemIsFlaggedAndLinkedNeverDroppedAndAnOfficerDecides() {
        String subject = "Rác thải ùn ứ ở chợ Đông Ba " + UUID.randomUUID();
        String text = "Rác thải ùn ứ nhiều ngày ở cổng chợ Đông Ba, bốc mùi, ảnh hưởng người buôn bán và khách.";
        String first =
                """
                {"kind":"REPORT","channel":"WEB","subject":"%s","content":"%s","category":"environment",
                 "location":{"communeCode":"%s"},"contact":{"name":"Hồ Văn Cường","phone":"0905111222"}}"""
                        .formatted(subject, text, PHU_XUAN);
        String original = submit(first).text("id");
        // the same report again, typed without diacritics from the same phone
        String again = first.replace(
                text, "Rac thai un u nhieu ngay o cong cho Dong Ba, boc mui, anh huong nguoi buon ban va khach.");
        Answer repeat = submit(again);

        assertThat(repeat.text("id")).isNotEqualTo(original);
        // the sender is not told that it repeats an open item, nor which: the text of someone else's denunciation,
        // or a text with someone's phone number, would tell whether it exists or whether that phone sent it
        assertThat(repeat.body().has("possibleDuplicate"))
                .as(repeat.raw().body())
                .isFalse();
        assertThat(repeat.raw().body()).doesNotContain(original);
        // nor is a signed-in citizen
        Answer citizens = api.post(
                "/api/v1/feedback",
                again.replace("Rac thai", "Rác thai"),
                new FeedbackApi.Officer("citizen-7", PHU_XUAN, "CITIZEN"));
        assertThat(citizens.status()).as(citizens.raw().body()).isEqualTo(201);
        assertThat(citizens.body().has("possibleDuplicate")).isFalse();
        // an officer entering the same as a letter is told, and sees the link on the item
        Answer letter = api.post("/api/v1/feedback", first.replace("\"WEB\"", "\"LETTER\""), communeOfficer(PHU_XUAN));
        assertThat(letter.status()).as(letter.raw().body()).isEqualTo(201);
        assertThat(letter.body().get("possibleDuplicate").asBoolean()).isTrue();
        assertThat(api.get("/api/v1/feedback/" + citizens.text("id"), communeOfficer(PHU_XUAN))
                        .body()
                        .get("duplicateOf")
                        .get("state")
                        .asString())
                .isEqualTo("FLAGGED");
        Answer view = api.get("/api/v1/feedback/" + repeat.text("id"), communeOfficer(PHU_XUAN));
        assertThat(view.body().get("duplicateOf").get("state").asString()).isEqualTo("FLAGGED");
        JsonNode received = FeedbackApi.JSON.readTree(
                TopicRecords.value(eventsOf(repeat.text("id"), 1).getFirst()));
        assertThat(received.get("duplicateOf").asString()).isEqualTo(original);

        Answer dismissed = api.post(
                "/api/v1/feedback/" + repeat.text("id") + "/duplicate",
                "{\"confirmed\":false}",
                communeOfficer(PHU_XUAN));
        assertThat(dismissed.body().get("duplicateOf").get("state").asString()).isEqualTo("DISMISSED");
        assertThat(api.post(
                                "/api/v1/feedback/" + repeat.text("id") + "/duplicate",
                                "{\"confirmed\":true}",
                                communeOfficer(PHU_XUAN))
                        .status())
                .isEqualTo(409);

        // nor does the tracking page say that officers weighed it as a repeat of another item
        Answer page = api.get("/api/v1/feedback/track/" + repeat.text("trackingCode"), null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.raw().body()).doesNotContain("duplicate").doesNotContain(original);
        assertThat(page.body().get("timeline").valueStream().map(step -> step.get("action")
                        .asString()))
                .containsExactly("receive");

        String unrelated = report(PHU_XUAN, "Đèn đường hỏng " + UUID.randomUUID());
        assertThat(submit(unrelated).body().has("possibleDuplicate")).isFalse();
        Answer unrelatedLetter = api.post(
                "/api/v1/feedback",
                report(PHU_XUAN, "Thư " + UUID.randomUUID()).replace("\"APP\"", "\"LETTER\""),
                communeOfficer(PHU_XUAN));
        assertThat(unrelatedLetter.body().get("possibleDuplicate").asBoolean()).isFalse();
        assertThat(api.get("/v3/api-docs", null).raw().body()).contains("Left out for anonymous and citizen senders");
    }

    @Test
    void anOfficerConfirmingAFlaggedDuplicateKeepsItLinkedAndInTheQueueForItsDecision() {
        String subject = "Nước thải tràn ra đường Lê Lợi " + UUID.randomUUID();
        String text = "Cống trước nhà số 12 Lê Lợi tràn nước thải mỗi khi mưa, mùi hôi, xe máy đi qua bị văng bẩn.";
        String first =
                """
                {"kind":"REPORT","channel":"WEB","subject":"%s","content":"%s","category":"environment",
                 "location":{"communeCode":"%s"},"contact":{"name":"Lê Thị Hoa","phone":"0905333444"}}"""
                        .formatted(subject, text, PHU_XUAN);
        String original = submit(first).text("id");
        String repeat = submit(first.replace(
                        text,
                        "Cong truoc nha so 12 Le Loi tran nuoc thai moi khi mua, mui hoi, xe may di qua bi van"
                                + " ban."))
                .text("id");
        var officer = communeOfficer(PHU_XUAN);

        Answer confirmed = api.post("/api/v1/feedback/" + repeat + "/duplicate", "{\"confirmed\":true}", officer);

        assertThat(confirmed.status()).as(confirmed.raw().body()).isEqualTo(200);
        JsonNode link = confirmed.body().get("duplicateOf");
        assertThat(link.get("state").asString()).isEqualTo("CONFIRMED");
        assertThat(link.get("feedbackId").asString()).isEqualTo(original);
        // confirming records the officer's finding and keeps the link; the item is neither dropped nor closed by it:
        // it waits, as any item received, for the unit's decision (reject as DUPLICATE, or accept)
        assertThat(confirmed.text("status")).isEqualTo("RECEIVED");
        assertThat(actions(confirmed.body().get("allowedActions"))).contains("reject", "accept");
        JsonNode steps = confirmed.body().get("timeline");
        assertThat(steps.get(steps.size() - 1).get("action").asString()).isEqualTo("confirm-duplicate");
        Answer reread = api.get("/api/v1/feedback/" + repeat, officer);
        assertThat(reread.body().get("duplicateOf").get("state").asString()).isEqualTo("CONFIRMED");
        Answer again = api.post("/api/v1/feedback/" + repeat + "/duplicate", "{\"confirmed\":false}", officer);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.text("code")).isEqualTo("feedback.duplicate.nothing-to-decide");
        assertThat(api.get("/api/v1/feedback/" + original, officer).text("status"))
                .isEqualTo("RECEIVED");
    }

    @Test
    void aSubmissionWhoseDuplicateRegistrationTheStoreRefusesIsStillAcceptedStoredAndPublished(CapturedOutput output) {
        // a unique index the new fingerprint cannot satisfy: the store refuses the registration's write
        var fingerprints = mongo.getCollection("duplicate_fingerprints");
        fingerprints.deleteMany(new Document());
        fingerprints.insertOne(new Document("_id", "blocker").append("communeCode", BA_DINH));
        String index = fingerprints.createIndex(
                Indexes.ascending("communeCode"),
                new IndexOptions().unique(true).name("refuses-registrations"));
        try {
            Answer receipt = submit(report(BA_DINH, "Đèn đường hỏng " + UUID.randomUUID()));

            String id = receipt.text("id");
            assertThat(receipt.text("status")).isEqualTo("RECEIVED");
            assertThat(api.get("/api/v1/feedback/" + id, communeOfficer(BA_DINH))
                            .status())
                    .isEqualTo(200);
            assertThat(eventsOf(id, 1)).hasSize(1);
            assertThat(fingerprints.countDocuments(new Document("_id", id))).isZero();
            assertThat(output.getOut()).contains("Feedback " + id + " was stored but not registered");
        } finally {
            fingerprints.dropIndex(index);
            fingerprints.deleteOne(new Document("_id", "blocker"));
        }
    }

    @Test
    void anActionTheStateDoesNotAllowIsA409NamingTheAllowedActions() {
        Answer receipt = submit(report(PHU_XUAN, "Đèn đường " + UUID.randomUUID()));
        String id = receipt.text("id");
        String code = receipt.text("trackingCode");
        Answer refused =
                api.post("/api/v1/feedback/" + id + "/answer", "{\"text\":\"trả lời sớm\"}", communeOfficer(PHU_XUAN));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("type")).isEqualTo("urn:danvan:problem:illegal-transition");
        assertThat(refused.text("currentState")).isEqualTo("RECEIVED");
        assertThat(StreamSupport.stream(refused.body().get("allowed").spliterator(), false)
                        .map(JsonNode::asString))
                .containsExactly("accept", "record-withdrawal", "reject", "transfer");
        // people read the detail: the state and the action in words, the codes stay in the members
        assertThat(refused.text("detail"))
                .contains("“trả lời”", "“đã tiếp nhận”")
                .doesNotContain("RECEIVED");
        // the officer's view offers only the officer's steps: withdrawing is the citizen's (a 403 for staff), recording
        // the citizen's written withdrawal the officer's
        assertThat(actions(api.get("/api/v1/feedback/" + id, communeOfficer(PHU_XUAN))
                        .body()
                        .get("allowedActions")))
                .containsExactly("accept", "record-withdrawal", "reject", "transfer");

        // a citizen's refused step names the citizen's steps, never an officer's
        Answer reopenTooEarly =
                api.post("/api/v1/feedback/" + id + "/reopen", "{\"trackingCode\":\"" + code + "\"}", null);
        assertThat(reopenTooEarly.status()).isEqualTo(409);
        assertThat(StreamSupport.stream(reopenTooEarly.body().get("allowed").spliterator(), false)
                        .map(JsonNode::asString))
                .containsExactly("withdraw");
    }

    @Test
    void aComplaintFoundComplexHasFortyFiveDaysFromAcceptanceAndOnlyComplaintsAndDenunciationsOfferIt() {
        String id = submit(complaint(PHU_XUAN, "Phức tạp " + UUID.randomUUID())).text("id");
        var officer = communeOfficer(PHU_XUAN);
        // not accepted yet: no resolution deadline to extend
        Answer early = api.post(
                "/api/v1/feedback/" + id + "/extend", "{\"complexity\":\"COMPLEX\",\"reason\":\"sớm\"}", officer);
        assertThat(early.status()).as(early.raw().body()).isEqualTo(409);
        assertThat(early.text("type")).isEqualTo("urn:danvan:problem:illegal-transition");
        Answer accepted = api.post("/api/v1/feedback/" + id + "/accept", null, officer);
        // Monday 2/3/2026: 30 days end on Wednesday 1/4
        assertThat(Instant.parse(accepted.text("deadline"))).isEqualTo(Instant.parse("2026-04-01T16:59:59Z"));
        assertThat(allowed(accepted)).contains("extend");

        Answer complex = api.post(
                "/api/v1/feedback/" + id + "/extend",
                "{\"complexity\":\"COMPLEX\",\"reason\":\"Quyết định số 5: vụ việc phức tạp\"}",
                officer);
        assertThat(complex.status()).as(complex.raw().body()).isEqualTo(200);
        // 45 days: Thursday 16/4
        assertThat(Instant.parse(complex.text("deadline"))).isEqualTo(Instant.parse("2026-04-16T16:59:59Z"));
        assertThat(allowed(complex)).doesNotContain("extend");
        Answer again = api.post(
                "/api/v1/feedback/" + id + "/extend", "{\"complexity\":\"COMPLEX\",\"reason\":\"lần nữa\"}", officer);
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.text("code")).isEqualTo("deadline.extensions-exhausted");
        JsonNode extended =
                FeedbackApi.JSON.readTree(TopicRecords.value(eventsOf(id, 3).get(2)));
        assertThat(extended.get("deadline").asString()).isEqualTo("2026-04-16T16:59:59Z");

        String reportId =
                submit(report(PHU_XUAN, "Không gia hạn " + UUID.randomUUID())).text("id");
        Answer report = api.post("/api/v1/feedback/" + reportId + "/accept", null, officer);
        assertThat(allowed(report)).doesNotContain("extend");
        Answer refused = api.post(
                "/api/v1/feedback/" + reportId + "/extend", "{\"complexity\":\"COMPLEX\",\"reason\":\"x\"}", officer);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text("code")).isEqualTo("deadline.not-extendable");
    }

    @Test
    void aReportIsAnsweredWithinThreeWorkingDaysOfItsReceiptAcceptingItStartsNoSecondPeriod() {
        // received Monday 2/3/2026 09:00: three working days end on Thursday 5/3
        Answer receipt = submit(report(PHU_XUAN, "Mức phục vụ " + UUID.randomUUID()));
        assertThat(receipt.text("deadline")).isEqualTo("2026-03-05T16:59:59Z");
        clock.advance(Duration.ofDays(2));
        Answer accepted =
                api.post("/api/v1/feedback/" + receipt.text("id") + "/accept", null, communeOfficer(PHU_XUAN));
        assertThat(accepted.text("deadline")).isEqualTo("2026-03-05T16:59:59Z");

        // nobody owes an answer to a rating of a model: no deadline, never overdue
        Answer assessment = submit(
                """
                {"kind":"MODEL_ASSESSMENT","channel":"WEB","subject":"Đánh giá mô hình %s",
                 "content":"Mô hình hay, nên nhân rộng.","category":"other","location":{"communeCode":"%s"},
                 "modelId":"model-1","modelRating":5}"""
                        .formatted(UUID.randomUUID(), PHU_XUAN));
        assertThat(assessment.body().get("deadline").isNull()).isTrue();
    }

    @Test
    void officersSeeTheTrackingCodeOnlyOfWhatTheyEnteredForACitizen() {
        // the code proves the citizen's own steps (a rating of the officers' answer): a web or app sender keeps it
        String web =
                submit(report(PHU_XUAN, "Mã theo dõi " + UUID.randomUUID())).text("id");
        var officer = communeOfficer(PHU_XUAN);
        String letterJson = report(PHU_XUAN, "Thư gửi " + UUID.randomUUID()).replace("\"APP\"", "\"LETTER\"");
        // a letter is entered by the officer who received it, not through the public form
        Answer fromThePublic = api.post("/api/v1/feedback", letterJson, null);
        assertThat(fromThePublic.status()).isEqualTo(422);
        assertThat(fromThePublic.text("field")).isEqualTo("channel");
        Answer letter = api.post("/api/v1/feedback", letterJson, officer);
        assertThat(letter.status()).as(letter.raw().body()).isEqualTo(201);

        assertThat(api.get("/api/v1/feedback/" + web, officer)
                        .body()
                        .get("trackingCode")
                        .isNull())
                .isTrue();
        assertThat(api.get("/api/v1/feedback/" + letter.text("id"), officer).text("trackingCode"))
                .isEqualTo(letter.text("trackingCode"));
    }

    @Test
    void noOneSignedInWithAStaffRoleTakesTheCitizensOwnStepsThoughOfficersHoldTheCode() {
        var officer = communeOfficer(PHU_XUAN);
        // a denunciation of the ward's own officers, received on paper and imported by the ward it is about
        String csv = String.join(
                "\n",
                "kind,subject,content,category,communeCode,denouncerName,denouncerIdNumber,denouncerAddress",
                "DENUNCIATION,Tố cáo cán bộ phường " + UUID.randomUUID()
                        + ",Cán bộ phường thu tiền ngoài biên lai,land," + PHU_XUAN
                        + ",Hoàng Văn Dũng,046199007777,Phú Xuân");
        Answer imported =
                api.upload("/api/v1/feedback/imports", "to-cao.csv", csv.getBytes(StandardCharsets.UTF_8), officer);
        assertThat(imported.status()).as(imported.raw().body()).isEqualTo(201);
        JsonNode row = imported.body().get("letters").get(0);
        String id = row.get("feedbackId").asString();
        String code = row.get("trackingCode").asString();

        // the officer holds the code (to send it to the denouncer), and may not withdraw the denunciation with it
        String withdrawal = "{\"trackingCode\":\"" + code + "\",\"reason\":\"đã giải quyết xong\"}";
        Answer withdrawn = api.post("/api/v1/feedback/" + id + "/withdraw", withdrawal, officer);
        assertThat(withdrawn.status()).as(withdrawn.raw().body()).isEqualTo(403);
        assertThat(withdrawn.raw().headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(withdrawn.text("type")).isEqualTo("urn:danvan:problem:forbidden");
        assertThat(withdrawn.text("code")).isEqualTo("feedback.citizen-action.staff-forbidden");
        assertThat(withdrawn.text("title")).isEqualTo("Không có quyền");
        assertThat(withdrawn.text("detail"))
                .startsWith("Đánh giá, yêu cầu giải quyết lại và rút đơn là thao tác của chính người dân");
        assertThat(withdrawn.text("instance")).isEqualTo("/api/v1/feedback/" + id + "/withdraw");
        Answer inEnglish =
                api.post("/api/v1/feedback/" + id + "/withdraw", withdrawal, officer, "Accept-Language", "en");
        assertThat(inEnglish.text("detail"))
                .startsWith("Rating, reopening and withdrawing are the citizen's own steps");
        assertThat(inEnglish.raw().headers().firstValue("Content-Language")).hasValue("en");

        JsonNode item = api.get("/api/v1/feedback/" + id, officer).body();
        assertThat(item.get("status").asString()).isEqualTo("RECEIVED");
        // received by the officer who imported it, not by the citizen; and nothing else happened to it
        assertThat(item.get("timeline")
                        .valueStream()
                        .map(step -> step.get("actor").asString() + " "
                                + step.get("action").asString()))
                .containsExactly(officer.id() + " receive");
        // the public page names no officer
        Answer page = api.get("/api/v1/feedback/track/" + code, null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.raw().body()).doesNotContain(officer.id()).doesNotContain("actor");

        // a letter the officer entered and answered: no staff role rates, reopens or withdraws it
        Answer letter = api.post(
                "/api/v1/feedback",
                complaint(PHU_XUAN, "Thư khiếu nại " + UUID.randomUUID()).replace("\"WEB\"", "\"LETTER\""),
                officer);
        assertThat(letter.status()).as(letter.raw().body()).isEqualTo(201);
        String letterId = letter.text("id");
        String letterCode = letter.text("trackingCode");
        api.post("/api/v1/feedback/" + letterId + "/accept", null, officer);
        api.post("/api/v1/feedback/" + letterId + "/assign", "{\"assignee\":\"can-bo-7\"}", officer);
        assertThat(api.post("/api/v1/feedback/" + letterId + "/answer", "{\"text\":\"Đã đo đạc lại.\"}", officer)
                        .text("status"))
                .isEqualTo("ANSWERED");
        String rating = "{\"trackingCode\":\"" + letterCode + "\",\"rating\":5}";
        String step = "{\"trackingCode\":\"" + letterCode + "\",\"reason\":\"chưa thoả đáng\"}";
        for (var staff : List.of(
                officer,
                provinceOfficer(HUE),
                new FeedbackApi.Officer("tt-46", HUE, "INSPECTOR"),
                new FeedbackApi.Officer("admin-46", HUE, "ADMIN"),
                new FeedbackApi.Officer("bcd-46", HUE, "STEERING_COMMITTEE"),
                // a staff role beside the citizen's is still a staff role
                new FeedbackApi.Officer("both-1", PHU_XUAN, "CITIZEN,COMMUNE_OFFICER"))) {
            for (String action : List.of("rate", "reopen", "withdraw")) {
                Answer refused = api.post(
                        "/api/v1/feedback/" + letterId + "/" + action, action.equals("rate") ? rating : step, staff);
                assertThat(refused.status()).as(staff + " " + action).isEqualTo(403);
                assertThat(refused.text("code")).isEqualTo("feedback.citizen-action.staff-forbidden");
            }
        }
        JsonNode answered = api.get("/api/v1/feedback/" + letterId, officer).body();
        assertThat(answered.get("status").asString()).isEqualTo("ANSWERED");
        assertThat(answered.get("rating").isNull()).isTrue();
        assertThat(answered.get("timeline").get(0).get("actor").asString()).isEqualTo(officer.id());

        // nor does anyone without a token, or signed in as a citizen: the code went through the officer's hands, so it
        // proves no one is the citizen (an officer would just leave the token out)
        for (var anyone : java.util.Arrays.asList(null, new FeedbackApi.Officer("citizen-9", PHU_XUAN, "CITIZEN"))) {
            for (String action : List.of("rate", "withdraw")) {
                Answer refused = api.post(
                        "/api/v1/feedback/" + letterId + "/" + action, action.equals("rate") ? rating : step, anyone);
                assertThat(refused.status()).as(anyone + " " + action).isEqualTo(403);
                assertThat(refused.text("code")).isEqualTo("feedback.citizen-action.code-known-to-staff");
            }
        }
        assertThat(api.get("/api/v1/feedback/" + letterId, officer)
                        .body()
                        .get("rating")
                        .isNull())
                .isTrue();
        // the code still reopens (the citizen's remedy; no officer gains by it): a complaint's second time is the
        // province's (the commune's officer no longer sees it)
        assertThat(api.post("/api/v1/feedback/" + letterId + "/reopen", step, null)
                        .text("status"))
                .isEqualTo("TRANSFERRED");
        assertThat(api.get("/api/v1/feedback/" + letterId, provinceOfficer(HUE))
                        .body()
                        .get("timeline")
                        .valueStream()
                        .filter(e -> List.of("rate", "reopen", "withdraw")
                                .contains(e.get("action").asString()))
                        .map(e -> e.get("actor").asString()))
                .containsExactly("citizen");
        // the API document says so
        assertThat(api.get("/v3/api-docs", null).raw().body()).contains("feedback.citizen-action.staff-forbidden");
    }

    @Test
    void timesOutsideThePlatformsYearsAndControlCharactersInSearchedWordsAreRefusedNamingTheParameter() {
        var officer = communeOfficer(PHU_XUAN);
        // past the store's dates: converting it for the query was a 500
        String fromMessage =
                fieldMessage(api.get("/api/v1/feedback?from=%2B999999999-01-01T00:00:00Z", officer), "from");
        assertThat(fromMessage).isEqualTo("phải trong khoảng từ năm 2000 đến hết năm 2100");
        assertThat(fieldMessage(
                        api.get("/api/v1/feedback?to=1999-12-31T23:59:59Z", officer, "Accept-Language", "en"), "to"))
                .isEqualTo("must be within the years 2000 to 2100");
        assertThat(fieldMessage(api.get("/api/v1/feedback?to=-999999999-01-01T00:00:00Z", officer), "to"))
                .isNotBlank();
        assertThat(api.get("/api/v1/feedback?from=2000-01-01T00:00:00Z&to=2100-12-31T23:59:59Z", officer)
                        .status())
                .isEqualTo(200);
        // an officer types a day where a time is asked for: the answer says how to write it
        Answer day = api.get("/api/v1/feedback?from=2026-12-01", officer);
        assertThat(day.status()).isEqualTo(400);
        assertThat(day.text("field")).isEqualTo("from");
        assertThat(day.text("detail")).contains("“from”", "2026-12-01T00:00:00+07:00");
        // a NUL in a regular expression is refused by MongoDB (a 500); no one searches for a line break either
        for (String text : List.of("%00", "%C4%91%C3%A8n%00", "a%0Ab", "%09")) {
            assertThat(fieldMessage(api.get("/api/v1/feedback?text=" + text, officer), "text"))
                    .as(text)
                    .isEqualTo("không được chứa ký tự điều khiển (ký tự NUL, xuống dòng, tab)");
        }
        assertThat(api.get("/api/v1/feedback?text=%C4%91%C3%A8n%20%C4%91%C6%B0%E1%BB%9Dng", officer)
                        .status())
                .isEqualTo(200);

        // a complaint's day of knowing the decision: decades back is a complaint all the same, before 1945 a typo
        long before = mongo.getCollection("feedback").countDocuments();
        assertThat(fieldMessage(
                        api.post(
                                "/api/v1/feedback",
                                knownOn(complaint(PHU_XUAN, "Năm sai " + UUID.randomUUID()), "1944-12-31"),
                                null),
                        "decisionKnownOn"))
                .isEqualTo("phải trong khoảng từ năm 1945 đến hết năm 2100");
        assertThat(fieldMessage(
                        api.post(
                                "/api/v1/feedback",
                                knownOn(complaint(PHU_XUAN, "Năm sai " + UUID.randomUUID()), "2101-01-01"),
                                null),
                        "decisionKnownOn"))
                .isNotBlank();
        assertThat(mongo.getCollection("feedback").countDocuments()).isEqualTo(before);
        Answer old = api.post(
                "/api/v1/feedback", knownOn(complaint(PHU_XUAN, "Đất 1995 " + UUID.randomUUID()), "1995-06-01"), null);
        assertThat(old.status()).as(old.raw().body()).isEqualTo(201);
    }

    @Test
    void aReopenedComplaintBecomesASecondTimeComplaintAtTheProvinceWithTheSecondTimeLimits() {
        Answer receipt = submit(complaint(PHU_XUAN, "Khiếu nại lần hai " + UUID.randomUUID()));
        String id = receipt.text("id");
        String step = "{\"trackingCode\":\"" + receipt.text("trackingCode") + "\",\"reason\":\"Không đồng ý\"}";
        var commune = communeOfficer(PHU_XUAN);
        var province = provinceOfficer(HUE);
        api.post("/api/v1/feedback/" + id + "/accept", null, commune);
        api.post("/api/v1/feedback/" + id + "/assign", "{\"assignee\":\"can-bo-xa\"}", commune);
        api.post("/api/v1/feedback/" + id + "/answer", "{\"text\":\"Quyết định giải quyết lần đầu.\"}", commune);

        clock.advance(Duration.ofDays(3)); // Thursday 5/3/2026
        Answer reopened = api.post("/api/v1/feedback/" + id + "/reopen", step, null);

        assertThat(reopened.status()).as(reopened.raw().body()).isEqualTo(200);
        // Luật Khiếu nại 2011, Art. 7, 33, 36: the commune's direct superior must accept it within 10 working days
        // (Friday 6/3, 9-13/3, 16-19/3: Thursday 19/3)
        assertThat(reopened.text("status")).isEqualTo("TRANSFERRED");
        assertThat(reopened.text("responsibleUnit")).isEqualTo(HUE);
        assertThat(reopened.text("responsibleUnitName")).isEqualTo("Thành phố Huế");
        assertThat(reopened.text("deadline")).isEqualTo("2026-03-19T16:59:59Z");
        assertThat(reopened.body().get("timeline").valueStream().map(e -> e.get("action")
                        .asString()))
                .endsWith("answer", "reopen", "escalate");
        // the commune no longer sees it; the province does, awaiting its acceptance, nothing of the first round left
        assertThat(api.get("/api/v1/feedback/" + id, commune).status()).isEqualTo(404);
        Answer atProvince = api.get("/api/v1/feedback/" + id, province);
        assertThat(atProvince.text("responsibleUnit")).isEqualTo(HUE);
        assertThat(allowed(atProvince)).containsExactlyInAnyOrder("accept", "record-withdrawal", "reject", "transfer");
        // it came within the reopening window: the province cannot refuse it as filed too late
        Answer late = api.post("/api/v1/feedback/" + id + "/reject", "{\"reason\":\"TIME_LIMIT_PASSED\"}", province);
        assertThat(late.status()).isEqualTo(422);
        assertThat(late.text("field")).isEqualTo("reason");
        assertThat(atProvince.text("assignee")).isNull();
        assertThat(atProvince.text("resolveBy")).isNull();
        JsonNode timeline = atProvince.body().get("timeline");
        JsonNode escalation = timeline.get(timeline.size() - 1);
        assertThat(escalation.get("actor").asString()).isEqualTo("system");
        assertThat(escalation.get("reason").asString()).isEqualTo("REOPENED_TO_SUPERIOR");
        assertThat(escalation.get("fromStatus").asString()).isEqualTo("REOPENED");
        assertThat(escalation.get("toStatus").asString()).isEqualTo("TRANSFERRED");

        // accepted Monday 9/3: a second-time complaint's 45 days (Thursday 23/4), not the first time's 30 (8/4)
        clock.advance(Duration.ofDays(4));
        Answer accepted = api.post("/api/v1/feedback/" + id + "/accept", null, province);
        assertThat(accepted.text("deadline")).isEqualTo("2026-04-23T16:59:59Z");
        assertThat(allowed(accepted)).contains("extend");
        // found complex there: a second-time complex complaint's 60 days (Friday 8/5)
        assertThat(api.post(
                                "/api/v1/feedback/" + id + "/extend",
                                "{\"complexity\":\"COMPLEX\",\"reason\":\"Quyết định: vụ việc phức tạp\"}",
                                province)
                        .text("deadline"))
                .isEqualTo("2026-05-08T16:59:59Z");

        List<ConsumerRecord<String, byte[]>> records = eventsOf(id, 8);
        assertThat(records)
                .extracting(r -> TopicRecords.header(r, CloudEventHeaders.TYPE))
                .containsExactly(
                        "vn.danvan.feedback.FeedbackReceived.v1",
                        "vn.danvan.feedback.FeedbackAccepted.v1",
                        "vn.danvan.feedback.FeedbackAssigned.v1",
                        "vn.danvan.feedback.FeedbackAnswered.v1",
                        "vn.danvan.feedback.FeedbackReopened.v1",
                        "vn.danvan.feedback.FeedbackTransferred.v1",
                        "vn.danvan.feedback.FeedbackAccepted.v1",
                        "vn.danvan.feedback.FeedbackDeadlineExtended.v1");
        JsonNode reopenedEvent = FeedbackApi.JSON.readTree(TopicRecords.value(records.get(4)));
        assertThat(reopenedEvent.get("unitCode").asString()).isEqualTo(PHU_XUAN);
        assertThat(reopenedEvent.get("deadline").asString()).isEqualTo("2026-03-19T16:59:59Z");
        JsonNode transferred = FeedbackApi.JSON.readTree(TopicRecords.value(records.get(5)));
        assertThat(transferred.get("fromUnitCode").asString()).isEqualTo(PHU_XUAN);
        assertThat(transferred.get("toUnitCode").asString()).isEqualTo(HUE);
        assertThat(transferred.get("reason").asString()).isEqualTo("REOPENED_TO_SUPERIOR");
        assertThat(transferred.get("deadline").asString()).isEqualTo("2026-03-19T16:59:59Z");
        JsonNode acceptedEvent = FeedbackApi.JSON.readTree(TopicRecords.value(records.get(6)));
        assertThat(acceptedEvent.get("unitCode").asString()).isEqualTo(HUE);
        assertThat(acceptedEvent.get("deadline").asString()).isEqualTo("2026-04-23T16:59:59Z");

        // the second-time answer is the last administrative step: the next is a lawsuit (Art. 7), not a third round
        api.post("/api/v1/feedback/" + id + "/assign", "{\"assignee\":\"thanh-tra-tinh\"}", province);
        Answer second = api.post("/api/v1/feedback/" + id + "/answer", "{\"text\":\"Quyết định lần hai.\"}", province);
        assertThat(second.text("status")).isEqualTo("ANSWERED");
        Answer third = api.post("/api/v1/feedback/" + id + "/reopen", step, null);
        assertThat(third.status()).isEqualTo(409);
        assertThat(third.text("code")).isEqualTo("feedback.reopen.second-time-final");
        // and a citizen's refused step does not offer it either
        Answer withdrawn = api.post("/api/v1/feedback/" + id + "/withdraw", step, null);
        assertThat(withdrawn.status()).isEqualTo(409);
        assertThat(withdrawn.body().get("allowed").valueStream().map(JsonNode::asString))
                .doesNotContain("reopen");
        assertThat(third.text("detail")).contains("khởi kiện");
    }

    @Test
    void aReopenedComplaintOfARemoteCommuneHasTheRemoteSecondTimeLimitAtTheProvince() {
        Answer receipt = submit(complaint(REMOTE_COMMUNE, "Vùng sâu " + UUID.randomUUID()));
        String id = receipt.text("id");
        var commune = communeOfficer(REMOTE_COMMUNE);
        api.post("/api/v1/feedback/" + id + "/accept", null, commune);
        api.post("/api/v1/feedback/" + id + "/assign", "{\"assignee\":\"a\"}", commune);
        api.post("/api/v1/feedback/" + id + "/answer", "{\"text\":\"Lần đầu.\"}", commune);
        api.post(
                "/api/v1/feedback/" + id + "/reopen",
                "{\"trackingCode\":\"" + receipt.text("trackingCode") + "\"}",
                null);

        // accepted by the province Monday 2/3: 60 days for a second-time complaint in a remote area end on Friday
        // 1/5, a holiday, so Monday 4/5
        Answer accepted = api.post("/api/v1/feedback/" + id + "/accept", null, provinceOfficer(HUE));
        assertThat(accepted.status()).as(accepted.raw().body()).isEqualTo(200);
        assertThat(accepted.text("responsibleUnit")).isEqualTo(HUE);
        assertThat(accepted.text("deadline")).isEqualTo("2026-05-04T16:59:59Z");
    }

    @Test
    void aComplaintOfAnAgencyWithNoSuperiorOnThePlatformStaysThereForItsSecondTime() {
        String json =
                """
                {"kind":"COMPLAINT","channel":"WEB","subject":"Trường học %s","content":"Quyết định kỷ luật giáo viên.",
                 "category":"health-education","location":{"communeCode":"%s"},
                 "contact":{"name":"Trần Thị Bình","phone":"0912000111"}}"""
                        .formatted(UUID.randomUUID(), PHU_XUAN);
        Answer receipt = submit(json);
        String id = receipt.text("id");
        var officer = provinceOfficer(HUE);
        api.post("/api/v1/feedback/" + id + "/accept", null, officer);
        api.post("/api/v1/feedback/" + id + "/assign", "{\"assignee\":\"a\"}", officer);
        api.post("/api/v1/feedback/" + id + "/answer", "{\"text\":\"Lần đầu.\"}", officer);

        Answer reopened = api.post(
                "/api/v1/feedback/" + id + "/reopen",
                "{\"trackingCode\":\"" + receipt.text("trackingCode") + "\"}",
                null);

        // reopened where it is, with the second time's 45 days from Monday 2/3: Thursday 16/4
        assertThat(reopened.text("status")).isEqualTo("REOPENED");
        assertThat(reopened.text("responsibleUnit")).isEqualTo(SCHOOLS_AGENCY);
        assertThat(reopened.text("deadline")).isEqualTo("2026-04-16T16:59:59Z");
        assertThat(eventsOf(id, 5))
                .extracting(r -> TopicRecords.header(r, CloudEventHeaders.TYPE))
                .doesNotContain("vn.danvan.feedback.FeedbackTransferred.v1")
                .endsWith("vn.danvan.feedback.FeedbackReopened.v1");
    }

    @Test
    void aReopenedDenunciationIsDenouncedAgainAtTheProvinceWithItsExtensionsCountedAfreshThere() {
        String id = submit(denunciation(
                        "Tố cáo vòng mới", "Cán bộ thu tiền ngoài biên lai.", "Lê Văn Tâm", "046199005678"))
                .text("id");
        var officer = communeOfficer(PHU_XUAN);
        var province = provinceOfficer(HUE);
        String veryComplex = "{\"complexity\":\"VERY_COMPLEX\",\"reason\":\"Quyết định gia hạn\"}";
        // accepted Monday 2/3: 30 days, then 60 (1/5 is a holiday: Monday 4/5), then 90 (Sunday 31/5: Monday 1/6)
        assertThat(api.post("/api/v1/feedback/" + id + "/accept", null, officer).text("deadline"))
                .isEqualTo("2026-04-01T16:59:59Z");
        assertThat(api.post("/api/v1/feedback/" + id + "/extend", veryComplex, officer)
                        .text("deadline"))
                .isEqualTo("2026-05-04T16:59:59Z");
        Answer twice = api.post("/api/v1/feedback/" + id + "/extend", veryComplex, officer);
        assertThat(twice.text("deadline")).isEqualTo("2026-06-01T16:59:59Z");
        assertThat(allowed(twice)).doesNotContain("extend");
        api.post("/api/v1/feedback/" + id + "/assign", "{\"assignee\":\"tt\"}", officer);
        api.post("/api/v1/feedback/" + id + "/answer", "{\"text\":\"Kết luận nội dung tố cáo.\"}", officer);
        String code = mongo.getCollection("feedback")
                .find(new Document("_id", id))
                .first()
                .getString("trackingCode");

        clock.advance(Duration.ofDays(10)); // Thursday 12/3
        Answer reopened = api.post(
                "/api/v1/feedback/" + id + "/reopen",
                "{\"trackingCode\":\"" + code + "\",\"reason\":\"Chưa xem xét hết\"}",
                null);
        assertThat(reopened.status()).as(reopened.raw().body()).isEqualTo(200);
        // tố cáo tiếp (Luật Tố cáo 2018, Art. 37): to the province, which accepts it within 7 working days (Fri 13/3,
        // 16-20/3, Monday 23/3)
        assertThat(reopened.text("status")).isEqualTo("TRANSFERRED");
        assertThat(reopened.text("deadline")).isEqualTo("2026-03-23T16:59:59Z");
        assertThat(api.get("/api/v1/feedback/" + id, officer).status()).isEqualTo(404);
        Answer view = api.get("/api/v1/feedback/" + id, province);
        assertThat(view.text("responsibleUnit")).isEqualTo(HUE);
        assertThat(view.body().get("extensions").asInt()).isZero();
        // its own decisions: even the acceptance limit for verification at several places is the province's to take
        assertThat(allowed(view)).contains("accept", "extend");
        // the history stays: the commune's two extensions, its answer, the reopening and why it moved
        assertThat(view.body().get("timeline").valueStream().map(e -> e.get("action")
                        .asString()))
                .containsExactly("receive", "accept", "extend", "extend", "assign", "answer", "reopen", "escalate");

        // accepted the same day: 30 days (Saturday 11/4, so Monday 13/4), extended from there (60 days: Monday 11/5)
        assertThat(api.post("/api/v1/feedback/" + id + "/accept", null, province)
                        .text("deadline"))
                .isEqualTo("2026-04-13T16:59:59Z");
        Answer extended = api.post(
                "/api/v1/feedback/" + id + "/extend", "{\"complexity\":\"COMPLEX\",\"reason\":\"Vòng mới\"}", province);
        assertThat(extended.text("deadline")).isEqualTo("2026-05-11T16:59:59Z");
        assertThat(extended.body().get("extensions").asInt()).isEqualTo(1);

        List<ConsumerRecord<String, byte[]>> records = eventsOf(id, 10);
        assertThat(records.subList(6, 10))
                .extracting(r -> TopicRecords.header(r, CloudEventHeaders.TYPE))
                .containsExactly(
                        "vn.danvan.feedback.FeedbackReopened.v1",
                        "vn.danvan.feedback.FeedbackTransferred.v1",
                        "vn.danvan.feedback.FeedbackAccepted.v1",
                        "vn.danvan.feedback.FeedbackDeadlineExtended.v1");
        JsonNode transferred = FeedbackApi.JSON.readTree(TopicRecords.value(records.get(7)));
        assertThat(transferred.get("fromUnitCode").asString()).isEqualTo(PHU_XUAN);
        assertThat(transferred.get("toUnitCode").asString()).isEqualTo(HUE);
        assertThat(transferred.get("reason").asString()).isEqualTo("REOPENED_TO_SUPERIOR");
        JsonNode extension = FeedbackApi.JSON.readTree(TopicRecords.value(records.get(9)));
        assertThat(extension.get("unitCode").asString()).isEqualTo(HUE);
        assertThat(extension.get("extension").asInt()).isEqualTo(1);
    }

    @Test
    void anItemEnteredByStaffIsWithdrawnOnlyByAnOfficerRecordingTheCitizensWrittenRequestUnderTheirOwnName() {
        var officer = communeOfficer(PHU_XUAN);
        // a denunciation received at the ward's reception desk: the officer holds its code to hand it over
        Answer received = api.post(
                "/api/v1/feedback",
                denunciation("Tố cáo tại trụ sở", "Cán bộ địa chính nhận tiền.", "Lý Văn Tâm", "046199001234")
                        .replace("\"APP\"", "\"RECEPTION\""),
                officer);
        assertThat(received.status()).as(received.raw().body()).isEqualTo(201);
        String id = received.text("id");
        String code = received.text("trackingCode");

        // leaving the token out changes nothing: 403, in the caller's language, and nothing happens to the item
        String withdrawal = "{\"trackingCode\":\"" + code + "\",\"reason\":\"xin rút\"}";
        Answer refused = api.post("/api/v1/feedback/" + id + "/withdraw", withdrawal, null);
        assertThat(refused.status()).as(refused.raw().body()).isEqualTo(403);
        assertThat(refused.text("type")).isEqualTo("urn:danvan:problem:forbidden");
        assertThat(refused.text("code")).isEqualTo("feedback.citizen-action.code-known-to-staff");
        assertThat(refused.text("detail"))
                .startsWith("Đơn này được cán bộ tiếp nhận thay người dân")
                .contains("gửi đơn rút bằng văn bản");
        assertThat(api.post("/api/v1/feedback/" + id + "/withdraw", withdrawal, null, "Accept-Language", "en")
                        .text("detail"))
                .startsWith("This item was entered by staff for the citizen");
        assertThat(api.get("/api/v1/feedback/track/" + code, null).text("status"))
                .isEqualTo("RECEIVED");
        // a wrong code is still a 404: the 403 says nothing to someone guessing
        assertThat(api.post(
                                "/api/v1/feedback/" + id + "/withdraw",
                                withdrawal.replace(code, received.text("id").substring(0, 8)),
                                null)
                        .status())
                .isIn(400, 404);

        // the written request, recorded by an officer in scope: required, and the step is the officer's
        Answer noRequest =
                api.post("/api/v1/feedback/" + id + "/record-withdrawal", "{\"reason\":\"xin rút\"}", officer);
        assertThat(noRequest.status()).as(noRequest.raw().body()).isEqualTo(400);
        assertThat(api.post(
                                "/api/v1/feedback/" + id + "/record-withdrawal",
                                "{\"request\":\"Đơn rút ngày 05/12/2026\"}",
                                communeOfficer(BA_DINH))
                        .status())
                .isEqualTo(404);
        assertThat(allowed(api.get("/api/v1/feedback/" + id, officer))).contains("record-withdrawal");
        Answer recorded = api.post(
                "/api/v1/feedback/" + id + "/record-withdrawal",
                "{\"reason\":\"Đã được giải thích\",\"request\":\"Đơn rút tố cáo ngày 05/12/2026, có chữ ký\"}",
                officer);
        assertThat(recorded.status()).as(recorded.raw().body()).isEqualTo(200);
        assertThat(recorded.text("status")).isEqualTo("WITHDRAWN");
        JsonNode last = recorded.body()
                .get("timeline")
                .get(recorded.body().get("timeline").size() - 1);
        assertThat(last.get("actor").asString()).isEqualTo(officer.id());
        assertThat(last.get("action").asString()).isEqualTo("withdraw");
        assertThat(last.get("note").asString()).isEqualTo("Đơn rút tố cáo ngày 05/12/2026, có chữ ký");
        assertThat(eventsOf(id, 2))
                .extracting(r -> TopicRecords.header(r, CloudEventHeaders.TYPE))
                .containsExactly("vn.danvan.feedback.FeedbackReceived.v1", "vn.danvan.feedback.FeedbackWithdrawn.v1");
        assertThat(api.post(
                                "/api/v1/feedback/" + id + "/record-withdrawal",
                                "{\"request\":\"Đơn rút lần hai\"}",
                                officer)
                        .status())
                .isEqualTo(409);

        // an item the citizen sent themselves keeps its online withdrawal
        Answer own = submit(report(PHU_XUAN, "Tự gửi " + UUID.randomUUID()));
        assertThat(api.post(
                                "/api/v1/feedback/" + own.text("id") + "/withdraw",
                                "{\"trackingCode\":\"" + own.text("trackingCode") + "\"}",
                                null)
                        .text("status"))
                .isEqualTo("WITHDRAWN");
    }

    @Test
    void aDenunciationIsNeverLinkedToANamedItemWithTheSameWordsOnlyToOtherDenunciations() {
        var officer = communeOfficer(PHU_XUAN);
        String text = "Cán bộ địa chính phường nhận tiền để hợp thức hoá đất lấn chiếm ở kiệt 12 " + UUID.randomUUID();
        String named =
                """
                {"kind":"REPORT","channel":"WEB","subject":"Đất lấn chiếm","content":"%s","category":"land",
                 "location":{"communeCode":"%s"},"contact":{"name":"Trương Văn Mạnh","phone":"0905777888"}}"""
                        .formatted(text, PHU_XUAN);
        String report = submit(named).text("id");
        String denounced =
                """
                {"kind":"DENUNCIATION","channel":"WEB","subject":"Đất lấn chiếm","content":"%s","category":"land",
                 "location":{"communeCode":"%s"},
                 "denouncer":{"fullName":"Trương Văn Mạnh","address":"Phú Xuân"}}"""
                        .formatted(text, PHU_XUAN);

        // the same words in the same ward: a link would point the ward's officers from the denunciation to a name
        String first = submit(denounced).text("id");
        assertThat(api.get("/api/v1/feedback/" + first, officer)
                        .body()
                        .get("duplicateOf")
                        .isNull())
                .isTrue();
        assertThat(FeedbackApi.JSON
                        .readTree(TopicRecords.value(eventsOf(first, 1).getFirst()))
                        .path("duplicateOf")
                        .isNull())
                .isTrue();
        // nor the other way round
        String later = submit(named.replace("0905777888", "0905777999")).text("id");
        assertThat(api.get("/api/v1/feedback/" + later, officer)
                        .body()
                        .get("duplicateOf")
                        .get("feedbackId")
                        .asString())
                .isEqualTo(report);
        // the same act denounced twice is still found
        String second = submit(denounced).text("id");
        assertThat(api.get("/api/v1/feedback/" + second, officer)
                        .body()
                        .get("duplicateOf")
                        .get("feedbackId")
                        .asString())
                .isEqualTo(first);
    }

    @Test
    void anOfficerEntersOnlyWhatConcernsTheirOwnUnit() {
        long before = mongo.getCollection("feedback").countDocuments();
        Answer elsewhere = api.post(
                "/api/v1/feedback",
                report(BA_DINH, "Thư về phường khác " + UUID.randomUUID()).replace("\"APP\"", "\"LETTER\""),
                communeOfficer(PHU_XUAN));
        assertThat(elsewhere.status()).as(elsewhere.raw().body()).isEqualTo(422);
        assertThat(elsewhere.text("field")).isEqualTo("location.communeCode");
        assertThat(elsewhere.text("detail")).startsWith("Xã/phường này ngoài phạm vi đơn vị của cán bộ tiếp nhận");
        assertThat(mongo.getCollection("feedback").countDocuments()).isEqualTo(before);
        // the province's officer enters it for any of its communes; the citizen sends it from anywhere
        assertThat(api.post(
                                "/api/v1/feedback",
                                report(PHU_XUAN, "Thư của tỉnh " + UUID.randomUUID())
                                        .replace("\"APP\"", "\"HOTLINE\""),
                                provinceOfficer(HUE))
                        .status())
                .isEqualTo(201);
        assertThat(submit(report(BA_DINH, "Công dân gửi " + UUID.randomUUID())).status())
                .isEqualTo(201);
    }

    @Test
    void aDenouncersWithdrawalOfAnAcceptedDenunciationIsTheResolversToDecide() {
        Answer receipt =
                submit(denunciation("Tố cáo rút", "Cán bộ nhận tiền ngoài biên lai.", "Đỗ Văn Hùng", "046199007777"));
        String id = receipt.text("id");
        String step = "{\"trackingCode\":\"" + receipt.text("trackingCode") + "\",\"reason\":\"Xin rút\"}";
        var officer = communeOfficer(PHU_XUAN);
        api.post("/api/v1/feedback/" + id + "/accept", null, officer);

        // Luật Tố cáo 2018, Art. 33: recorded, not ended; the resolver may go on
        Answer requested = api.post("/api/v1/feedback/" + id + "/withdraw", step, null);
        assertThat(requested.status()).isEqualTo(200);
        assertThat(requested.text("status")).isEqualTo("ACCEPTED");
        assertThat(requested.body().get("withdrawalRequested").asBoolean()).isTrue();
        assertThat(allowed(api.get("/api/v1/feedback/" + id, officer))).contains("decide-withdrawal");
        Answer goOn = api.post(
                "/api/v1/feedback/" + id + "/decide-withdrawal",
                "{\"end\":false,\"note\":\"Hành vi bị tố cáo có dấu hiệu vi phạm pháp luật\"}",
                officer);
        assertThat(goOn.text("status")).isEqualTo("ACCEPTED");
        assertThat(allowed(goOn)).doesNotContain("decide-withdrawal");
        assertThat(api.post("/api/v1/feedback/" + id + "/decide-withdrawal", "{\"end\":true}", officer)
                        .status())
                .isEqualTo(409);

        // asked again, and this time the resolver ends it: then, and only then, it is withdrawn and published
        api.post("/api/v1/feedback/" + id + "/withdraw", step, null);
        Answer ended = api.post("/api/v1/feedback/" + id + "/decide-withdrawal", "{\"end\":true}", officer);
        assertThat(ended.text("status")).isEqualTo("WITHDRAWN");
        assertThat(eventsOf(id, 3))
                .extracting(r -> TopicRecords.header(r, CloudEventHeaders.TYPE))
                .containsExactly(
                        "vn.danvan.feedback.FeedbackReceived.v1",
                        "vn.danvan.feedback.FeedbackAccepted.v1",
                        "vn.danvan.feedback.FeedbackWithdrawn.v1");

        // before acceptance a withdrawal ends it at once, as for any other kind
        Answer early = submit(report(PHU_XUAN, "Rút sớm " + UUID.randomUUID()));
        assertThat(api.post(
                                "/api/v1/feedback/" + early.text("id") + "/withdraw",
                                "{\"trackingCode\":\"" + early.text("trackingCode") + "\"}",
                                null)
                        .text("status"))
                .isEqualTo("WITHDRAWN");
    }

    @Test
    void aDenunciationToVerifyAtSeveralPlacesHasTenWorkingDaysToBeAcceptedOnce() {
        String id = submit(denunciation("Tố cáo nhiều nơi", "Sai phạm ở ba thôn.", "Phan Văn Lộc", "046199008888"))
                .text("id");
        var officer = communeOfficer(PHU_XUAN);
        // received Monday 2/3/2026: 7 working days end on Wednesday 11/3
        Answer received = api.get("/api/v1/feedback/" + id, officer);
        assertThat(received.text("deadline")).isEqualTo("2026-03-11T16:59:59Z");
        assertThat(allowed(received)).contains("extend");

        // Luật Tố cáo 2018, Art. 24(1): verification at several places, 10 working days: Monday 16/3
        Answer longer = api.post(
                "/api/v1/feedback/" + id + "/extend",
                "{\"complexity\":\"COMPLEX\",\"reason\":\"Xác minh tại nhiều địa điểm\"}",
                officer);
        assertThat(longer.status()).as(longer.raw().body()).isEqualTo(200);
        assertThat(longer.text("deadline")).isEqualTo("2026-03-16T16:59:59Z");
        assertThat(allowed(longer)).doesNotContain("extend");
        Answer again = api.post(
                "/api/v1/feedback/" + id + "/extend", "{\"complexity\":\"VERY_COMPLEX\",\"reason\":\"x\"}", officer);
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.text("code")).isEqualTo("deadline.extensions-exhausted");

        // accepted: its resolution may still be extended, once as a complex case
        Answer accepted = api.post("/api/v1/feedback/" + id + "/accept", null, officer);
        assertThat(accepted.text("deadline")).isEqualTo("2026-04-01T16:59:59Z");
        assertThat(allowed(accepted)).contains("extend");
    }

    @Test
    void aTextTypedWithCombiningMarksIsMeasuredInLettersNotInMarks() {
        // "ệ" typed as e + two combining marks (NFD): 150 letters, 450 chars; the limit is 200 letters
        String letters = "ệ".repeat(150);
        String typed = java.text.Normalizer.normalize(letters, java.text.Normalizer.Form.NFD);
        assertThat(typed).hasSize(450);

        Answer receipt = submit(report(PHU_XUAN, typed));

        assertThat(mongo.getCollection("feedback")
                        .find(new Document("_id", receipt.text("id")))
                        .first()
                        .getString("subject"))
                .isEqualTo(letters);
    }

    private static List<String> allowed(Answer view) {
        return StreamSupport.stream(view.body().get("allowedActions").spliterator(), false)
                .map(JsonNode::asString)
                .toList();
    }

    @Test
    void everyRejectionReasonIsRecordedAndPublished() {
        for (RejectionReason reason : RejectionReason.values()) {
            String subject = "Từ chối " + reason + " " + UUID.randomUUID();
            // an item each reason fits: the two of the complaint law only on complaints, one of them nameless
            Answer receipt =
                    switch (reason) {
                        case ANONYMOUS_COMPLAINT -> nameless(submit(complaint(PHU_XUAN, subject)));
                        case TIME_LIMIT_PASSED -> submit(complaint(PHU_XUAN, subject));
                        default -> submit(report(PHU_XUAN, subject));
                    };
            String id = receipt.text("id");
            Answer rejected = api.post(
                    "/api/v1/feedback/" + id + "/reject",
                    "{\"reason\":\"" + reason + "\",\"note\":\"Xin bổ sung địa chỉ cụ thể.\"}",
                    communeOfficer(PHU_XUAN));
            assertThat(rejected.text("status")).isEqualTo("REJECTED");
            // the citizen learns why, on the public tracking page
            JsonNode step = api.get("/api/v1/feedback/track/" + receipt.text("trackingCode"), null)
                    .body()
                    .get("timeline")
                    .get(1);
            assertThat(step.get("action").asString()).isEqualTo("reject");
            assertThat(step.get("reason").asString()).isEqualTo(reason.name());
            assertThat(step.get("reasonLabel").asString()).isNotBlank().isNotEqualTo(reason.name());
            assertThat(step.get("note").asString()).isEqualTo("Xin bổ sung địa chỉ cụ thể.");
            JsonNode event =
                    FeedbackApi.JSON.readTree(TopicRecords.value(eventsOf(id, 2).get(1)));
            assertThat(event.get("reason").asString()).isEqualTo(reason.name());
        }
        Answer unknown = api.post("/api/v1/feedback/x/reject", "{\"reason\":\"BORED\"}", communeOfficer(PHU_XUAN));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.text("type")).isEqualTo("urn:danvan:problem:invalid-value");
    }

    /** A complaint stored without its contact, as one entered before intake required a name and a way to reach. */
    private Answer nameless(Answer complaint) {
        mongo.getCollection("feedback")
                .updateOne(
                        new Document("_id", complaint.text("id")), new Document("$unset", new Document("contact", "")));
        return complaint;
    }

    @Test
    void aReasonOfOneLawIsRefusedOnItemsItDoesNotFitNamingTheReasonsThatDo() {
        var officer = communeOfficer(PHU_XUAN);
        String report =
                submit(report(PHU_XUAN, "Lý do sai " + UUID.randomUUID())).text("id");
        String named =
                submit(complaint(PHU_XUAN, "Có tên " + UUID.randomUUID())).text("id");
        // Monday 2/3/2026: 90 days from 1/2/2026 have not passed
        String withinLimit = submit(knownOn(complaint(PHU_XUAN, "Trong thời hiệu " + UUID.randomUUID()), "2026-02-01"))
                .text("id");
        String denounced = submit(
                        denunciation("Tố cáo", "Cán bộ địa chính nhận tiền.", "Trần Thị Bích", "012345678901"))
                .text("id");
        String anyKind = "OUT_OF_SCOPE, DUPLICATE, INSUFFICIENT_INFORMATION, ALREADY_RESOLVED";
        String complaintReasons =
                "OUT_OF_SCOPE, TIME_LIMIT_PASSED, DUPLICATE, INSUFFICIENT_INFORMATION, ALREADY_RESOLVED";
        record Case(String id, String reason, String fitting) {}
        for (Case c : List.of(
                new Case(report, "ANONYMOUS_COMPLAINT", anyKind),
                new Case(report, "TIME_LIMIT_PASSED", anyKind),
                new Case(named, "ANONYMOUS_COMPLAINT", complaintReasons),
                new Case(withinLimit, "TIME_LIMIT_PASSED", anyKind),
                new Case(denounced, "ANONYMOUS_COMPLAINT", anyKind),
                new Case(denounced, "TIME_LIMIT_PASSED", anyKind))) {
            Answer refused =
                    api.post("/api/v1/feedback/" + c.id() + "/reject", "{\"reason\":\"" + c.reason() + "\"}", officer);

            assertThat(refused.status()).as(refused.raw().body()).isEqualTo(422);
            assertThat(refused.text("type")).isEqualTo("urn:danvan:problem:rule-violation");
            assertThat(refused.text("field")).isEqualTo("reason");
            assertThat(refused.text("code")).isEqualTo("feedback.reject.reason-not-applicable." + c.reason());
            assertThat(refused.text("detail"))
                    .startsWith("Lý do " + c.reason() + " chỉ dùng cho đơn")
                    .endsWith("Các lý do dùng được cho đơn này: " + c.fitting() + ".");
            Answer after = api.get("/api/v1/feedback/" + c.id(), officer);
            assertThat(after.text("status")).isEqualTo("RECEIVED");
            assertThat(after.body().get("timeline")).hasSize(1);
        }
        Answer english = api.post(
                "/api/v1/feedback/" + report + "/reject",
                "{\"reason\":\"TIME_LIMIT_PASSED\"}",
                officer,
                "Accept-Language",
                "en");
        assertThat(english.text("detail"))
                .isEqualTo("Reason TIME_LIMIT_PASSED is only for a complaint received after its filing limit had passed"
                        + " (Law on Complaints 2011, Art. 9); this item is not a complaint, or arrived within the limit."
                        + " The reasons that fit this item: " + anyKind + ".");
        // nothing was published for the refusals: the report's next event is its acceptance
        assertThat(api.post("/api/v1/feedback/" + report + "/accept", null, officer)
                        .status())
                .isEqualTo(200);
        assertThat(eventsOf(report, 2).stream()
                        .map(r -> TopicRecords.header(r, CloudEventHeaders.TYPE))
                        .toList())
                .containsExactly("vn.danvan.feedback.FeedbackReceived.v1", "vn.danvan.feedback.FeedbackAccepted.v1");
        // a complaint that arrived past its 90 days (from 1/11/2025), or whose day is unknown, may be refused for it
        String late = submit(knownOn(complaint(PHU_XUAN, "Quá thời hiệu " + UUID.randomUUID()), "2025-11-01"))
                .text("id");
        for (String id : List.of(late, named)) {
            Answer rejected =
                    api.post("/api/v1/feedback/" + id + "/reject", "{\"reason\":\"TIME_LIMIT_PASSED\"}", officer);
            assertThat(rejected.status()).as(rejected.raw().body()).isEqualTo(200);
            assertThat(rejected.text("status")).isEqualTo("REJECTED");
        }
    }

    @Test
    void aSecondTimeIsForComplaintsAndAnEmergencyForKindsWithAServiceLevelNothingElseIsStored() {
        long before = mongo.getCollection("feedback").countDocuments();
        String comment =
                """
                {"kind":"CONSULTATION_COMMENT","channel":"WEB","subject":"Góp ý %s","content":"Đề nghị sửa Điều 3.",
                 "category":"other","location":{"communeCode":"%s"}}"""
                        .formatted(UUID.randomUUID(), PHU_XUAN);
        String assessment =
                """
                {"kind":"MODEL_ASSESSMENT","channel":"WEB","subject":"Đánh giá %s","content":"Mô hình hiệu quả.",
                 "category":"other","location":{"communeCode":"%s"},"modelId":"m-1","modelRating":5}"""
                        .formatted(UUID.randomUUID(), PHU_XUAN);
        record Case(String json, String field) {}
        for (Case c : List.of(
                new Case(flag(report(PHU_XUAN, "Lần hai " + UUID.randomUUID()), "secondTime"), "secondTime"),
                new Case(
                        flag(denunciation("Lần hai", "Tố cáo lại.", "Trần Thị Bích", "012345678901"), "secondTime"),
                        "secondTime"),
                new Case(flag(complaint(PHU_XUAN, "Khẩn " + UUID.randomUUID()), "emergency"), "emergency"),
                new Case(
                        flag(denunciation("Khẩn", "Đang phá rừng.", "Trần Thị Bích", "012345678901"), "emergency"),
                        "emergency"),
                new Case(flag(comment, "emergency"), "emergency"),
                new Case(flag(assessment, "emergency"), "emergency"))) {
            Answer refused = api.post("/api/v1/feedback", c.json(), null);
            assertThat(refused.status()).as(c.json() + refused.raw().body()).isEqualTo(422);
            assertThat(refused.text("field")).isEqualTo(c.field());
        }
        Answer english = api.post(
                "/api/v1/feedback",
                flag(report(PHU_XUAN, "Lần hai " + UUID.randomUUID()), "secondTime"),
                null,
                "Accept-Language",
                "en");
        assertThat(english.text("code")).isEqualTo("feedback.second-time.complaints-only");
        assertThat(english.text("detail")).startsWith("A second-time complaint is marked on complaints only");
        assertThat(api.post(
                                "/api/v1/feedback",
                                flag(complaint(PHU_XUAN, "Khẩn " + UUID.randomUUID()), "emergency"),
                                null)
                        .text("detail"))
                .startsWith("Chỉ ý kiến, kiến nghị và phản ánh mới được ghi là khẩn cấp");
        assertThat(mongo.getCollection("feedback").countDocuments()).isEqualTo(before);

        // where they mean something they are taken, and false is no flag on any kind
        Answer urgent = submit(flag(report(PHU_XUAN, "Khẩn " + UUID.randomUUID()), "emergency"));
        // Monday 2/3/2026: one working day, to the end of Tuesday
        assertThat(urgent.text("deadline")).isEqualTo("2026-03-03T16:59:59Z");
        submit(flag(complaint(PHU_XUAN, "Lần hai " + UUID.randomUUID()), "secondTime"));
        submit(report(PHU_XUAN, "Không khẩn " + UUID.randomUUID())
                .replaceFirst("\\}\\s*$", ",\"secondTime\":false,\"emergency\":false}"));
    }

    /** The submission with the flag set. */
    private static String flag(String json, String name) {
        return json.replaceFirst("\\}\\s*$", ",\"" + name + "\":true}");
    }

    @Test
    void aTransferMovesResponsibilityAndStartsTheReceivingUnitsClock() {
        String id = submit(report(PHU_XUAN, "Chuyển " + UUID.randomUUID())).text("id");
        // received Monday 2/3/2026 09:00: three working days to be accepted, to the end of Thursday 5/3
        Instant before = Instant.parse(
                api.get("/api/v1/feedback/" + id, communeOfficer(PHU_XUAN)).text("deadline"));
        assertThat(before).isEqualTo(Instant.parse("2026-03-05T16:59:59Z"));
        clock.advance(Duration.ofDays(1));
        Answer moved = api.post(
                "/api/v1/feedback/" + id + "/transfer",
                "{\"toUnit\":\"" + KIM_LONG
                        + "\",\"reason\":\"WRONG_AREA\",\"note\":\"Người gửi Nguyễn Văn An ở Kim Long\"}",
                communeOfficer(PHU_XUAN));
        assertThat(moved.text("status")).isEqualTo("TRANSFERRED");
        assertThat(moved.text("responsibleUnit")).isEqualTo(KIM_LONG);

        assertThat(api.get("/api/v1/feedback/" + id, communeOfficer(PHU_XUAN)).status())
                .isEqualTo(404);
        Answer atKimLong = api.get("/api/v1/feedback/" + id, communeOfficer(KIM_LONG));
        assertThat(atKimLong.status()).isEqualTo(200);
        JsonNode transferred =
                FeedbackApi.JSON.readTree(TopicRecords.value(eventsOf(id, 2).get(1)));
        assertThat(transferred.get("fromUnitCode").asString()).isEqualTo(PHU_XUAN);
        assertThat(transferred.get("toUnitCode").asString()).isEqualTo(KIM_LONG);
        // a code from the list, never the officer's words (they may name people): the note stays in the item
        assertThat(transferred.get("reason").asString()).isEqualTo("WRONG_AREA");
        assertThat(TopicRecords.value(eventsOf(id, 2).get(1))).doesNotContain("Nguyễn Văn An");
        JsonNode step = atKimLong.body().get("timeline").get(1);
        assertThat(step.get("reason").asString()).isEqualTo("WRONG_AREA");
        assertThat(step.get("note").asString()).isEqualTo("Người gửi Nguyễn Văn An ở Kim Long");
        // a reason outside the list is refused, naming the codes
        Answer free = api.post(
                "/api/v1/feedback/"
                        + submit(report(PHU_XUAN, "Lý do tự do " + UUID.randomUUID()))
                                .text("id") + "/transfer",
                "{\"toUnit\":\"" + KIM_LONG + "\",\"reason\":\"Địa bàn thuộc Kim Long\"}",
                communeOfficer(PHU_XUAN));
        assertThat(free.status()).isEqualTo(400);
        assertThat(free.text("field")).isEqualTo("reason");
        // Kim Long's three working days count from the transfer on Tuesday 3/3 09:00: to the end of Friday 6/3
        Instant fromTransfer = Instant.parse("2026-03-06T16:59:59Z");
        assertThat(fromTransfer).isAfter(before);
        assertThat(Instant.parse(moved.text("deadline"))).isEqualTo(fromTransfer);
        assertThat(Instant.parse(transferred.get("deadline").asString())).isEqualTo(fromTransfer);
        assertThat(api.post("/api/v1/feedback/" + id + "/accept", null, communeOfficer(KIM_LONG))
                        .text("status"))
                .isEqualTo("ACCEPTED");
    }

    @Test
    void theResponsibleUnitsServiceLevelAppliesAtReceiptAfterATransferAndAtAcceptance() {
        // received Monday 2/3/2026 in a ward of Đà Nẵng: the province's 5 working days, to the end of Monday 9/3
        String id =
                submit(report(DA_NANG_WARD, "Mức dịch vụ " + UUID.randomUUID())).text("id");
        assertThat(api.get("/api/v1/feedback/" + id, communeOfficer(DA_NANG_WARD))
                        .text("acceptBy"))
                .isEqualTo("2026-03-09T16:59:59Z");
        // the same day in Huế: the deployment's 3 working days
        String hue = submit(report(PHU_XUAN, "Mức chung " + UUID.randomUUID())).text("id");
        assertThat(api.get("/api/v1/feedback/" + hue, communeOfficer(PHU_XUAN)).text("acceptBy"))
                .isEqualTo("2026-03-05T16:59:59Z");

        // transferred on Tuesday to the ward accepting in 2 working days: its clock, its level, to Thursday 5/3
        clock.advance(Duration.ofDays(1));
        Answer moved = api.post(
                "/api/v1/feedback/" + id + "/transfer",
                "{\"toUnit\":\"" + QUICK_WARD + "\",\"reason\":\"WRONG_AREA\"}",
                communeOfficer(DA_NANG_WARD));
        assertThat(moved.status()).as(moved.raw().body()).isEqualTo(200);
        assertThat(moved.text("acceptBy")).isEqualTo("2026-03-05T16:59:59Z");

        // accepted on Wednesday: answered within the province's 5 working days from the transfer, Tuesday 10/3
        clock.advance(Duration.ofDays(1));
        Answer accepted = api.post("/api/v1/feedback/" + id + "/accept", null, communeOfficer(QUICK_WARD));
        assertThat(accepted.status()).as(accepted.raw().body()).isEqualTo(200);
        assertThat(accepted.text("resolveBy")).isEqualTo("2026-03-10T16:59:59Z");
    }

    @Test
    void anOfficerSeesOnlyTheirUnitsSubtree() {
        String id = submit(report(PHU_XUAN, "Phạm vi " + UUID.randomUUID())).text("id");

        assertThat(api.get("/api/v1/feedback/" + id, communeOfficer(PHU_XUAN)).status())
                .isEqualTo(200);
        assertThat(api.get("/api/v1/feedback/" + id, provinceOfficer(HUE)).status())
                .isEqualTo(200);
        Answer otherCommune = api.get("/api/v1/feedback/" + id, communeOfficer(KIM_LONG));
        assertThat(otherCommune.status()).isEqualTo(404);
        assertThat(otherCommune.text("type")).isEqualTo("urn:danvan:problem:not-found");
        assertThat(api.post("/api/v1/feedback/" + id + "/accept", null, communeOfficer(BA_DINH))
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/feedback/" + id, null).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/feedback/" + id, new FeedbackApi.Officer("c-1", PHU_XUAN, "CITIZEN"))
                        .status())
                .isEqualTo(403);

        Answer list = api.get("/api/v1/feedback?unit=" + HUE + "&kind=REPORT&limit=200", provinceOfficer(HUE));
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body().get("items").valueStream().map(i -> i.get("id").asString()))
                .contains(id);
        assertThat(api.get("/api/v1/feedback?unit=" + HUE, communeOfficer(PHU_XUAN))
                        .status())
                .isEqualTo(404);

        // an account of no unit (a technical admin) has no scope anywhere: told so, not that the item is missing
        var noUnit = new FeedbackApi.Officer("admin-1", null, "ADMIN");
        assertThat(api.get("/api/v1/feedback/" + id, noUnit).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/feedback", noUnit).status()).isEqualTo(403);
    }

    @Test
    void theTextFilterFindsAnItemByAPhraseOfItsContentWithinTheCallersScope() {
        String mark = UUID.randomUUID().toString();
        String item =
                """
                {"kind":"REPORT","channel":"APP","subject":"Đèn đường","content":"Cột đèn số %s ở Kiệt 7 Đặng Huy Trứ không sáng.",
                 "category":"infrastructure","location":{"communeCode":"%s"}}""";
        String here = submit(item.formatted(mark, PHU_XUAN)).text("id");
        String elsewhere = submit(item.formatted(mark, KIM_LONG)).text("id");

        Answer found = api.get(
                "/api/v1/feedback?limit=200&text="
                        + UriUtils.encode("số " + mark + " ở KIỆT 7", StandardCharsets.UTF_8),
                communeOfficer(PHU_XUAN));

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.body().get("items").valueStream().map(i -> i.get("id").asString()))
                .containsExactly(here)
                .doesNotContain(elsewhere);
        assertThat(api.get("/api/v1/feedback?limit=200&text=" + mark + "&kind=COMPLAINT", communeOfficer(PHU_XUAN))
                        .body()
                        .get("items")
                        .size())
                .isZero();
    }

    @Test
    void aTrackingCodeWithAMistypedCharacterIsToldSoAndAnUnknownOneIsNotFound() {
        Answer receipt = submit(report(PHU_XUAN, "Gõ nhầm " + UUID.randomUUID()));
        String id = receipt.text("id");
        String code = receipt.text("trackingCode");
        // one symbol changed: the check symbol no longer matches
        String typo = (code.charAt(0) == 'A' ? "B" : "A") + code.substring(1);

        Answer page = api.get("/api/v1/feedback/track/" + typo, null);
        assertThat(page.status()).as(page.raw().body()).isEqualTo(400);
        JsonNode error = page.body().get("errors").get(0);
        assertThat(error.path("field").asString()).isEqualTo("trackingCode");
        assertThat(error.path("in").asString()).isEqualTo("path");
        assertThat(error.path("message").asString())
                .isEqualTo("Mã tra cứu không đúng: có thể gõ nhầm một ký tự; hãy kiểm tra lại.");
        assertThat(fieldMessage(
                        api.get("/api/v1/feedback/track/" + typo, null, "Accept-Language", "en"), "trackingCode"))
                .isEqualTo("The tracking code is not valid: a character may be mistyped; check it again.");
        for (String action : List.of("rate", "reopen", "withdraw")) {
            Answer refused = api.post(
                    "/api/v1/feedback/" + id + "/" + action,
                    "{\"trackingCode\":\"" + typo + "\"" + (action.equals("rate") ? ",\"rating\":5}" : "}"),
                    null);
            assertThat(fieldMessage(refused, "trackingCode"))
                    .as(action)
                    .isEqualTo("Mã tra cứu không đúng: có thể gõ nhầm một ký tự; hãy kiểm tra lại.");
        }
        assertThat(api.get("/api/v1/feedback/" + id, communeOfficer(PHU_XUAN)).text("status"))
                .isEqualTo("RECEIVED");

        // a well-formed code that no item has: not found, as before
        String unknown = new vn.danvan.feedback.tracking.TrackingCodes().next();
        Answer missing = api.get("/api/v1/feedback/track/" + unknown, null);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(api.post("/api/v1/feedback/" + id + "/withdraw", "{\"trackingCode\":\"" + unknown + "\"}", null)
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/feedback/track/" + code, null).status()).isEqualTo(200);
    }

    @Test
    void aCategoryWithARoutingRuleGoesToTheAgencyOthersToTheirCommune() {
        String routed =
                """
                {"kind":"REPORT","channel":"APP","subject":"Trường học %s","content":"Mái phòng học lớp 3 bị dột.",
                 "category":"health-education","location":{"communeCode":"%s"}}""";
        Answer toAgency = submit(routed.formatted(UUID.randomUUID(), PHU_XUAN));
        Answer elsewhere = submit(routed.formatted(UUID.randomUUID(), BA_DINH));
        Answer toCommune = submit(report(PHU_XUAN, "Không định tuyến " + UUID.randomUUID()));

        // the rule is Huế's: its items of the category go to the agency, which the commune does not see
        assertThat(api.get("/api/v1/feedback/" + toAgency.text("id"), provinceOfficer(HUE))
                        .text("responsibleUnit"))
                .isEqualTo(SCHOOLS_AGENCY);
        assertThat(api.get("/api/v1/feedback/" + toAgency.text("id"), communeOfficer(PHU_XUAN))
                        .status())
                .isEqualTo(404);
        assertThat(FeedbackApi.JSON
                        .readTree(TopicRecords.value(
                                eventsOf(toAgency.text("id"), 1).getFirst()))
                        .get("unitCode")
                        .asString())
                .isEqualTo(SCHOOLS_AGENCY);
        // the same category in another province, and another category in Huế: the commune of the place
        assertThat(api.get("/api/v1/feedback/" + elsewhere.text("id"), communeOfficer(BA_DINH))
                        .text("responsibleUnit"))
                .isEqualTo(BA_DINH);
        assertThat(api.get("/api/v1/feedback/" + toCommune.text("id"), communeOfficer(PHU_XUAN))
                        .text("responsibleUnit"))
                .isEqualTo(PHU_XUAN);
    }

    @Test
    void twoReplicasCheckingDeadlinesAtTheSameTimeRaiseEachAlertOnce() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(submit(report(PHU_XUAN, "Hai bản sao " + i + " " + UUID.randomUUID()))
                    .text("id"));
        }
        Instant deadline = Instant.parse(api.get("/api/v1/feedback/" + ids.getFirst(), communeOfficer(PHU_XUAN))
                .text("deadline"));

        clock.set(deadline.minusSeconds(60));
        checkTwiceAtOnce();
        clock.set(deadline.plusSeconds(60));
        checkTwiceAtOnce();

        // every event saved is published: then the topic holds all there will ever be of these items
        await().atMost(Duration.ofSeconds(20))
                .until(() -> mongo.getCollection("feedback")
                                .countDocuments(new Document("_id", new Document("$in", ids))
                                        .append("outboxPendingSince", new Document("$ne", null)))
                        == 0);
        List<ConsumerRecord<String, byte[]>> published =
                TopicRecords.readAll(TestBackends.get().kafkaBootstrapServers(), TOPIC, Duration.ofSeconds(5));
        for (String id : ids) {
            List<String> types = published.stream()
                    .filter(r -> id.equals(r.key()))
                    .map(r -> TopicRecords.header(r, CloudEventHeaders.TYPE))
                    .toList();
            assertThat(types)
                    .as(id)
                    .containsExactly(
                            "vn.danvan.feedback.FeedbackReceived.v1",
                            "vn.danvan.feedback.FeedbackDueSoon.v1",
                            "vn.danvan.feedback.FeedbackOverdue.v1");
        }
    }

    /** Two deadline watches, as two replicas would run them, started at the same instant. */
    private void checkTwiceAtOnce() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService replicas = Executors.newFixedThreadPool(2)) {
            List<Future<Integer>> rounds = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                rounds.add(replicas.submit(() -> {
                    start.await();
                    return watch.check();
                }));
            }
            start.countDown();
            for (Future<Integer> round : rounds) {
                round.get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static List<String> actions(JsonNode allowed) {
        return allowed.valueStream().map(JsonNode::asString).toList();
    }

    @Test
    void anOfficerPagesThroughTheListWithItsCursor() {
        String mark = "Trang " + UUID.randomUUID();
        List<String> submitted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            submitted.add(submit(report(PHU_XUAN, mark + " số " + i)).text("id"));
        }

        List<String> seen = new ArrayList<>();
        List<Instant> received = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Answer page = api.get(
                    "/api/v1/feedback?limit=2&text=" + UriUtils.encode(mark, StandardCharsets.UTF_8)
                            + (cursor == null ? "" : "&cursor=" + cursor),
                    communeOfficer(PHU_XUAN));
            assertThat(page.status()).isEqualTo(200);
            page.body().get("items").valueStream().forEach(item -> {
                seen.add(item.get("id").asString());
                received.add(Instant.parse(item.get("receivedAt").asString()));
            });
            cursor = page.body().get("nextCursor").isNull() ? null : page.text("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);

        // every item once, newest first, over three pages of two
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(submitted).doesNotHaveDuplicates();
        assertThat(received).isSortedAccordingTo(Comparator.reverseOrder());

        Answer garbled = api.get("/api/v1/feedback?cursor=not-a-cursor", communeOfficer(PHU_XUAN));
        assertThat(garbled.status()).isEqualTo(400);
        assertThat(garbled.text("type")).isEqualTo("urn:danvan:problem:invalid-value");
        assertThat(garbled.text("field")).isEqualTo("cursor");
    }

    @Test
    void aRetriedSubmissionWithTheSameKeyCreatesNothingNew() {
        String key = "retry-" + UUID.randomUUID();
        String body = report(PHU_XUAN, "Gửi lại " + UUID.randomUUID());
        Answer first = api.post("/api/v1/feedback", body, null, "Idempotency-Key", key);
        Answer again = api.post("/api/v1/feedback", body, null, "Idempotency-Key", key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.text("id")).isEqualTo(first.text("id"));
        assertThat(again.text("trackingCode")).isEqualTo(first.text("trackingCode"));
        assertThat(eventsOf(first.text("id"), 1)).hasSize(1);

        Answer different = api.post("/api/v1/feedback", report(PHU_XUAN, "Khác hẳn"), null, "Idempotency-Key", key);
        assertThat(different.status()).isEqualTo(409);
    }

    @Test
    void aBadIdempotencyKeyIsNamedAsTheHeaderTheClientSent() {
        Answer tooShort = api.post(
                "/api/v1/feedback", report(PHU_XUAN, "Khoá ngắn " + UUID.randomUUID()), null, "Idempotency-Key", "abc");

        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.text("type")).isEqualTo("urn:danvan:problem:validation-failed");
        JsonNode error = tooShort.body().path("errors").path(0);
        assertThat(error.path("field").asString()).isEqualTo("Idempotency-Key");
        assertThat(error.path("in").asString()).isEqualTo("header");
    }

    @Test
    void someoneElseRepeatingAKeyAndTheTextGetsAConflictNotTheFirstSendersItem() {
        String key = "shared-" + UUID.randomUUID();
        String complaint = complaint(PHU_XUAN, "Khiếu nại của người khác " + UUID.randomUUID());
        Answer first = api.post("/api/v1/feedback", complaint, null, "Idempotency-Key", key);
        assertThat(first.status()).isEqualTo(201);

        // the same key and text with another sender's contact: neither the first item nor its tracking code
        Answer other = api.post(
                "/api/v1/feedback",
                complaint.replace("Nguyễn Văn An", "Kẻ Mạo Danh").replace("0912345678", "0922222222"),
                null,
                "Idempotency-Key",
                key);
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.raw().body()).doesNotContain(first.text("id"), first.text("trackingCode"));

        // the platform's own keys are apart from clients': a client cannot take a dialogue recommendation's place
        String reserved = "dialogue-recommendation:" + UUID.randomUUID();
        Answer claimed = api.post(
                "/api/v1/feedback",
                report(PHU_XUAN, "Chiếm khoá " + UUID.randomUUID()),
                null,
                "Idempotency-Key",
                reserved);
        assertThat(claimed.status()).isEqualTo(201);
        assertThat(mongo.getCollection("feedback").countDocuments(new Document("idempotencyKey", reserved)))
                .isZero();
    }

    @Test
    void bodiesAreJsonOnlyAYamlBodyIsRefusedNotReadWithLaxerRules() {
        String yaml =
                """
                kind: REPORT
                channel: WEB
                subject: YAML %s
                content: Đèn đường hỏng.
                category: infrastructure
                status: CLOSED
                location:
                  communeCode: "%s"
                """
                        .formatted(UUID.randomUUID(), PHU_XUAN);
        long before = mongo.getCollection("feedback").countDocuments();

        Answer refused = api.postAs("/api/v1/feedback", yaml, "application/yaml", null);

        assertThat(refused.status()).isEqualTo(415);
        assertThat(refused.text("type")).isEqualTo("urn:danvan:problem:unsupported-media-type");
        assertThat(mongo.getCollection("feedback").countDocuments()).isEqualTo(before);
    }

    @Test
    void retriesSentAtTheSameTimeWithOneKeyCreateOneItem() throws Exception {
        // an app that retries on a timeout while the first attempt is still being answered
        String key = "burst-" + UUID.randomUUID();
        String body = report(KIM_LONG, "Gửi cùng lúc " + UUID.randomUUID());
        int attempts = 12;
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<Answer>> answers = new java.util.ArrayList<>();
        try (var threads = java.util.concurrent.Executors.newFixedThreadPool(attempts)) {
            for (int i = 0; i < attempts; i++) {
                answers.add(threads.submit(() -> {
                    start.await();
                    return api.post("/api/v1/feedback", body, null, "Idempotency-Key", key);
                }));
            }
            start.countDown();
        }

        java.util.Set<String> ids = new java.util.HashSet<>();
        for (var answer : answers) {
            Answer a = answer.get();
            assertThat(a.status()).as(a.raw().body()).isEqualTo(201);
            ids.add(a.text("id"));
        }
        assertThat(ids).hasSize(1);
        assertThat(mongo.getCollection("feedback")
                        .countDocuments(new Document("idempotencyKey", FeedbackService.CLIENT_KEYS + key)))
                .isEqualTo(1);
        assertThat(eventsOf(ids.iterator().next(), 1)).hasSize(1);
    }

    @Test
    void theCitizenMayReopenWithinTheWindowAndWithdrawOnlyBeforeAnAnswer() {
        Answer receipt = submit(report(PHU_XUAN, "Mở lại " + UUID.randomUUID()));
        String id = receipt.text("id");
        String code = receipt.text("trackingCode");
        var officer = communeOfficer(PHU_XUAN);
        api.post("/api/v1/feedback/" + id + "/accept", null, officer);
        api.post("/api/v1/feedback/" + id + "/assign", "{\"assignee\":\"a\"}", officer);
        api.post("/api/v1/feedback/" + id + "/answer", "{\"text\":\"Đã sửa.\"}", officer);

        String step = "{\"trackingCode\":\"" + code + "\",\"reason\":\"Vẫn chưa sửa\"}";
        assertThat(api.post("/api/v1/feedback/" + id + "/withdraw", step, null).status())
                .isEqualTo(409);
        assertThat(api.post("/api/v1/feedback/" + id + "/reopen", "{\"trackingCode\":\"WRONG-CODE\"}", null)
                        .status())
                .isEqualTo(404);
        Answer reopened = api.post("/api/v1/feedback/" + id + "/reopen", step, null);
        assertThat(reopened.text("status")).isEqualTo("REOPENED");
        // a report is answered again by the same unit, within its service level from now (3 working days: Thursday)
        assertThat(reopened.text("responsibleUnit")).isEqualTo(PHU_XUAN);
        assertThat(reopened.text("deadline")).isEqualTo("2026-03-05T16:59:59Z");
        assertThat(reopened.body().get("timeline").valueStream().map(e -> e.get("action")
                        .asString()))
                .endsWith("answer", "reopen");
        assertThat(allowed(api.get("/api/v1/feedback/" + id, officer))).contains("assign");
        assertThat(eventsOf(id, 5))
                .extracting(r -> TopicRecords.header(r, CloudEventHeaders.TYPE))
                .doesNotContain("vn.danvan.feedback.FeedbackTransferred.v1")
                .endsWith("vn.danvan.feedback.FeedbackReopened.v1");
        assertThat(api.post("/api/v1/feedback/" + id + "/withdraw", step, null).text("status"))
                .isEqualTo("WITHDRAWN");

        Answer late = submit(report(PHU_XUAN, "Quá hạn mở lại " + UUID.randomUUID()));
        String lateId = late.text("id");
        api.post("/api/v1/feedback/" + lateId + "/accept", null, officer);
        api.post("/api/v1/feedback/" + lateId + "/assign", "{\"assignee\":\"a\"}", officer);
        api.post("/api/v1/feedback/" + lateId + "/answer", "{\"text\":\"Xong.\"}", officer);
        clock.advance(Duration.ofDays(31));
        Answer refused = api.post(
                "/api/v1/feedback/" + lateId + "/reopen",
                "{\"trackingCode\":\"" + late.text("trackingCode") + "\"}",
                null);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("code")).isEqualTo("feedback.reopen.window-passed");
    }

    @Test
    void oneItemThatCannotBeReadNeitherStopsTheWatchNorLeavesTheOthersForLaterRounds(
            @Autowired FeedbackRepository repository,
            @Autowired FeedbackService service,
            @Autowired io.micrometer.core.instrument.MeterRegistry meters) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(submit(report(PHU_XUAN, "Hạn cùng lúc " + i + " " + UUID.randomUUID()))
                    .text("id"));
        }
        String broken = ids.getFirst();
        eventsOf(broken, 1);
        Instant deadline = Instant.parse(api.get("/api/v1/feedback/" + ids.getLast(), communeOfficer(PHU_XUAN))
                .text("deadline"));
        var failures = meters.get("danvan.feedback.deadline.alerts")
                .tag("outcome", "failed")
                .counter();
        double failedBefore = failures.count();
        // the oldest one's document no longer reads as an item (a hand edit, a value a newer version wrote)
        mongo.getCollection("feedback")
                .updateOne(new Document("_id", broken), new Document("$set", new Document("kind", "NOT_A_KIND")));
        try {
            clock.set(deadline.minusSeconds(60));
            // two at a time, as if many deadlines fell on the same instant: one round still raises every one due
            new DeadlineWatch(repository, service, clock, meters, 2).check();

            for (String id : ids.subList(1, ids.size())) {
                assertThat(eventsOf(id, 2))
                        .as(id)
                        .extracting(r -> TopicRecords.header(r, CloudEventHeaders.TYPE))
                        .containsExactly(
                                "vn.danvan.feedback.FeedbackReceived.v1", "vn.danvan.feedback.FeedbackDueSoon.v1");
            }
            assertThat(failures.count()).isGreaterThan(failedBefore);
        } finally {
            mongo.getCollection("feedback")
                    .updateOne(new Document("_id", broken), new Document("$set", new Document("kind", "REPORT")));
        }
        // mended, it gets its alert in the next round, once
        new DeadlineWatch(repository, service, clock, meters, 2).check();
        watch.check();
        assertThat(eventsOf(broken, 2))
                .extracting(r -> TopicRecords.header(r, CloudEventHeaders.TYPE))
                .containsExactly("vn.danvan.feedback.FeedbackReceived.v1", "vn.danvan.feedback.FeedbackDueSoon.v1");
    }

    @Test
    void dueSoonAndOverdueAreRaisedExactlyOncePerDeadline() {
        String id = submit(report(PHU_XUAN, "Hạn " + UUID.randomUUID())).text("id");
        Instant deadline = Instant.parse(
                api.get("/api/v1/feedback/" + id, communeOfficer(PHU_XUAN)).text("deadline"));

        clock.set(deadline.minusSeconds(60));
        watch.check();
        watch.check();
        clock.set(deadline.plusSeconds(60));
        watch.check();
        watch.check();

        List<String> types = eventsOf(id, 3).stream()
                .map(r -> TopicRecords.header(r, CloudEventHeaders.TYPE))
                .toList();
        assertThat(types)
                .containsExactly(
                        "vn.danvan.feedback.FeedbackReceived.v1",
                        "vn.danvan.feedback.FeedbackDueSoon.v1",
                        "vn.danvan.feedback.FeedbackOverdue.v1");
        Answer overdue = api.get("/api/v1/feedback?overdue=true&limit=200", communeOfficer(PHU_XUAN));
        assertThat(overdue.body().get("items").valueStream().map(i -> i.get("id")
                        .asString()))
                .contains(id);
    }

    @Test
    void aReportAcceptedPastItsDeadlineIsStillOverdueAndItsTimeToAnswerCountsFromReceipt() {
        // received Monday 2/3/2026 09:00: accepted and answered by Thursday 5/3 (one instant for both stages)
        String id = submit(report(PHU_XUAN, "Trễ " + UUID.randomUUID())).text("id");
        var officer = communeOfficer(PHU_XUAN);
        clock.set(Instant.parse("2026-03-06T02:00:00Z")); // Friday 09:00
        watch.check();

        Answer accepted = api.post("/api/v1/feedback/" + id + "/accept", null, officer);
        assertThat(accepted.body().get("overdue").asBoolean()).isTrue();
        watch.check();
        watch.check();
        // the acceptance stage's overdue, then the resolution's: the same instant, two stages, each raised once
        List<JsonNode> overdue = eventsOf(id, 4).stream()
                .filter(r ->
                        "vn.danvan.feedback.FeedbackOverdue.v1".equals(TopicRecords.header(r, CloudEventHeaders.TYPE)))
                .map(r -> FeedbackApi.JSON.readTree(TopicRecords.value(r)))
                .toList();
        assertThat(overdue).extracting(e -> e.get("stage").asString()).containsExactly("ACCEPTANCE", "RESOLUTION");

        clock.set(Instant.parse("2026-03-10T02:00:00Z")); // Tuesday: six working days after receipt
        api.post("/api/v1/feedback/" + id + "/assign", "{\"assignee\":\"a\"}", officer);
        api.post("/api/v1/feedback/" + id + "/answer", "{\"text\":\"Đã sửa.\"}", officer);
        JsonNode answered = eventsOf(id, 6).stream()
                .filter(r ->
                        "vn.danvan.feedback.FeedbackAnswered.v1".equals(TopicRecords.header(r, CloudEventHeaders.TYPE)))
                .map(r -> FeedbackApi.JSON.readTree(TopicRecords.value(r)))
                .findFirst()
                .orElseThrow();
        assertThat(answered.get("onTime").asBoolean()).isFalse();
        assertThat(answered.get("workingDaysTaken").asInt()).isEqualTo(6);
    }

    @Test
    void theTrackingPageShowsProgressAndThePublicAnswerWithoutPersonalData() {
        Answer receipt = submit(complaint(PHU_XUAN, "Theo dõi " + UUID.randomUUID()));
        String id = receipt.text("id");
        var officer = communeOfficer(PHU_XUAN);
        api.post("/api/v1/feedback/" + id + "/accept", null, officer);
        api.post("/api/v1/feedback/" + id + "/assign", "{\"assignee\":\"can-bo-7\"}", officer);
        api.post("/api/v1/feedback/" + id + "/answer", "{\"text\":\"Đã bồi thường bổ sung.\"}", officer);

        String typed = receipt.text("trackingCode").toLowerCase().replace("-", " ");
        Answer page = api.get("/api/v1/feedback/track/" + typed.replace(" ", "%20"), null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text("status")).isEqualTo("ANSWERED");
        assertThat(page.text("answer")).isEqualTo("Đã bồi thường bổ sung.");
        assertThat(page.raw().body())
                .doesNotContain("Nguyễn Văn An")
                .doesNotContain("0912345678")
                .doesNotContain("can-bo-7")
                .doesNotContain("officer-");
        assertThat(api.get("/api/v1/feedback/track/AAAA-AAAA-A", null).status()).isEqualTo(404);
    }

    @Test
    void theTrackingPageSaysEveryCodeInTheCitizensWordsVietnameseUnlessEnglishIsPreferred() {
        Answer receipt = submit(complaint(PHU_XUAN, "Nhãn " + UUID.randomUUID()));
        String id = receipt.text("id");
        var officer = communeOfficer(PHU_XUAN);
        api.post("/api/v1/feedback/" + id + "/accept", null, officer);
        api.post("/api/v1/feedback/" + id + "/assign", "{\"assignee\":\"can-bo-7\"}", officer);
        api.post("/api/v1/feedback/" + id + "/start", null, officer);
        String path = "/api/v1/feedback/track/" + receipt.text("trackingCode");

        Answer vietnamese = api.get(path, null);
        Answer english = api.get(path, null, "Accept-Language", "en");

        for (Answer page : List.of(vietnamese, english)) {
            // the codes stay as they were: clients switch on them
            assertThat(page.text("kind")).isEqualTo("COMPLAINT");
            assertThat(page.text("status")).isEqualTo("IN_PROGRESS");
            assertThat(page.text("responsibleUnit")).isEqualTo(PHU_XUAN);
            assertThat(page.text("responsibleUnitName")).isEqualTo("Phường Phú Xuân");
            assertThat(page.body().get("timeline").valueStream().map(step -> step.path("action")
                            .asString()))
                    .containsExactly("receive", "accept", "assign", "start");
            assertThat(page.raw().headers().firstValue("Vary").orElse("")).contains("Accept-Language");
        }
        assertThat(vietnamese.raw().headers().firstValue("Content-Language")).hasValue("vi");
        assertThat(vietnamese.text("kindLabel")).isEqualTo("khiếu nại");
        assertThat(vietnamese.text("statusLabel")).isEqualTo("đang xử lý");
        assertThat(labels(vietnamese, "actionLabel"))
                .containsExactly("tiếp nhận", "thụ lý", "giao xử lý", "bắt đầu xử lý");
        assertThat(labels(vietnamese, "statusLabel"))
                .containsExactly("đã tiếp nhận", "đã thụ lý", "đã giao xử lý", "đang xử lý");
        assertThat(english.raw().headers().firstValue("Content-Language")).hasValue("en");
        assertThat(english.text("kindLabel")).isEqualTo("complaint");
        assertThat(english.text("statusLabel")).isEqualTo("in progress");
        assertThat(labels(english, "actionLabel")).containsExactly("receive", "accept", "assign", "start");
        assertThat(labels(english, "statusLabel")).containsExactly("received", "accepted", "assigned", "in progress");

        // a refused letter's reason, in words
        Answer late = submit(complaint(PHU_XUAN, "Quá hạn " + UUID.randomUUID()));
        api.post(
                "/api/v1/feedback/" + late.text("id") + "/reject",
                "{\"reason\":\"TIME_LIMIT_PASSED\",\"note\":\"Quyết định ban hành từ năm 2024.\"}",
                officer);
        String refused = "/api/v1/feedback/track/" + late.text("trackingCode");
        JsonNode step = api.get(refused, null).body().get("timeline").get(1);
        assertThat(step.path("reason").asString()).isEqualTo("TIME_LIMIT_PASSED");
        assertThat(step.path("reasonLabel").asString())
                .isEqualTo("hết thời hiệu khiếu nại mà không có lý do chính đáng");
        assertThat(step.path("actionLabel").asString()).isEqualTo("không thụ lý");
        JsonNode inEnglish = api.get(refused, null, "Accept-Language", "en-GB,en;q=0.9,vi;q=0.5")
                .body()
                .get("timeline")
                .get(1);
        assertThat(inEnglish.path("reasonLabel").asString())
                .isEqualTo("filed after the legal time limit without a valid reason");
        assertThat(inEnglish.path("statusLabel").asString()).isEqualTo("rejected");
        // the citizen's own action answers with the same page, in their language
        Answer withdrawn = api.post(
                "/api/v1/feedback/" + id + "/withdraw",
                "{\"trackingCode\":\"" + receipt.text("trackingCode") + "\"}",
                null,
                "Accept-Language",
                "en");
        assertThat(withdrawn.text("statusLabel")).isEqualTo("withdrawn");
        assertThat(labels(withdrawn, "actionLabel")).last().isEqualTo("withdraw");
        // and the API document tells clients so
        Answer document = api.get("/v3/api-docs", null);
        assertThat(document.status()).isEqualTo(200);
        assertThat(document.raw().body())
                .contains("\"kindLabel\"", "\"statusLabel\"", "\"actionLabel\"", "\"reasonLabel\"")
                .contains("Accept-Language ranks English above Vietnamese");
    }

    private static List<String> labels(Answer page, String member) {
        return page.body()
                .get("timeline")
                .valueStream()
                .map(step -> step.path(member).asString())
                .toList();
    }

    @Test
    void aComplaintShowsOfficersWhetherItsNinetyDaysHadPassedOnArrivalAndIsNeverRefusedForIt() {
        clock.set(Instant.parse("2026-03-04T02:00:00Z")); // Wednesday 4/3/2026, 09:00 in Huế
        var officer = communeOfficer(PHU_XUAN);
        // day 90 since the decision was received (4/12/2025): still within the limit
        Answer onTime = submit(knownOn(complaint(PHU_XUAN, "Thời hiệu " + UUID.randomUUID()), "2025-12-04"));
        // day 91 (3/12/2025), a letter the officer entered: past it, and received all the same
        String letter = knownOn(complaint(PHU_XUAN, "Thư quá hạn " + UUID.randomUUID()), "2025-12-03")
                .replace("\"WEB\"", "\"LETTER\"");
        Answer late = api.post("/api/v1/feedback", letter, officer);
        assertThat(late.status()).as(late.raw().body()).isEqualTo(201);

        JsonNode within =
                api.get("/api/v1/feedback/" + onTime.text("id"), officer).body();
        assertThat(within.path("decisionKnownOn").asString()).isEqualTo("2025-12-04");
        assertThat(within.path("filingLimit").path("until").asString()).isEqualTo("2026-03-04");
        assertThat(within.path("filingLimit").path("passedOnArrival").asBoolean())
                .isFalse();
        Answer past = api.get("/api/v1/feedback/" + late.text("id"), officer);
        assertThat(past.body().path("filingLimit").path("until").asString()).isEqualTo("2026-03-03");
        assertThat(past.body().path("filingLimit").path("passedOnArrival").asBoolean())
                .isTrue();
        // the officer weighs it: an objective obstacle, or the reason from the list
        assertThat(past.text("status")).isEqualTo("RECEIVED");
        assertThat(allowed(past)).contains("accept", "reject");
        // a complaint without the day shows no limit
        Answer without = submit(complaint(PHU_XUAN, "Không ghi ngày " + UUID.randomUUID()));
        assertThat(api.get("/api/v1/feedback/" + without.text("id"), officer)
                        .body()
                        .path("filingLimit")
                        .isNull())
                .isTrue();
        // the day stays in the item: no event carries it
        assertThat(TopicRecords.value(eventsOf(late.text("id"), 1).getFirst()))
                .doesNotContain("2025-12-03")
                .doesNotContain("decisionKnownOn");

        // day 91 from 1/12/2025 was Monday 2/3/2026, but day 90 was a Sunday: the limit ran to that Monday
        clock.set(TestClock.MONDAY_MORNING);
        Answer afterSunday = submit(knownOn(complaint(PHU_XUAN, "Chủ nhật " + UUID.randomUUID()), "2025-12-01"));
        JsonNode monday = api.get("/api/v1/feedback/" + afterSunday.text("id"), officer)
                .body()
                .path("filingLimit");
        assertThat(monday.path("until").asString()).isEqualTo("2026-03-02");
        assertThat(monday.path("passedOnArrival").asBoolean()).isFalse();
        assertThat(api.get("/v3/api-docs", null).raw().body())
                .contains("\"decisionKnownOn\"", "\"filingLimit\"", "\"passedOnArrival\"");
    }

    @Test
    void theDayADecisionWasKnownIsForComplaintsAndNeverAfterTheirArrival() {
        long before = mongo.getCollection("feedback").countDocuments();
        // Monday 2/3/2026 in Huế
        Answer report = api.post(
                "/api/v1/feedback", knownOn(report(PHU_XUAN, "Phản ánh " + UUID.randomUUID()), "2026-01-05"), null);
        Answer tomorrow = api.post(
                "/api/v1/feedback",
                knownOn(complaint(PHU_XUAN, "Ngày mai " + UUID.randomUUID()), "2026-03-03"),
                null,
                "Accept-Language",
                "en");

        assertThat(report.status()).as(report.raw().body()).isEqualTo(422);
        assertThat(report.text("field")).isEqualTo("decisionKnownOn");
        assertThat(report.text("code")).isEqualTo("feedback.decision-known-on.complaints-only");
        assertThat(report.text("detail")).startsWith("Ngày nhận được quyết định hoặc biết được hành vi hành chính");
        assertThat(tomorrow.status()).as(tomorrow.raw().body()).isEqualTo(422);
        assertThat(tomorrow.text("field")).isEqualTo("decisionKnownOn");
        assertThat(tomorrow.text("code")).isEqualTo("feedback.decision-known-on.after-arrival");
        assertThat(tomorrow.text("detail"))
                .isEqualTo("The day the decision was received or the act became known cannot be after the day the"
                        + " complaint arrived.");
        // not a day at all: the kit's 400 naming the field
        Answer notADay = api.post(
                "/api/v1/feedback", knownOn(complaint(PHU_XUAN, "Sai ngày " + UUID.randomUUID()), "2026-02-30"), null);
        assertThat(notADay.status()).isEqualTo(400);
        assertThat(notADay.text("field")).isEqualTo("decisionKnownOn");
        // nor is a number a day (20000 days after 1970), as no number is a time on this platform
        Answer number = api.post(
                "/api/v1/feedback",
                knownOn(complaint(PHU_XUAN, "Số " + UUID.randomUUID()), "x").replace("\"x\"", "20000"),
                null);
        assertThat(number.status()).as(number.raw().body()).isEqualTo(400);
        assertThat(number.text("field")).isEqualTo("decisionKnownOn");
        assertThat(mongo.getCollection("feedback").countDocuments()).isEqualTo(before);
    }

    /** The submission with the day its complainant received the decision or knew of the act. */
    private static String knownOn(String json, String day) {
        return json.replaceFirst("\\}\\s*$", ",\"decisionKnownOn\":\"" + day + "\"}");
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndNothingIsStoredOrPublished() {
        long before = mongo.getCollection("feedback").countDocuments();
        String valid = report(PHU_XUAN, "Hợp lệ");
        record Case(String json, int status, String field) {}
        List<Case> cases = List.of(
                new Case(
                        valid.replace("\"subject\":\"Hợp lệ\"", "\"subject\":\"" + "x".repeat(201) + "\""),
                        400,
                        "subject"),
                new Case(valid.replace("\"subject\":\"Hợp lệ\",", ""), 400, "subject"),
                new Case(valid.replace("\"REPORT\"", "\"GOSSIP\""), 400, "kind"),
                new Case(valid.replace(PHU_XUAN, "99999"), 400, "location.communeCode"),
                new Case(valid.replace(PHU_XUAN, HUE), 400, "location.communeCode"),
                new Case(valid.replace("\"infrastructure\"", "\"Nguyễn Văn Ba 0912000111\""), 422, "category"),
                new Case(valid.replace("\"APP\"", "\"IMPORT\""), 422, null),
                // a complaint nobody can be answered at, a denunciation without its denouncer: the group is named
                new Case(valid.replace("\"REPORT\"", "\"COMPLAINT\""), 422, "contact"),
                new Case(valid.replace("\"REPORT\"", "\"DENUNCIATION\""), 422, "denouncer"),
                // a subject or content of only invisible characters (zero-width space, joiners, word joiner, byte
                // order mark, no-break space) is as blank as one of spaces
                new Case(
                        valid.replace("\"subject\":\"Hợp lệ\"", "\"subject\":\"\u200B\u200C\u200D\u2060\uFEFF\""),
                        400,
                        "subject"),
                new Case(
                        valid.replaceFirst("\"content\":\"[^\"]*\"", "\"content\":\"\u00A0\u200B \u2060\u00AD\""),
                        400,
                        "content"),
                // a complaint needs its citizen's name: one of spaces is none
                new Case(complaint(PHU_XUAN, "Tên trống").replace("\"Nguyễn Văn An\"", "\"   \""), 400, "contact.name"),
                // values of another JSON type are not converted: 0 is no kind, true no subject, "21" no latitude
                new Case(valid.replace("\"REPORT\"", "0"), 400, "kind"),
                new Case(valid.replace("\"Hợp lệ\"", "true"), 400, "subject"),
                new Case(
                        valid.replace(
                                "\"communeCode\":\"" + PHU_XUAN + "\"",
                                "\"communeCode\":\"" + PHU_XUAN + "\",\"latitude\":\"16.4\""),
                        400,
                        "location.latitude"),
                new Case("{not json", 400, null));
        for (Case c : cases) {
            Answer answer = api.post("/api/v1/feedback", c.json(), null);
            assertThat(answer.status()).as(c.json()).isEqualTo(c.status());
            // a refused value may be personal data: the problem never repeats it
            assertThat(answer.raw().body()).doesNotContain("0912000111");
            assertThat(answer.raw().headers().firstValue("Content-Type")).hasValue("application/problem+json");
            if (c.field() != null) {
                assertThat(answer.raw().body()).as(c.json()).contains("\"" + c.field() + "\"");
            }
            if (c.field() != null && c.status() == 422) {
                // a rule about one field names it too
                assertThat(answer.text("field")).as(c.json()).isEqualTo(c.field());
            }
        }
        assertThat(mongo.getCollection("feedback").countDocuments()).isEqualTo(before);
    }

    @Test
    void fieldMessagesComeInTheCallersLanguageNeverBothAtOnce() {
        String unknownCommune = report("99999", "Mã sai");
        String province = report(HUE, "Không phải xã");
        String badPhone = complaint(PHU_XUAN, "Số sai").replace("0912345678", "12345");
        record Case(String json, String field, String vietnamese, String english) {}
        for (Case c : List.of(
                new Case(
                        unknownCommune,
                        "location.communeCode",
                        "mã đơn vị hành chính không tồn tại",
                        "unknown administrative unit code"),
                new Case(
                        province,
                        "location.communeCode",
                        "phải là mã của đơn vị loại xã/phường/đặc khu",
                        "must be the code of a unit of type commune/ward/special zone"),
                new Case(
                        badPhone,
                        "contact.phone",
                        "số điện thoại không hợp lệ: di động 10 chữ số bắt đầu bằng 03, 05, 07, 08 hoặc 09; cố định 11"
                                + " chữ số bắt đầu bằng 02 (có thể viết +84 thay cho số 0 đầu)",
                        "not a valid phone number: a mobile number of 10 digits starting 03, 05, 07, 08 or 09, or a"
                                + " landline of 11 digits starting 02 (+84 may replace the leading 0)"),
                // only zero-width characters: what the citizen sees, a blank subject
                new Case(report(PHU_XUAN, "\u200B\u2060"), "subject", "không được để trống", "must not be blank"))) {
            assertThat(fieldMessage(api.post("/api/v1/feedback", c.json(), null), c.field()))
                    .isEqualTo(c.vietnamese());
            assertThat(fieldMessage(api.post("/api/v1/feedback", c.json(), null, "Accept-Language", "en"), c.field()))
                    .isEqualTo(c.english());
        }
    }

    @Test
    void aPhoneNumberWrittenInGroupsIsKeptAsItsDigitsAndANumberNoNetworkHasIsRefused() {
        Answer grouped = api.post(
                "/api/v1/feedback",
                complaint(PHU_XUAN, "Số điện thoại viết cách").replace("0912345678", "0912 345.678"),
                null);
        assertThat(grouped.status()).as(grouped.raw().body()).isEqualTo(201);
        assertThat(api.get("/api/v1/feedback/" + grouped.text("id"), communeOfficer(PHU_XUAN))
                        .body()
                        .path("contact")
                        .path("phone")
                        .asString())
                .isEqualTo("0912345678");

        // 01x mobile prefixes were retired in 2018; a landline has 11 digits
        for (String wrong : List.of("0112345678", "0243123456")) {
            assertThat(fieldMessage(
                            api.post(
                                    "/api/v1/feedback",
                                    complaint(PHU_XUAN, "Số sai").replace("0912345678", wrong),
                                    null),
                            "contact.phone"))
                    .as(wrong)
                    .startsWith("số điện thoại không hợp lệ");
        }
    }

    private static String fieldMessage(Answer problem, String field) {
        assertThat(problem.status()).as(problem.raw().body()).isEqualTo(400);
        return problem.body()
                .get("errors")
                .valueStream()
                .filter(e -> field.equals(e.path("field").asString()))
                .map(e -> e.path("message").asString())
                .findFirst()
                .orElseThrow(() ->
                        new AssertionError(field + " not in " + problem.raw().body()));
    }

    private List<ConsumerRecord<String, byte[]>> eventsOf(String id, int atLeast) {
        try {
            // each try reads the class's whole topic from its beginning: on 2 busy cores one read took seconds, and a
            // run with builds beside it once missed 20 s (what it waits for is never slower than that when idle)
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> TopicRecords.readUntil(
                                            TestBackends.get().kafkaBootstrapServers(),
                                            TOPIC,
                                            Duration.ofSeconds(5),
                                            rs -> rs.stream()
                                                            .filter(r -> id.equals(r.key()))
                                                            .count()
                                                    >= atLeast)
                                    .stream()
                                    .filter(r -> id.equals(r.key()))
                                    .count()
                            >= atLeast);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            var all = TopicRecords.readAll(TestBackends.get().kafkaBootstrapServers(), TOPIC, Duration.ofSeconds(3));
            System.err.println("DEBUG topic has " + all.size() + " records, for " + id + ": "
                    + all.stream()
                            .filter(r -> id.equals(r.key()))
                            .map(r -> TopicRecords.header(r, "ce_type"))
                            .toList()
                    + " doc: "
                    + mongo.getCollection("feedback")
                            .find(new org.bson.Document("_id", id))
                            .first()
                            .toJson());
            throw e;
        }
        return TopicRecords.readUntil(
                        TestBackends.get().kafkaBootstrapServers(),
                        TOPIC,
                        Duration.ofSeconds(10),
                        rs -> rs.stream().filter(r -> id.equals(r.key())).count() >= atLeast)
                .stream()
                .filter(r -> id.equals(r.key()))
                .toList();
    }
}
