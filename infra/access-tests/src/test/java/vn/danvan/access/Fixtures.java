package vn.danvan.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import vn.danvan.kit.test.identity.TestIdentityProvider;

/**
 * Resources for the matrix to act on, all in {@value #COMMUNE} (Phường Ba Đình, Hà Nội), brought into the state an
 * action needs by that commune's own officer, straight at the service (what is under test is the matrix's call,
 * not these).
 */
final class Fixtures {

    /** Where every resource lives. */
    static final String COMMUNE = "00004";

    static final String PROVINCE = "01";
    static final String OTHER_PROVINCE = "79";

    private final Platform platform;
    private final String officer;

    Fixtures(Platform platform) {
        this.platform = platform;
        this.officer = TestIdentityProvider.shared().token("fixture-officer", COMMUNE, "COMMUNE_OFFICER");
    }

    record Item(String id, String trackingCode) {}

    Platform platform() {
        return platform;
    }

    /** A report in the given state: RECEIVED, ACCEPTED, ASSIGNED, IN_PROGRESS, ANSWERED or CLOSED. */
    Item report(String state) {
        return drive(submit(report()), state);
    }

    /** An accepted denunciation: only a (complex) denunciation's deadline may be extended. */
    Item acceptedDenunciation() {
        return drive(denunciation(), "ACCEPTED");
    }

    /** A report flagged as a possible repeat of an earlier one, awaiting an officer's decision. */
    Item flaggedRepeat() {
        String report = report();
        submit(report);
        Item repeat = submit(report);
        Call.Answer view = Call.get("/api/v1/feedback/" + repeat.id()).send(platform.feedback(), officer);
        assertThat(view.json().path("duplicateOf").path("state").asString())
                .as("the repeat is flagged")
                .isEqualTo("FLAGGED");
        return repeat;
    }

    /** A denunciation with its denouncer's sealed identity. */
    Item denunciation() {
        return submit(
                """
                {"kind":"DENUNCIATION","channel":"WEB","subject":"Tố cáo %s",
                 "content":"Cán bộ nhận tiền để hợp thức hoá đất lấn chiếm.","category":"land",
                 "location":{"communeCode":"%s"},
                 "denouncer":{"fullName":"Trần Thị Bình","idNumber":"001190012345","address":"Ba Đình",
                              "phone":"0987654321"}}"""
                        .formatted(UUID.randomUUID(), COMMUNE));
    }

    /** An import job started by the commune's officer. */
    String importJob() {
        Call.Answer job = importFile().send(platform.feedback(), officer);
        assertThat(job.status()).as(job.body()).isEqualTo(201);
        return job.text("id");
    }

    static Call importFile() {
        return Call.multipart(
                "/api/v1/feedback/imports",
                "thu.csv",
                "kind,subject,content,category,communeCode,address,contactName,contactPhone\n"
                        + "REPORT,Thư " + UUID.randomUUID() + ",Đường ngập khi mưa,infrastructure," + COMMUNE
                        + ",Ba Đình,,\n");
    }

    /** A statistics rebuild started by an administrator (waiting while another one runs). */
    String rebuildJob() {
        String admin = TestIdentityProvider.shared().token("fixture-admin", null, "ADMIN");
        for (int attempt = 0; attempt < 120; attempt++) {
            Call.Answer started = Call.post("/api/v1/statistics/rebuild", null).send(platform.statistics(), admin);
            if (started.status() == 202) {
                return started.text("jobId");
            }
            assertThat(started.status()).as(started.body()).isEqualTo(409);
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("a rebuild kept running for a minute");
    }

    /** A consultation of the commune, open for comments now. */
    String openConsultation() {
        Call.Answer opened = openConsultationCall().send(platform.feedback(), officer);
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        return opened.text("id");
    }

    static Call openConsultationCall() {
        Instant now = Instant.now();
        return Call.post(
                "/api/v1/consultations",
                """
                {"title": "Dự thảo quy chế dân chủ ở cơ sở %s",
                 "sections": [{"heading": "Chương I", "articles": [{"id": "dieu-1", "title": "Điều 1"}]}],
                 "unitCodes": ["%s"], "opensAt": "%s", "closesAt": "%s"}"""
                        .formatted(
                                UUID.randomUUID(),
                                COMMUNE,
                                now.minus(Duration.ofHours(1)),
                                now.plus(Duration.ofDays(30))));
    }

    static Call submitReport() {
        return Call.post("/api/v1/feedback", report());
    }

    private static String report() {
        String tag = UUID.randomUUID().toString();
        return """
                {"kind":"REPORT","channel":"WEB","subject":"Đèn đường hỏng %1$s",
                 "content":"Đèn đường ở ngõ %1$s hỏng ba tuần nay, đi lại ban đêm rất nguy hiểm.",
                 "category":"infrastructure","location":{"communeCode":"%2$s"},
                 "contact":{"name":"Lê Văn Cường","phone":"0905111222"}}"""
                .formatted(tag, COMMUNE);
    }

    private Item submit(String json) {
        Call.Answer receipt = Call.post("/api/v1/feedback", json).send(platform.feedback(), null);
        assertThat(receipt.status()).as(receipt.body()).isEqualTo(201);
        return new Item(receipt.text("id"), receipt.text("trackingCode"));
    }

    private Item drive(Item item, String state) {
        String[][] steps = {
            {"ACCEPTED", "accept", null},
            {"ASSIGNED", "assign", "{\"assignee\":\"can-bo-7\"}"},
            {"IN_PROGRESS", "start", null},
            {"ANSWERED", "answer", "{\"text\":\"Đã thay bóng đèn.\"}"},
            {"CLOSED", "close", null}
        };
        if (state.equals("RECEIVED")) {
            return item;
        }
        for (String[] step : steps) {
            Call.Answer moved = Call.post("/api/v1/feedback/" + item.id() + "/" + step[1], step[2])
                    .send(platform.feedback(), officer);
            assertThat(moved.status()).as(step[1] + " " + moved.body()).isEqualTo(200);
            if (step[0].equals(state)) {
                return item;
            }
        }
        throw new IllegalArgumentException("no such state " + state);
    }
}
