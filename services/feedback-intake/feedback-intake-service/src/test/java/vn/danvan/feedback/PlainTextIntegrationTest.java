package vn.danvan.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.danvan.feedback.feedback.FeedbackApi.communeOfficer;
import static vn.danvan.feedback.feedback.FeedbackApi.provinceOfficer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;
import vn.danvan.feedback.feedback.FeedbackApi;
import vn.danvan.feedback.feedback.FeedbackApi.Answer;
import vn.danvan.kit.test.DanvanIntegrationTest;

/**
 * Control characters and text direction controls in what people write for officers and citizens to read (the security
 * review's repro: "rtl", U+202E, "gnp.exe" reads as "exe.png"): refused with a 400 naming each field and each character
 * by its code point, and nothing of the request is stored or published; line breaks stay where a text has lines.
 */
@DanvanIntegrationTest(properties = "danvan.test.database=feedback_plain_text")
class PlainTextIntegrationTest {

    static final String PHU_XUAN = "19753"; // Phường Phú Xuân, Huế
    static final String HUE = "46";

    static final String OVERRIDE_VI =
            "không được chứa ký tự điều khiển hướng chữ U+202E: ký tự này làm chữ hiện ra khác" + " thứ tự đã viết";

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @Test
    void aSubmissionWithThemIsRefusedNamingEachFieldAndCharacterAndNothingIsStored() {
        FeedbackApi api = new FeedbackApi(port);
        long items = items();

        // the repro, as the review sent it
        Answer refused = api.post(
                "/api/v1/feedback",
                """
                {"kind":"REPORT","channel":"WEB","subject":"rtl \\u202egnp.exe\\u202c \\u0000 nul \\u0007 bell",
                 "content":"Đèn đường hỏng.","category":"infrastructure",
                 "location":{"communeCode":"%s","address":"\\u0000\\u202e"},
                 "contact":{"name":"\\u202e\\u0000 x","address":"\\u0000"}}"""
                        .formatted(PHU_XUAN),
                null);

        assertThat(messagesByField(refused))
                .containsOnlyKeys("subject", "location.address", "contact.name", "contact.address");
        assertThat(messagesByField(refused).get("subject"))
                .containsExactlyInAnyOrder(
                        OVERRIDE_VI,
                        "không được chứa ký tự điều khiển hướng chữ U+202C: ký tự này làm chữ hiện ra khác thứ tự đã"
                                + " viết",
                        "không được chứa ký tự điều khiển U+0000",
                        "không được chứa ký tự điều khiển U+0007");
        assertThat(messagesByField(refused).get("contact.address"))
                .containsExactly("không được chứa ký tự điều khiển U+0000");
        assertThat(refused.raw().body()).doesNotContain("gnp", "nul", "bell", "\\u0000", "\u202E");
        // in English when the client prefers it
        Answer english = api.post(
                "/api/v1/feedback",
                report("Đèn hỏng \\u202e", "Đèn đường hỏng.", "Kiệt 5"),
                null,
                "Accept-Language",
                "en");
        assertThat(messagesByField(english))
                .isEqualTo(Map.of(
                        "subject",
                        List.of("must not contain the text direction control U+202E: it makes the text show in another"
                                + " order than it was written")));
        // a subject is one line; a content and an address keep their lines
        assertThat(messagesByField(api.post("/api/v1/feedback", report("Đèn\\nhỏng", "Đèn hỏng.", null), null)))
                .isEqualTo(Map.of("subject", List.of("phải viết trên một dòng: không được xuống dòng (ký tự U+000A)")));
        // a complaint's contact reached only through a NUL, or through nothing to see, reaches no one
        Answer nul = api.post("/api/v1/feedback", complaint("\\u0000"), null);
        assertThat(messagesByField(nul)).containsOnlyKeys("contact.address");
        Answer invisible = api.post("/api/v1/feedback", complaint("\\u200b\\ufeff"), null);
        assertThat(invisible.status()).as(invisible.raw().body()).isEqualTo(422);
        assertThat(invisible.text("code")).isEqualTo("feedback.complaint.contact-required");
        // a denouncer's name, sealed in the vault, is refused alike
        Answer denouncer = api.post(
                "/api/v1/feedback",
                """
                {"kind":"DENUNCIATION","channel":"APP","subject":"Tố cáo %s","content":"Nội dung tố cáo.",
                 "category":"land","location":{"communeCode":"%s"},
                 "denouncer":{"fullName":"Lê\\u2066 Văn Bình","address":"Phú Xuân"}}"""
                        .formatted(UUID.randomUUID(), PHU_XUAN),
                null);
        assertThat(messagesByField(denouncer)).containsOnlyKeys("denouncer.fullName");
        assertThat(items()).isEqualTo(items);

        String content = "Kính gửi UBND phường,\\r\\n\\tĐèn đường kiệt 5 hỏng 👍\\nXin cảm ơn.";
        Answer accepted =
                api.post("/api/v1/feedback", report("Đèn hỏng " + UUID.randomUUID(), content, "Số 12\\nKiệt 5"), null);
        assertThat(accepted.status()).as(accepted.raw().body()).isEqualTo(201);
        Document stored = item(accepted.text("id"));
        assertThat(stored.getString("content"))
                .isEqualTo("Kính gửi UBND phường,\r\n\tĐèn đường kiệt 5 hỏng 👍\nXin cảm ơn.");
        assertThat(stored.get("location", Document.class).getString("address")).isEqualTo("Số 12\nKiệt 5");
        assertThat(items()).isEqualTo(items + 1);
    }

    @Test
    void anOfficersAnswerOrNoteWithThemIsRefusedAndTheItemIsNeitherChangedNorPublished() {
        FeedbackApi api = new FeedbackApi(port);
        var officer = communeOfficer(PHU_XUAN);
        Answer receipt = api.post("/api/v1/feedback", report("Đèn hỏng " + UUID.randomUUID(), "Đèn hỏng.", null), null);
        assertThat(receipt.status()).as(receipt.raw().body()).isEqualTo(201);
        String id = receipt.text("id");
        String item = "/api/v1/feedback/" + id;
        assertThat(api.post(item + "/accept", null, officer).status()).isEqualTo(200);
        assertThat(api.post(item + "/assign", "{\"assignee\":\"can-bo-7\"}", officer)
                        .status())
                .isEqualTo(200);
        // what was saved is published; then nothing may be added to the item's outbox
        await().atMost(Duration.ofSeconds(30)).until(() -> item(id).get("outboxPendingSince") == null);
        Document before = item(id);

        Map<String, String> refusedFields = new TreeMap<>();
        for (String[] action : List.of(
                new String[] {"answer", "{\"text\":\"Đã sửa xong.\\n\\u202eSai\"}", "text"},
                new String[] {"reject", "{\"reason\":\"OUT_OF_SCOPE\",\"note\":\"\\u2067ghi chú\"}", "note"},
                new String[] {
                    "transfer", "{\"toUnit\":\"19774\",\"reason\":\"WRONG_AREA\",\"note\":\"\\u0000\"}", "note"
                },
                new String[] {"extend", "{\"complexity\":\"COMPLEX\",\"reason\":\"Phức tạp\\u001b[2J\"}", "reason"},
                new String[] {"assign", "{\"assignee\":\"can-bo-8\\t\"}", "assignee"},
                new String[] {"decide-withdrawal", "{\"end\":false,\"note\":\"\\u0085\"}", "note"})) {
            Answer refused = api.post(item + "/" + action[0], action[1], officer);
            assertThat(messagesByField(refused)).as(action[0]).containsOnlyKeys(action[2]);
            refusedFields.put(action[0], action[2]);
        }
        Answer reopen = api.post(
                item + "/reopen",
                "{\"trackingCode\":\"" + receipt.text("trackingCode") + "\",\"reason\":\"\\u202dchưa thoả đáng\"}",
                null);
        assertThat(messagesByField(reopen)).containsOnlyKeys("reason");
        assertThat(refusedFields).hasSize(6);

        Document after = item(id);
        assertThat(after.get("version")).isEqualTo(before.get("version"));
        assertThat(after.get("outbox")).isEqualTo(before.get("outbox"));
        assertThat(after.get("outboxPendingSince")).isNull();
        assertThat(after.getString("status")).isEqualTo("ASSIGNED");
        assertThat(after.getString("assignee")).isEqualTo("can-bo-7");
        assertThat(after.getString("answer")).isNull();
        assertThat(after.getList("timeline", Document.class)).hasSameSizeAs(before.getList("timeline", Document.class));

        // an answer of several lines, with a tab, is an answer
        Answer answered = api.post(item + "/answer", "{\"text\":\"Đã thay đèn.\\n\\tCảm ơn bạn.\"}", officer);
        assertThat(answered.status()).as(answered.raw().body()).isEqualTo(200);
        assertThat(item(id).getString("answer")).isEqualTo("Đã thay đèn.\n\tCảm ơn bạn.");
    }

    @Test
    void aConsultationCommentOrTitleWithThemIsRefusedAndNothingIsStored() {
        FeedbackApi api = new FeedbackApi(port);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String consultation =
                """
                {"title":"Dự thảo Luật sửa đổi%s","sections":[{"heading":"Chương I","articles":[{"id":"dieu-1",
                 "title":"Điều 1%s"}]}],"unitCodes":["%s"],"opensAt":"%s","closesAt":"%s"}""";
        long consultations = count("consultations");

        Answer refusedConsultation = api.post(
                "/api/v1/consultations",
                consultation.formatted(
                        "\\u202e", "\\u0007", HUE, now.minus(1, ChronoUnit.HOURS), now.plus(2, ChronoUnit.DAYS)),
                provinceOfficer(HUE));
        assertThat(messagesByField(refusedConsultation)).containsOnlyKeys("title", "sections[0].articles[0].title");
        assertThat(count("consultations")).isEqualTo(consultations);

        Answer opened = api.post(
                "/api/v1/consultations",
                consultation.formatted("", "", HUE, now.minus(1, ChronoUnit.HOURS), now.plus(2, ChronoUnit.DAYS)),
                provinceOfficer(HUE));
        assertThat(opened.status()).as(opened.raw().body()).isEqualTo(201);
        String comments = "/api/v1/consultations/" + opened.text("id") + "/comments";
        long stored = count("consultation_comments");

        Answer refused = api.post(
                comments,
                "{\"articleId\":\"dieu-1\",\"stance\":\"PROPOSE_CHANGE\",\"text\":\"Đề nghị \\u2066sửa\\u2069 khoản 2\"}",
                null);
        assertThat(messagesByField(refused))
                .isEqualTo(Map.of(
                        "text",
                        List.of(
                                "không được chứa ký tự điều khiển hướng chữ U+2066: ký tự này làm chữ hiện ra khác thứ"
                                        + " tự đã viết",
                                "không được chứa ký tự điều khiển hướng chữ U+2069: ký tự này làm chữ hiện ra khác thứ"
                                        + " tự đã viết")));
        assertThat(count("consultation_comments")).isEqualTo(stored);

        Answer accepted = api.post(
                comments,
                "{\"articleId\":\"dieu-1\",\"stance\":\"PROPOSE_CHANGE\",\"text\":\"Đề nghị:\\n- sửa khoản 2\"}",
                null);
        assertThat(accepted.status()).as(accepted.raw().body()).isEqualTo(201);
        assertThat(count("consultation_comments")).isEqualTo(stored + 1);
    }

    @Test
    void anImportRowWithThemIsReportedByRowColumnAndCharacterAndNotImported() {
        FeedbackApi api = new FeedbackApi(port);
        String tag = UUID.randomUUID().toString();
        String csv = String.join(
                "\n",
                "kind,subject,content,category,communeCode,address,contactName,contactPhone",
                "REPORT,Đường ngập " + tag + ",Mưa lớn đường ngập sâu,infrastructure,19753,Kiệt 3,,",
                "REPORT,Ảnh \u202Egnp.exe " + tag + ",Nội dung,infrastructure,19753,,,",
                "COMPLAINT,Khiếu nại " + tag + ",Chưa được bồi thường,land,19753,,Lê\u0000 Văn Bình,0905123456",
                "REPORT,Địa chỉ " + tag + ",Nội dung,infrastructure,19753,\"Số 12\nKiệt 5\",,");
        long items = items();

        Answer job = api.upload(
                "/api/v1/feedback/imports", "thu.csv", csv.getBytes(StandardCharsets.UTF_8), communeOfficer(PHU_XUAN));

        assertThat(job.status()).as(job.raw().body()).isEqualTo(201);
        assertThat(job.body().get("imported").asInt()).isEqualTo(2);
        JsonNode errors = job.body().get("errors");
        assertThat(errors.valueStream()
                        .map(e -> e.get("row").asInt() + ":" + e.get("field").asString()))
                .containsExactly("3:subject", "4:contactName");
        assertThat(errors.get(0).get("reason").asString()).isEqualTo(OVERRIDE_VI);
        assertThat(errors.get(1).get("reason").asString()).isEqualTo("không được chứa ký tự điều khiển U+0000");
        assertThat(items()).isEqualTo(items + 2);
        assertThat(mongo.getCollection("feedback").countDocuments(new Document("subject", new Document("$regex", tag))))
                .isEqualTo(2);
    }

    private static String report(String subject, String content, String address) {
        return """
                {"kind":"REPORT","channel":"APP","subject":"%s","content":"%s","category":"infrastructure",
                 "location":{"communeCode":"%s"%s}}"""
                .formatted(subject, content, PHU_XUAN, address == null ? "" : ",\"address\":\"" + address + "\"");
    }

    private static String complaint(String contactAddress) {
        return """
                {"kind":"COMPLAINT","channel":"WEB","subject":"Khiếu nại %s",
                 "content":"Quyết định thu hồi đất chưa bồi thường đúng diện tích.","category":"land",
                 "location":{"communeCode":"%s"},"contact":{"name":"Nguyễn Văn An","address":"%s"}}"""
                .formatted(UUID.randomUUID(), PHU_XUAN, contactAddress);
    }

    /** A validation problem's messages by field, each field's in the problem's order. */
    private static Map<String, List<String>> messagesByField(Answer problem) {
        assertThat(problem.status()).as(problem.raw().body()).isEqualTo(400);
        assertThat(problem.text("type")).isEqualTo("urn:danvan:problem:validation-failed");
        Map<String, List<String>> messages = new TreeMap<>();
        problem.body().get("errors").forEach(error -> messages.computeIfAbsent(
                        error.path("field").asString(), f -> new ArrayList<>())
                .add(error.path("message").asString()));
        return messages;
    }

    private long items() {
        return count("feedback");
    }

    private long count(String collection) {
        return mongo.getCollection(collection).countDocuments();
    }

    private Document item(String id) {
        return mongo.getCollection("feedback").find(new Document("_id", id)).first();
    }
}
