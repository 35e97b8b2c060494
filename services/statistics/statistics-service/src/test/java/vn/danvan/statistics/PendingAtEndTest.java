package vn.danvan.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.danvan.feedback.api.events.v1.Channel;
import vn.danvan.feedback.api.events.v1.FeedbackAnswered;
import vn.danvan.feedback.api.events.v1.FeedbackKind;
import vn.danvan.feedback.api.events.v1.FeedbackReceived;
import vn.danvan.feedback.api.events.v1.FeedbackReopened;
import vn.danvan.feedback.api.events.v1.FeedbackTransferred;
import vn.danvan.kit.events.EventSerializer;
import vn.danvan.kit.test.DanvanIntegrationTest;
import vn.danvan.kit.test.TestBackends;

/**
 * {@code feedback.pendingAtEnd}: what was pending at the end of a period (its last instant in Vietnam), against a real
 * broker. Lai Châu (12) and two of its communes are used by no other test, and this class has a store of its own, so
 * every item ever counted there is this test's: the running totals are exact numbers. "Now" is the machine's clock:
 * the items are dated in 2025 and 2026 up to 20 November 2026, so 2026 is either the current period or over, and its
 * end holds what is pending now either way.
 */
@DanvanIntegrationTest(
        properties = {
            "danvan.test.database=statistics_pending",
            "spring.cloud.stream.bindings.statisticsProjector-in-0.group=statistics-pending-${random.uuid}"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PendingAtEndTest {

    private static final String LAI_CHAU = "12";
    private static final String DOAN_KET = "03388";
    private static final String BINH_LU = "03390";

    @LocalServerPort
    int port;

    @Autowired
    EventSerializer serializer;

    @Autowired
    JsonMapper json;

    FeedbackEventsPublisher events;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void publish() {
        events = new FeedbackEventsPublisher(TestBackends.get().kafkaBootstrapServers(), serializer);
        // local time is UTC+7: 16:59Z is 23:59 that day, 17:00Z midnight starting the next
        // A, a complaint received in March 2025, answered in February 2026: pending at the end of 2025, not of 2026;
        // the only item of its category
        String a = id();
        received(a, FeedbackKind.COMPLAINT, "environment", DOAN_KET, "2025-03-10T03:00:00Z");
        events.publish(new FeedbackAnswered(
                a,
                FeedbackKind.COMPLAINT,
                Channel.WEB,
                "environment",
                DOAN_KET,
                at("2026-02-10T03:00:00Z"),
                null,
                true,
                3));
        // B received at 23:59 on 31 December 2025, answered in March 2026: pending at the end of 2025
        String b = id();
        received(b, FeedbackKind.REPORT, DOAN_KET, "2025-12-31T16:59:00Z");
        answered(b, FeedbackKind.REPORT, DOAN_KET, "2026-03-05T03:00:00Z");
        // C received at midnight starting 1 January 2026, still pending: not pending at the end of 2025
        received(id(), FeedbackKind.REPORT, DOAN_KET, "2025-12-31T17:00:00Z");
        // D received in June 2025, answered at 23:59 on 31 December 2025: not pending at the end of 2025
        String d = id();
        received(d, FeedbackKind.OPINION, DOAN_KET, "2025-06-01T03:00:00Z");
        answered(d, FeedbackKind.OPINION, DOAN_KET, "2025-12-31T16:59:00Z");
        // E received by Đoàn Kết in May 2025, transferred to Bình Lư on 15 August 2025, still pending
        String e = id();
        received(e, FeedbackKind.RECOMMENDATION, DOAN_KET, "2025-05-01T03:00:00Z");
        events.publish(new FeedbackTransferred(
                e,
                FeedbackKind.RECOMMENDATION,
                Channel.WEB,
                "land",
                DOAN_KET,
                BINH_LU,
                at("2025-08-15T03:00:00Z"),
                "NOT_COMPETENT",
                null));
        // F received by Bình Lư in November 2026, still pending
        received(id(), FeedbackKind.OPINION, BINH_LU, "2026-11-20T03:00:00Z");
        // H answered in April 2025, reopened in November 2025, answered again in May 2026
        String h = id();
        received(h, FeedbackKind.REPORT, DOAN_KET, "2025-02-01T03:00:00Z");
        answered(h, FeedbackKind.REPORT, DOAN_KET, "2025-04-01T03:00:00Z");
        events.publish(new FeedbackReopened(
                h, FeedbackKind.REPORT, Channel.WEB, "land", DOAN_KET, at("2025-11-01T03:00:00Z"), null));
        answered(h, FeedbackKind.REPORT, DOAN_KET, "2026-05-01T03:00:00Z");
        // a consultation comment owes no answer: never pending
        received(id(), FeedbackKind.CONSULTATION_COMMENT, BINH_LU, "2025-07-01T03:00:00Z");

        // each item's events are in order on its key's partition: wait for the last of each
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(figure(summary(LAI_CHAU, "2025", null), "feedback.answered"))
                    .isEqualTo(2);
            assertThat(figure(summary(LAI_CHAU, "2026", null), "feedback.answered"))
                    .isEqualTo(3);
            assertThat(figure(summary(LAI_CHAU, "2025", null), "feedback.transferredIn"))
                    .isEqualTo(1);
            assertThat(figure(summary(LAI_CHAU, "2025", null), "feedback.reopened"))
                    .isEqualTo(1);
            assertThat(figure(summary(LAI_CHAU, "2025", null), "feedback.received"))
                    .isEqualTo(6);
            assertThat(figure(summary(LAI_CHAU, "2026", null), "feedback.received"))
                    .isEqualTo(2);
        });
    }

    @AfterAll
    void close() {
        events.close();
    }

    @Test
    void aPastPeriodShowsWhatWasPendingAtItsLastInstantPerUnitAndRolledUp() throws Exception {
        // end of 2025: A, B, H (reopened) at Đoàn Kết; E at Bình Lư, where it was transferred
        assertPendingAtEnd("2025", 3, 1);
        // the half and the last day end at the same instant
        assertPendingAtEnd("2025-H2", 3, 1);
        assertPendingAtEnd("2025-12-31", 3, 1);
        // the first day of 2026 adds C, received at its first minute
        assertPendingAtEnd("2026-01-01", 4, 1);
        // end of June 2025: A, D and E (not transferred yet) at Đoàn Kết; H answered in April
        assertPendingAtEnd("2025-Q2", 3, 0);
        assertPendingAtEnd("2025-06", 3, 0);
        // end of September 2025: E has moved to Bình Lư
        assertPendingAtEnd("2025-Q3", 2, 1);
        assertPendingAtEnd("2025-9M", 2, 1);
        // end of Q1 2025: A and H
        assertPendingAtEnd("2025-Q1", 2, 0);
        // before anything was received
        assertPendingAtEnd("2024", 0, 0);
        assertPendingAtEnd("term:2020-2025", 0, 0);
        // the term 2025-2030 ends in the future: what is pending now
        assertPendingAtEnd("term:2025-2030", 1, 2);
    }

    @Test
    void theCurrentPeriodsPendingAtEndIsWhatIsPendingNow() throws Exception {
        for (String unit : List.of(DOAN_KET, BINH_LU, LAI_CHAU)) {
            JsonNode summary = summary(unit, "2026", null);
            assertThat(figure(summary, "feedback.pendingAtEnd"))
                    .as(unit)
                    .isEqualTo(figure(summary, "feedback.pendingNow"));
        }
        // C at Đoàn Kết, E and F at Bình Lư
        assertPendingAtEnd("2026", 1, 2);
        // and so for the month now and the year now, as every period containing now ends after it
        String month = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh"))
                .toString()
                .substring(0, 7);
        assertThat(figure(summary(LAI_CHAU, month, null), "feedback.pendingAtEnd"))
                .isEqualTo(figure(summary(LAI_CHAU, month, null), "feedback.pendingNow"))
                .isEqualTo(3);
    }

    @Test
    void pendingAtEndComparesWithTheOtherPeriodsEndLikeAnyCount() throws Exception {
        JsonNode pending = metric(summary(DOAN_KET, "2026", "previous"), "feedback.pendingAtEnd");
        assertThat(pending.path("value").asLong()).isEqualTo(1);
        assertThat(pending.path("previous").asLong()).isEqualTo(3);
        assertThat(pending.path("change").asLong()).isEqualTo(-2);
        assertThat(pending.path("percentOfPrevious").asDouble()).isEqualTo(33.3);
        // the 9 months of 2026 against those of 2025: at the end of September 2026 only C at Đoàn Kết (A, B and H
        // answered by then), against A and D a year earlier
        JsonNode nineMonths = metric(summary(DOAN_KET, "2026-9M", "year"), "feedback.pendingAtEnd");
        assertThat(nineMonths.path("value").asLong()).isEqualTo(1);
        assertThat(nineMonths.path("previous").asLong()).isEqualTo(2);
        // the gauges of now stay uncompared
        assertThat(metric(summary(DOAN_KET, "2026", "previous"), "feedback.pendingNow")
                        .path("previous")
                        .isNull())
                .isTrue();
    }

    @Test
    void breakdownsByChildAndByKindShowEachRowsPendingAtEnd() throws Exception {
        JsonNode byChild = get("/api/v1/statistics/breakdown?unit=" + LAI_CHAU + "&period=2025&by=child");
        assertThat(figure(byChild, DOAN_KET, "feedback.pendingAtEnd")).isEqualTo(3);
        assertThat(figure(byChild, BINH_LU, "feedback.pendingAtEnd")).isEqualTo(1);
        long sum = 0;
        for (JsonNode row : byChild.path("rows")) {
            sum += row.path("figures").path("feedback.pendingAtEnd").asLong();
        }
        assertThat(sum).isEqualTo(4);
        JsonNode byKind = get(
                "/api/v1/statistics/breakdown?unit=" + DOAN_KET + "&period=2025&by=kind",
                Map.of(
                        "Authorization",
                        "Bearer "
                                + vn.danvan.kit.test.identity.TestIdentityProvider.shared()
                                        .token("officer-" + DOAN_KET, DOAN_KET, "PROVINCE_OFFICER")));
        assertThat(figure(byKind, "COMPLAINT", "feedback.pendingAtEnd")).isEqualTo(1);
        assertThat(figure(byKind, "REPORT", "feedback.pendingAtEnd")).isEqualTo(2);
        assertThat(figure(byKind, "OPINION", "feedback.pendingAtEnd")).isZero();
        // by category: A's, in Q3 2025, in which nothing happened to it and after which it was answered
        JsonNode byCategory = get("/api/v1/statistics/breakdown?unit=" + DOAN_KET + "&period=2025-Q3&by=category");
        assertThat(figure(byCategory, "environment", "feedback.pendingAtEnd")).isEqualTo(1);
        assertThat(figure(byCategory, "environment", "feedback.received")).isZero();
        assertThat(figure(byCategory, "environment", "feedback.pendingNow")).isZero();
        assertThat(figure(byCategory, "land", "feedback.pendingAtEnd")).isOne(); // D
    }

    @Test
    void aSeriesCarriesEachStepsOwnPendingAtEndAndNoneForAStepNotBegun() throws Exception {
        JsonNode quarters = get("/api/v1/statistics/series?unit=" + DOAN_KET + "&period=2025&step=quarter", Map.of());
        List<Long> perQuarter = new java.util.ArrayList<>();
        for (JsonNode point : quarters.path("points")) {
            long value = point.path("figures").path("feedback.pendingAtEnd").asLong(-1);
            // each step's backlog is the one its own summary gives
            assertThat(value)
                    .as(point.path("period").asString())
                    .isEqualTo(
                            figure(summary(DOAN_KET, point.path("period").asString(), null), "feedback.pendingAtEnd"));
            perQuarter.add(value);
        }
        assertThat(perQuarter).hasSize(4).last().isEqualTo(3L); // the end of 2025: 3, as the year's summary says

        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh"));
        String thisQuarter = today.getYear() + "-Q" + ((today.getMonthValue() - 1) / 3 + 1);
        JsonNode term =
                get("/api/v1/statistics/series?unit=" + DOAN_KET + "&period=term:2025-2030&step=quarter", Map.of());
        JsonNode current = find(term.path("points"), "period", thisQuarter);
        assertThat(current.path("figures").path("feedback.pendingAtEnd").asLong())
                .isEqualTo(figure(summary(DOAN_KET, thisQuarter, null), "feedback.pendingNow"));
        JsonNode last = find(term.path("points"), "period", "2029-Q4");
        assertThat(last.path("figures").has("feedback.pendingAtEnd")).isFalse();
    }

    @Test
    void theReportTableHasPendingAtEndWithItsComparisonInsteadOfPendingNow() throws Exception {
        String csv = text("/api/v1/statistics/export?unit=" + LAI_CHAU + "&period=2026&format=csv");
        List<String> headers =
                List.of(csv.lines().findFirst().orElseThrow().substring(1).split(","));
        assertThat(headers).doesNotContain("Đang chờ giải quyết");
        int column = headers.indexOf("Tồn cuối kỳ (Năm 2026)");
        assertThat(column).isPositive();
        assertThat(headers.get(column + 1)).isEqualTo("Tồn cuối kỳ (kỳ trước: Năm 2025)");
        String doanKet = csv.lines()
                .filter(line -> line.startsWith(DOAN_KET + ","))
                .findFirst()
                .orElseThrow();
        // 1 at the end of 2026, 3 at the end of 2025: -2, 33.3 %
        assertThat(List.of(doanKet.split(",")).subList(column, column + 4)).containsExactly("1", "3", "-2", "33.3");
        String total = csv.lines()
                .filter(line -> line.startsWith(LAI_CHAU + ","))
                .findFirst()
                .orElseThrow();
        assertThat(List.of(total.split(",")).subList(column, column + 4)).containsExactly("3", "4", "-1", "75.0");
        assertThat(text("/api/v1/statistics/export?unit=" + LAI_CHAU + "&period=2026&format=csv&lang=en"))
                .contains("Pending at end of period");
    }

    private void assertPendingAtEnd(String period, long doanKet, long binhLu) throws Exception {
        assertThat(figure(summary(DOAN_KET, period, null), "feedback.pendingAtEnd"))
                .as(DOAN_KET + " " + period)
                .isEqualTo(doanKet);
        assertThat(figure(summary(BINH_LU, period, null), "feedback.pendingAtEnd"))
                .as(BINH_LU + " " + period)
                .isEqualTo(binhLu);
        assertThat(figure(summary(LAI_CHAU, period, null), "feedback.pendingAtEnd"))
                .as(LAI_CHAU + " " + period)
                .isEqualTo(doanKet + binhLu);
    }

    private void received(String id, FeedbackKind kind, String unit, String at) {
        received(id, kind, "land", unit, at);
    }

    private void received(String id, FeedbackKind kind, String category, String unit, String at) {
        events.publish(new FeedbackReceived(
                id, kind, Channel.WEB, category, unit, at(at), null, null, null, null, null, null));
    }

    private void answered(String id, FeedbackKind kind, String unit, String at) {
        events.publish(new FeedbackAnswered(id, kind, Channel.WEB, "land", unit, at(at), null, true, 3));
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }

    private JsonNode summary(String unit, String period, String compare) throws Exception {
        return get(
                "/api/v1/statistics/summary?unit=" + unit + "&period=" + period
                        + (compare == null ? "" : "&compare=" + compare),
                Map.of());
    }

    private static long figure(JsonNode summary, String metric) {
        JsonNode value = metric(summary, metric).path("value");
        assertThat(value.isNumber()).as(metric + " in " + summary).isTrue();
        return value.asLong();
    }

    private static JsonNode metric(JsonNode summary, String metric) {
        return find(summary.path("figures"), "metric", metric);
    }

    private static long figure(JsonNode breakdown, String rowKey, String metric) {
        JsonNode value =
                find(breakdown.path("rows"), "key", rowKey).path("figures").path(metric);
        assertThat(value.isNumber()).as(rowKey + " " + metric).isTrue();
        return value.asLong();
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode node : array) {
            if (value.equals(node.path(field).asString())) {
                return node;
            }
        }
        throw new AssertionError("no " + field + "=" + value + " in " + array);
    }

    private JsonNode get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20));
        headers.forEach(request::header);
        HttpResponse<String> response = http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private JsonNode get(String path) throws Exception {
        return get(path, Map.of());
    }

    private String text(String path) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }
}
