package vn.danvan.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.danvan.feedback.api.events.v1.Channel;
import vn.danvan.feedback.api.events.v1.CommentStance;
import vn.danvan.feedback.api.events.v1.ConsultationCommentReceived;
import vn.danvan.feedback.api.events.v1.FeedbackAccepted;
import vn.danvan.feedback.api.events.v1.FeedbackAnswered;
import vn.danvan.feedback.api.events.v1.FeedbackClosed;
import vn.danvan.feedback.api.events.v1.FeedbackKind;
import vn.danvan.feedback.api.events.v1.FeedbackOverdue;
import vn.danvan.feedback.api.events.v1.FeedbackRated;
import vn.danvan.feedback.api.events.v1.FeedbackReceived;
import vn.danvan.feedback.api.events.v1.FeedbackRejected;
import vn.danvan.feedback.api.events.v1.FeedbackReopened;
import vn.danvan.feedback.api.events.v1.FeedbackTransferred;
import vn.danvan.feedback.api.events.v1.FeedbackWithdrawn;
import vn.danvan.kit.consumer.DeadLetters;
import vn.danvan.kit.consumer.ReceivedEvent;
import vn.danvan.kit.contract.DomainEvent;
import vn.danvan.kit.contract.EventStream;
import vn.danvan.kit.events.CloudEventHeaders;
import vn.danvan.kit.events.EventSerializer;
import vn.danvan.kit.test.DanvanIntegrationTest;
import vn.danvan.kit.test.TestBackends;
import vn.danvan.kit.test.TopicRecords;
import vn.danvan.kit.test.identity.TestIdentityProvider;
import vn.danvan.statistics.api.events.v1.StatisticsChanged;
import vn.danvan.statistics.figures.Generations;
import vn.danvan.statistics.projection.Projector;
import vn.danvan.statistics.projection.Replay;
import vn.danvan.statistics.projection.SourceRecords;

/**
 * The statistics against a real broker: feedback-intake's event records published on danvan.feedback.v1 with
 * CloudEvents headers, figures read through the HTTP API. Each test uses its own year and communes of Đà Nẵng (48),
 * so their figures do not mix.
 */
@DanvanIntegrationTest(
        properties = {
            "danvan.test.database=statistics_it",
            // a group of this context's own: another test context of the module must not take its partitions
            "spring.cloud.stream.bindings.statisticsProjector-in-0.group=statistics-it-${random.uuid}",
            "danvan.statistics.stream.heartbeat=200ms",
            "danvan.statistics.stream.max-subscribers=" + StatisticsIntegrationTest.MAX_STREAMS,
            // a rebuild of this test's few hundred events writes in several flushes (inserts, then upserts)
            "danvan.statistics.rebuild.flush-documents=60",
            // an idle projector catches up with another replica's switch of generations at its idle events
            "spring.cloud.stream.kafka.bindings.statisticsProjector-in-0.consumer.idle-event-interval=300"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StatisticsIntegrationTest {

    /** Streams this instance serves at once: the other tests open one or two at a time. */
    static final int MAX_STREAMS = 3;

    private static final String DA_NANG = "48";
    private static final String THANH_KHE = "20209";
    private static final String HOA_KHANH = "20200";
    private static final String HAI_VAN = "20194";
    private static final String LIEN_CHIEU = "20197";
    private static final String HAI_CHAU = "20242";
    private static final String SON_TRA = "20263";

    @LocalServerPort
    int port;

    @Autowired
    EventSerializer serializer;

    @Autowired
    JsonMapper json;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    org.springframework.context.ConfigurableApplicationContext context;

    @Autowired
    MeterRegistry meters;

    @Autowired
    DeadLetters deadLetters;

    @Autowired
    Projector projector;

    @Autowired
    Generations generations;

    FeedbackEventsPublisher events;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void publisher() {
        events = new FeedbackEventsPublisher(TestBackends.get().kafkaBootstrapServers(), serializer);
    }

    @AfterAll
    void close() {
        events.close();
    }

    @Test
    void exactFiguresForEveryDimensionAndPeriodBoundary() throws Exception {
        String f1 = id();
        String f2 = id();
        String f3 = id();
        // 23:59 on 30 June 2031 in Vietnam, and midnight starting 1 July
        received(f1, FeedbackKind.COMPLAINT, Channel.WEB, "land", THANH_KHE, "2031-06-30T16:59:00Z");
        received(f2, FeedbackKind.REPORT, Channel.HOTLINE, "environment", THANH_KHE, "2031-06-30T17:00:00Z");
        events.publish(new FeedbackAccepted(
                f1,
                FeedbackKind.COMPLAINT,
                Channel.WEB,
                "land",
                THANH_KHE,
                at("2031-07-01T02:00:00Z"),
                at("2031-08-01T16:59:59Z"),
                true));
        events.publish(new FeedbackAnswered(
                f1,
                FeedbackKind.COMPLAINT,
                Channel.WEB,
                "land",
                THANH_KHE,
                at("2031-07-03T02:00:00Z"),
                at("2031-08-01T16:59:59Z"),
                true,
                3));
        events.publish(new FeedbackRated(
                f1, FeedbackKind.COMPLAINT, Channel.WEB, "land", THANH_KHE, at("2031-07-04T02:00:00Z"), 4));
        events.publish(new FeedbackOverdue(
                f2,
                FeedbackKind.REPORT,
                Channel.HOTLINE,
                "environment",
                THANH_KHE,
                at("2031-07-06T00:00:00Z"),
                "ACCEPTANCE",
                at("2031-07-03T16:59:59Z")));
        // the last minute of the quarter, answered late in the next one
        received(f3, FeedbackKind.COMPLAINT, Channel.LETTER, "other", THANH_KHE, "2031-09-30T16:59:59Z");
        events.publish(new FeedbackAnswered(
                f3,
                FeedbackKind.COMPLAINT,
                Channel.LETTER,
                "other",
                THANH_KHE,
                at("2031-10-01T01:00:00Z"),
                at("2031-09-30T16:59:59Z"),
                false,
                10));

        awaitFigure(THANH_KHE, "2031", "feedback.answered", 2);

        assertThat(figure(summary(THANH_KHE, "2031-06-30", null), "feedback.received"))
                .isEqualTo(1);
        assertThat(figure(summary(THANH_KHE, "2031-07-01", null), "feedback.received"))
                .isEqualTo(1);
        assertThat(figure(summary(THANH_KHE, "2031-06", null), "feedback.received"))
                .isEqualTo(1);
        assertThat(figure(summary(THANH_KHE, "2031-07", null), "feedback.received"))
                .isEqualTo(1);
        assertThat(figure(summary(THANH_KHE, "2031-Q2", null), "feedback.received"))
                .isEqualTo(1);
        assertThat(figure(summary(THANH_KHE, "2031-Q3", null), "feedback.received"))
                .isEqualTo(2);
        assertThat(figure(summary(THANH_KHE, "2031-Q4", null), "feedback.received"))
                .isEqualTo(0);
        assertThat(figure(summary(THANH_KHE, "2031-H1", null), "feedback.received"))
                .isEqualTo(1);
        assertThat(figure(summary(THANH_KHE, "2031-H2", null), "feedback.received"))
                .isEqualTo(2);
        assertThat(figure(summary(THANH_KHE, "2031-9M", null), "feedback.received"))
                .isEqualTo(3);
        assertThat(figure(summary(THANH_KHE, "term:2030-2035", null), "feedback.received"))
                .isEqualTo(3);
        assertThat(figure(summary(THANH_KHE, "term:2025-2030", null), "feedback.received"))
                .isEqualTo(0);

        JsonNode year = summary(THANH_KHE, "2031", null);
        assertThat(figure(year, "feedback.received")).isEqualTo(3);
        assertThat(figure(year, "feedback.accepted")).isEqualTo(1);
        assertThat(figure(year, "feedback.answeredOnTime")).isEqualTo(1);
        assertThat(figure(year, "feedback.answeredLate")).isEqualTo(1);
        assertThat(number(year, "feedback.onTimeRatePercent")).isEqualTo(50.0);
        assertThat(number(year, "feedback.answerWorkingDaysAvg")).isEqualTo(6.5);
        assertThat(number(year, "feedback.answerWorkingDaysP90")).isEqualTo(10.0);
        assertThat(number(year, "feedback.ratingAvg")).isEqualTo(4.0);
        assertThat(figure(year, "feedback.pendingNow")).isEqualTo(1);
        assertThat(figure(year, "feedback.overdueNow")).isEqualTo(1);
        assertThat(figure(summary(THANH_KHE, "2031-Q4", null), "feedback.answeredLate"))
                .isEqualTo(1);
        // the term holds no other year of this commune: every figure, ratios and histograms included, is the year's
        JsonNode term = summary(THANH_KHE, "term:2030-2035", null);
        for (String metric : List.of(
                "feedback.received",
                "feedback.accepted",
                "feedback.answeredOnTime",
                "feedback.answeredLate",
                "feedback.onTimeRatePercent",
                "feedback.answerWorkingDaysAvg",
                "feedback.answerWorkingDaysP90",
                "feedback.ratingAvg")) {
            assertThat(number(term, metric)).as(metric).isEqualTo(number(year, metric));
        }
        // the 9 months are summed from Q1-Q3 when read (not stored): the answer of 30 September, not the one of 1
        // October, ratios and histograms included
        JsonNode nineMonths = summary(THANH_KHE, "2031-9M", null);
        assertThat(figure(nineMonths, "feedback.answered")).isEqualTo(1);
        assertThat(number(nineMonths, "feedback.answerWorkingDaysP90"))
                .isEqualTo(number(summary(THANH_KHE, "2031-Q3", null), "feedback.answerWorkingDaysP90"));
        assertThat(figure(summary(DA_NANG, "2031", null), "feedback.received")).isEqualTo(3);
        assertThat(figure(summary(DA_NANG, "2031-Q3", null), "feedback.answered"))
                .isEqualTo(1);

        // compared with the previous quarter: 2 against 1
        JsonNode compared = summary(THANH_KHE, "2031-Q3", "previous");
        assertThat(compared.path("comparedWith").path("key").asString()).isEqualTo("2031-Q2");
        JsonNode received = metric(compared, "feedback.received");
        assertThat(received.path("previous").asLong()).isEqualTo(1);
        assertThat(received.path("change").asLong()).isEqualTo(1);
        assertThat(received.path("percentOfPrevious").asDouble()).isEqualTo(200.0);
        assertThat(summary(THANH_KHE, "2031-Q3", "year")
                        .path("comparedWith")
                        .path("key")
                        .asString())
                .isEqualTo("2030-Q3");
        assertThat(summary(THANH_KHE, "2031-Q3", null).path("comparedWith").isNull())
                .isTrue();

        // an officer's: the public sees complaints within "complaints and denunciations"
        // (thePublicSeesDenunciations...)
        JsonNode byKind =
                get("/api/v1/statistics/breakdown?unit=" + THANH_KHE + "&period=2031&by=kind", officer(DA_NANG));
        assertThat(figure(byKind, "COMPLAINT", "feedback.received")).isEqualTo(2);
        assertThat(row(byKind, "COMPLAINT").path("label").asString()).isEqualTo("Khiếu nại");
        assertThat(figure(byKind, "REPORT", "feedback.received")).isEqualTo(1);
        assertThat(figure(byKind, "REPORT", "feedback.overdueNow")).isEqualTo(1);
        JsonNode byChannel = get("/api/v1/statistics/breakdown?unit=" + THANH_KHE + "&period=2031&by=channel");
        assertThat(figure(byChannel, "LETTER", "feedback.answeredLate")).isEqualTo(1);
        assertThat(figure(byChannel, "HOTLINE", "feedback.received")).isEqualTo(1);
        JsonNode byCategory = get("/api/v1/statistics/breakdown?unit=" + THANH_KHE + "&period=2031&by=category");
        assertThat(figure(byCategory, "land", "feedback.answeredOnTime")).isEqualTo(1);
        assertThat(figure(byCategory, "environment", "feedback.received")).isEqualTo(1);
        assertThat(get("/api/v1/statistics/breakdown?unit=" + THANH_KHE + "&period=2031&by=field")
                        .path("rows")
                        .size())
                .isZero();

        JsonNode byChild = get("/api/v1/statistics/breakdown?unit=" + DA_NANG + "&period=2031&by=child");
        assertThat(byChild.path("rows").size()).isEqualTo(94);
        assertThat(row(byChild, THANH_KHE)
                        .path("figures")
                        .path("feedback.received")
                        .asLong())
                .isEqualTo(3);
        assertThat(row(byChild, HAI_CHAU)
                        .path("figures")
                        .path("feedback.received")
                        .asLong())
                .isZero();

        JsonNode series =
                get("/api/v1/statistics/series?unit=" + THANH_KHE + "&period=2031-Q3&step=month", officer(DA_NANG));
        assertThat(series.path("points").size()).isEqualTo(3);
        assertThat(series.path("points").get(0).path("period").asString()).isEqualTo("2031-07");
        // a step's point holds what happened in it: no gauge of today (pending, overdue) in July 2031
        assertThat(series.path("points").get(0).path("figures").has("feedback.pendingNow"))
                .isFalse();
        assertThat(series.path("points").get(0).path("figures").has("feedback.overdueNow"))
                .isFalse();
        assertThat(series.path("points")
                        .get(0)
                        .path("figures")
                        .path("feedback.received")
                        .asLong())
                .isEqualTo(1);
        assertThat(series.path("points")
                        .get(1)
                        .path("figures")
                        .path("feedback.received")
                        .asLong())
                .isZero();
        assertThat(series.path("points")
                        .get(2)
                        .path("byKind")
                        .path("COMPLAINT")
                        .path("feedback.received")
                        .asLong())
                .isEqualTo(1);

        // no inactive units here: this test's year lies ahead, which inactive-units refuses (its own test below)

        // the overdue list is an officer's, within their scope
        assertThat(status("/api/v1/statistics/overdue?unit=" + DA_NANG, Map.of()))
                .isEqualTo(401);
        assertThat(status("/api/v1/statistics/overdue?unit=" + DA_NANG, officer("01")))
                .isEqualTo(404);
        JsonNode overdue = get("/api/v1/statistics/overdue?unit=" + DA_NANG, officer(DA_NANG));
        JsonNode thanhKhe = find(overdue.path("units"), "code", THANH_KHE);
        assertThat(thanhKhe.path("overdue").asInt()).isEqualTo(1);
        assertThat(thanhKhe.path("items").get(0).path("feedbackId").asString()).isEqualTo(f2);
        assertThat(thanhKhe.path("items").get(0).path("kind").asString()).isEqualTo("REPORT");
        assertThat(thanhKhe.path("items").get(0).path("dueAt").asString()).isEqualTo("2031-07-03T16:59:59Z");
        // on MongoDB the list is read from an index by unit and due time, made with the generation's first read
        List<String> indexes = new ArrayList<>();
        mongo.getCollection(Generations.collection(
                        "overdue", context.getBean(Generations.class).active()))
                .listIndexes()
                .forEach(index -> indexes.add(index.getString("name")));
        assertThat(indexes).contains("chain_1_dueAt_1");

        // accepting the overdue item takes it off the list
        events.publish(new FeedbackAccepted(
                f2,
                FeedbackKind.REPORT,
                Channel.HOTLINE,
                "environment",
                THANH_KHE,
                at("2031-07-07T02:00:00Z"),
                at("2031-07-10T16:59:59Z"),
                false));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(figure(summary(THANH_KHE, "2031", null), "feedback.overdueNow"))
                        .isZero());
        assertThat(get("/api/v1/statistics/overdue?unit=" + DA_NANG, officer(DA_NANG))
                        .path("units")
                        .toString())
                .doesNotContain(f2);

        String csv = text("/api/v1/statistics/export?unit=" + DA_NANG + "&period=2031&format=csv");
        // every header names its period, so that a printed table reads on its own
        assertThat(csv.lines().findFirst().orElseThrow())
                .startsWith("\uFEFFMã đơn vị,Đơn vị,Tiếp nhận (Năm 2031),Tiếp nhận (kỳ trước: Năm 2030),Tiếp nhận"
                        + " (tăng/giảm),Tiếp nhận (% so với Năm 2030),")
                .doesNotContain("kỳ so sánh");
        assertThat(csv).contains("Tổng cộng Thành phố Đà Nẵng");
        assertThat(csv.lines()
                        .filter(line -> line.startsWith(THANH_KHE + ","))
                        .findFirst()
                        .orElseThrow())
                .startsWith(THANH_KHE + ",Phường Thanh Khê,3,0,3,");
        assertThat(csv.lines().count()).isEqualTo(1 + 94 + 1);
        assertThat(text("/api/v1/statistics/export?unit=" + DA_NANG + "&period=2031&format=csv&lang=en"))
                .contains(
                        "Unit code",
                        "Received (2031)",
                        "Received (previous period: 2030)",
                        "Received (% of 2030)",
                        "Total Thành phố Đà Nẵng");
        assertThat(text("/api/v1/statistics/export?unit=" + DA_NANG + "&period=2031-Q3&format=csv&compare=year"))
                .contains("Tiếp nhận (Quý 3/2031),Tiếp nhận (cùng kỳ năm trước: Quý 3/2030),");
        assertThat(text("/api/v1/statistics/export?unit=" + DA_NANG + "&period=2031-H1&format=csv&lang=en"))
                .contains("Received (H1 2031),Received (previous period: H2 2030),");
        assertThat(text("/api/v1/statistics/export?unit=" + DA_NANG + "&period=2031-07&format=csv&lang=en"))
                .contains("Received (July 2031),Received (previous period: June 2031),");
        assertThat(text("/api/v1/statistics/export?unit=" + DA_NANG + "&period=2031-9M&format=csv"))
                .contains("Tiếp nhận (9 tháng đầu năm 2031),Tiếp nhận (cùng kỳ năm trước: 9 tháng đầu năm 2030),");
        assertThat(text("/api/v1/statistics/export?unit=" + DA_NANG + "&period=term:2030-2035&format=csv"))
                .contains("Tiếp nhận (Nhiệm kỳ 2030–2035),Tiếp nhận (kỳ trước: Nhiệm kỳ 2025–2030),");
        byte[] xlsx = bytes("/api/v1/statistics/export?unit=" + DA_NANG + "&period=2031&format=xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            var sheet = workbook.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(2).getStringCellValue()).isEqualTo("Tiếp nhận (Năm 2031)");
            var total = sheet.getRow(sheet.getLastRowNum());
            assertThat(total.getCell(0).getStringCellValue()).isEqualTo(DA_NANG);
            assertThat(total.getCell(2).getNumericCellValue()).isEqualTo(3.0);
        }
    }

    @Test
    void redeliveredEventsChangeNothing() throws Exception {
        String f = id();
        FeedbackReceived event = new FeedbackReceived(
                f,
                FeedbackKind.RECOMMENDATION,
                Channel.APP,
                "infrastructure",
                HOA_KHANH,
                at("2032-03-02T03:00:00Z"),
                HOA_KHANH,
                null,
                null,
                null,
                null,
                null);
        String eventId = events.publish(event);
        events.publish(eventId, event); // the relay publishing it again after a crash
        String answer = events.publish(new FeedbackAnswered(
                f,
                FeedbackKind.RECOMMENDATION,
                Channel.APP,
                "infrastructure",
                HOA_KHANH,
                at("2032-03-03T03:00:00Z"),
                null,
                null,
                1));
        awaitFigure(HOA_KHANH, "2032", "feedback.answered", 1);
        events.publish(
                answer,
                new FeedbackAnswered(
                        f,
                        FeedbackKind.RECOMMENDATION,
                        Channel.APP,
                        "infrastructure",
                        HOA_KHANH,
                        at("2032-03-03T03:00:00Z"),
                        null,
                        null,
                        1));
        String rated = id();
        events.publish(
                rated,
                new FeedbackRated(
                        f,
                        FeedbackKind.RECOMMENDATION,
                        Channel.APP,
                        "infrastructure",
                        HOA_KHANH,
                        at("2032-03-04T03:00:00Z"),
                        5));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(number(summary(HOA_KHANH, "2032", null), "feedback.ratingAvg"))
                        .isEqualTo(5.0));

        JsonNode year = summary(HOA_KHANH, "2032", null);
        assertThat(figure(year, "feedback.received")).isEqualTo(1);
        assertThat(figure(year, "feedback.answered")).isEqualTo(1);
        assertThat(figure(summary(DA_NANG, "2032", null), "feedback.received")).isEqualTo(1);
        assertThat(figure(year, "feedback.pendingNow")).isZero();
    }

    @Test
    void oldCommunesCountForTheirSuccessorOrTheProvincesUnattributedBucketButNeverTwice() throws Exception {
        // 20195 (old) went whole into Phường Hải Vân; 20296 (old) was split between Hải Vân and Liên Chiểu
        received(id(), FeedbackKind.REPORT, Channel.IMPORT, "land", "20195", "2033-02-01T03:00:00Z");
        events.publish(new FeedbackReceived(
                id(),
                FeedbackKind.REPORT,
                Channel.IMPORT,
                "land",
                "20296",
                at("2033-02-01T03:00:00Z"),
                LIEN_CHIEU,
                null,
                null,
                null,
                null,
                null));
        received(id(), FeedbackKind.REPORT, Channel.IMPORT, "land", "20296", "2033-02-01T03:00:00Z");
        String transferred = id();
        received(transferred, FeedbackKind.OPINION, Channel.WEB, null, "20296", "2033-02-02T03:00:00Z");
        events.publish(new FeedbackTransferred(
                transferred,
                FeedbackKind.OPINION,
                Channel.WEB,
                null,
                "20296",
                HAI_CHAU,
                at("2033-02-03T03:00:00Z"),
                "WRONG_AREA",
                null));

        awaitFigure(HAI_CHAU, "2033", "feedback.transferredIn", 1);
        assertThat(figure(summary(HAI_VAN, "2033", null), "feedback.received")).isEqualTo(1);
        assertThat(figure(summary(LIEN_CHIEU, "2033", null), "feedback.received"))
                .isEqualTo(1);
        String bucket = DA_NANG + ":UNATTRIBUTED";
        assertThat(figure(summary(bucket, "2033", null), "feedback.received")).isEqualTo(2);
        assertThat(figure(summary(bucket, "2033", null), "feedback.transferredOut"))
                .isEqualTo(1);
        assertThat(figure(summary(DA_NANG, "2033", null), "feedback.received")).isEqualTo(4);
        JsonNode byChild = get("/api/v1/statistics/breakdown?unit=" + DA_NANG + "&period=2033&by=child");
        assertThat(byChild.path("rows").size()).isEqualTo(95);
        // the bucket's overdue list is its province officers'
        assertThat(get("/api/v1/statistics/overdue?unit=" + bucket, officer(DA_NANG))
                        .path("units")
                        .isArray())
                .isTrue();
        JsonNode unattributed = row(byChild, bucket);
        assertThat(unattributed.path("label").asString()).isEqualTo("Chưa phân bổ (xã bị chia tách)");
        assertThat(unattributed.path("figures").path("feedback.received").asLong())
                .isEqualTo(2);
        long sum = 0;
        for (JsonNode r : byChild.path("rows")) {
            sum += r.path("figures").path("feedback.received").asLong();
        }
        assertThat(sum).isEqualTo(4);
    }

    @Test
    void aLetterDatedBeforeJuly2025CountsForTheCurrentCommuneItsCodeNamesEvenWhereAnOldCommuneHadTheCode()
            throws Exception {
        // Gia Lai (52), used by no other test. Old 23710 "Xã A Dơk" went into 23869 and old 23737 "Xã Ia Mơ Nông"
        // into 23734, while today 23710 is "Xã Ia Băng" and 23737 "Xã Ia Mơ"; old 21997 "Xã Canh Liên" was split
        // between today's 21997 and 22006 and kept its code. feedback-intake takes only today's codes, also for a
        // paper letter of June 2025 imported now: such a letter about Ia Băng is Ia Băng's, never A Dơk's successor's.
        String giaLai = "52";
        String iaBang = id();
        received(iaBang, FeedbackKind.REPORT, Channel.IMPORT, "land", "23710", "2025-06-10T03:00:00Z");
        received(id(), FeedbackKind.REPORT, Channel.IMPORT, "land", "23737", "2025-06-11T03:00:00Z");
        events.publish(new FeedbackReceived(
                id(),
                FeedbackKind.REPORT,
                Channel.IMPORT,
                "land",
                "21997",
                at("2025-06-12T03:00:00Z"),
                "22006",
                null,
                null,
                null,
                null,
                null));
        received(id(), FeedbackKind.REPORT, Channel.WEB, "land", "23710", "2025-07-11T03:00:00Z");
        received(id(), FeedbackKind.REPORT, Channel.WEB, "land", "23737", "2025-07-11T03:00:00Z");
        // the June letter answered in July: still Ia Băng's
        events.publish(new FeedbackAnswered(
                iaBang,
                FeedbackKind.REPORT,
                Channel.IMPORT,
                "land",
                "23710",
                at("2025-07-03T03:00:00Z"),
                null,
                true,
                10));

        awaitFigure("23710", "2025", "feedback.answered", 1);
        awaitFigure(giaLai, "2025", "feedback.received", 5);
        for (String today : List.of("23710", "23737", "21997")) {
            assertThat(figure(summary(today, "2025-06", null), "feedback.received"))
                    .as(today)
                    .isEqualTo(1);
        }
        assertThat(figure(summary("23710", "2025-07", null), "feedback.answeredOnTime"))
                .isEqualTo(1);
        assertThat(figure(summary("23710", "2025", null), "feedback.pendingNow"))
                .isEqualTo(1);
        for (String successor : List.of("23869", "23734", "22006")) {
            assertThat(figure(summary(successor, "2025", null), "feedback.received"))
                    .as(successor)
                    .isZero();
        }
        assertThat(figure(summary(giaLai + ":UNATTRIBUTED", "2025", null), "feedback.received"))
                .isZero();
        // nothing counted twice: the province's children add up to its figures
        JsonNode byChild = get("/api/v1/statistics/breakdown?unit=" + giaLai + "&period=2025&by=child");
        long received = 0;
        for (JsonNode r : byChild.path("rows")) {
            received += r.path("figures").path("feedback.received").asLong();
        }
        assertThat(received).isEqualTo(5);
    }

    @Test
    void whatAProvinceHoldsItselfHasARowOfItsOwnSoTheRowsAddUpToItsFigures() throws Exception {
        // a ward's item transferred to the city itself: counted in the city's figures, in none of its wards
        String held = id();
        received(held, FeedbackKind.COMPLAINT, Channel.WEB, "land", HAI_VAN, "2043-05-04T03:00:00Z");
        received(id(), FeedbackKind.REPORT, Channel.APP, "environment", LIEN_CHIEU, "2043-05-05T03:00:00Z");
        events.publish(new FeedbackTransferred(
                held,
                FeedbackKind.COMPLAINT,
                Channel.WEB,
                "land",
                HAI_VAN,
                DA_NANG,
                at("2043-05-06T03:00:00Z"),
                "HIGHER_LEVEL",
                null));
        awaitFigure(DA_NANG, "2043", "feedback.transferredIn", 1);

        JsonNode byChild = get("/api/v1/statistics/breakdown?unit=" + DA_NANG + "&period=2043&by=child");
        String own = DA_NANG + ":OWN";
        assertThat(row(byChild, own).path("label").asString()).isEqualTo("Thành phố Đà Nẵng (trực tiếp)");
        assertThat(figure(byChild, own, "feedback.transferredIn")).isEqualTo(1);
        assertThat(figure(byChild, own, "feedback.received")).isZero();
        assertThat(figure(byChild, HAI_VAN, "feedback.transferredOut")).isEqualTo(1);
        JsonNode summary = summary(DA_NANG, "2043", null);
        for (String metric : List.of(
                "feedback.received", "feedback.transferredIn", "feedback.transferredOut", "feedback.pendingNow")) {
            long sum = 0;
            for (JsonNode r : byChild.path("rows")) {
                sum += r.path("figures").path(metric).asLong();
            }
            assertThat(sum).as(metric).isEqualTo(figure(summary, metric));
        }
        String csv = text("/api/v1/statistics/export?unit=" + DA_NANG + "&period=2043&format=csv");
        // the export shows no internal key: the row's code is empty (written "" first in a CSV line) and its name
        // says whose figures they are
        assertThat(csv).doesNotContain(own);
        assertThat(csv.lines()
                        .filter(line -> line.startsWith(
                                "\"\",\"Thành phố Đà Nẵng (trực tiếp xử lý, không qua đơn vị trực thuộc)\",0,"))
                        .count())
                .isEqualTo(1);
        assertThat(text("/api/v1/statistics/export?unit=" + DA_NANG + "&period=2043&format=csv&lang=en"))
                .contains("\"\",\"Thành phố Đà Nẵng (held directly, not through a unit within)\",0,")
                .doesNotContain(own);
        assertThat(get("/api/v1/statistics/breakdown?unit=" + DA_NANG + "&period=2043&by=child&lang=en")
                        .toString())
                .contains("Thành phố Đà Nẵng (held directly)");

        // answered by the city: nothing of it left pending, the other periods' tables keep no row for it
        events.publish(new FeedbackAnswered(
                held,
                FeedbackKind.COMPLAINT,
                Channel.WEB,
                "land",
                DA_NANG,
                at("2043-05-20T03:00:00Z"),
                null,
                true,
                10));
        awaitFigure(DA_NANG, "2043", "feedback.answered", 1);
        JsonNode otherYear = get("/api/v1/statistics/breakdown?unit=" + DA_NANG + "&period=2042&by=child");
        assertThat(otherYear.toString()).doesNotContain(own);
    }

    @Test
    void inactiveUnitsAreThoseWithoutActivityInAPeriodThatHasBegunAndAPeriodAheadIsRefused() throws Exception {
        // the last quarter of 2025, which no other test writes for Đà Nẵng: a period that has begun
        received(id(), FeedbackKind.OPINION, Channel.WEB, "other", HAI_VAN, "2025-10-02T03:00:00Z");
        received(id(), FeedbackKind.REPORT, Channel.HOTLINE, "land", LIEN_CHIEU, "2025-11-03T03:00:00Z");
        awaitFigure(DA_NANG, "2025-Q4", "feedback.received", 2);

        JsonNode inactive =
                get("/api/v1/statistics/inactive-units?unit=" + DA_NANG + "&period=2025-Q4&activity=feedback");
        assertThat(inactive.path("count").asInt()).isEqualTo(92);
        assertThat(inactive.path("units").findValuesAsString("code"))
                .hasSize(92)
                .doesNotContain(HAI_VAN, LIEN_CHIEU)
                .contains(THANH_KHE, HAI_CHAU);
        assertThat(get("/api/v1/statistics/inactive-units?unit=" + DA_NANG + "&period=2025-Q4&activity=dialogue")
                        .path("count")
                        .asInt())
                .isEqualTo(94);
        // the month under way has begun: its list is what is known so far
        String thisMonth =
                java.time.YearMonth.now(vn.danvan.statistics.period.Period.ZONE).toString();
        assertThat(get("/api/v1/statistics/inactive-units?unit=" + DA_NANG + "&period=" + thisMonth)
                        .path("count")
                        .isNumber())
                .isTrue();

        // a period ahead: no unit can have been inactive in it yet, so no list of every commune as a finding
        String nextMonth = java.time.YearMonth.now(vn.danvan.statistics.period.Period.ZONE)
                .plusMonths(1)
                .toString();
        for (String period : List.of(nextMonth, "2031", "term:2030-2035")) {
            String path = "/api/v1/statistics/inactive-units?unit=" + DA_NANG + "&period=" + period;
            HttpResponse<String> vietnamese =
                    http.send(request(path, Map.of()).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(vietnamese.statusCode()).as(path).isEqualTo(422);
            JsonNode vi = json.readTree(vietnamese.body());
            assertThat(vi.path("type").asString()).isEqualTo("urn:danvan:problem:rule-violation");
            assertThat(vi.path("code").asString()).isEqualTo("statistics.period.not-started");
            assertThat(vi.path("field").asString()).isEqualTo("period");
            assertThat(vi.path("detail").asString())
                    .startsWith("Tham số “period”: kỳ " + period + " bắt đầu từ ngày ")
                    .contains("chưa tới");
            HttpResponse<String> english = http.send(
                    request(path, Map.of("Accept-Language", "en")).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(english.statusCode()).as(path).isEqualTo(422);
            assertThat(json.readTree(english.body()).path("detail").asString())
                    .startsWith("Parameter “period”: period " + period + " starts on ")
                    .contains("has not come yet");
        }
        HttpResponse<String> ahead = http.send(
                request("/api/v1/statistics/inactive-units?unit=" + DA_NANG + "&period=2031", Map.of())
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(json.readTree(ahead.body()).path("detail").asString())
                .isEqualTo("Tham số “period”: kỳ 2031 bắt đầu từ ngày 2031-01-01, chưa tới; chỉ có thể liệt kê đơn vị"
                        + " không có hoạt động trong một kỳ đã bắt đầu.");
    }

    @Test
    void aBreakdownByChildReadsTheProvincesChildrenDocumentAndAnOlderGenerationTheChildrensOwn() throws Exception {
        received(id(), FeedbackKind.OPINION, Channel.WEB, "other", HAI_VAN, "2037-03-02T03:00:00Z");
        received(id(), FeedbackKind.COMPLAINT, Channel.LETTER, "land", HAI_VAN, "2037-08-02T03:00:00Z");
        received(id(), FeedbackKind.REPORT, Channel.HOTLINE, "land", LIEN_CHIEU, "2037-08-03T03:00:00Z");
        awaitFigure(DA_NANG, "2037", "feedback.received", 3);
        // 9 months: a children document of its own (a unit's own 9 months are summed from its quarters)
        JsonNode byChild = get("/api/v1/statistics/breakdown?unit=" + DA_NANG + "&period=2037-9M&by=child");
        assertThat(byChild.path("rows").size()).isEqualTo(94);
        assertThat(figure(byChild, HAI_VAN, "feedback.received")).isEqualTo(2);
        assertThat(figure(byChild, LIEN_CHIEU, "feedback.received")).isEqualTo(1);
        assertThat(figure(byChild, HAI_CHAU, "feedback.received")).isZero();
        assertThat(byChild.path("rows").findValues("feedback.received").stream()
                        .mapToLong(JsonNode::asLong)
                        .sum())
                .isEqualTo(3);

        String generation =
                mongo.getCollection("statistics_generation").find().first().getString("generation");
        var figures = mongo.getCollection("figures_" + generation);
        var children = new Document("_id", DA_NANG + "/children|2037-Q3");
        String q3 = "/api/v1/statistics/breakdown?unit=" + DA_NANG + "&period=2037-Q3&by=child";
        // what the breakdown reads is the province's children document: a count put there alone shows
        figures.updateOne(
                children, new Document("$inc", new Document("children." + HAI_VAN + ".feedback.received", 100)));
        try {
            assertThat(figure(get(q3), HAI_VAN, "feedback.received")).isEqualTo(101);
            // a generation an earlier version wrote has no children documents until a rebuild: the children's own
            // documents serve, with the same rows
            setLayout(1);
            assertThat(figure(get(q3), HAI_VAN, "feedback.received")).isEqualTo(1);
            assertThat(get("/api/v1/statistics/breakdown?unit=" + DA_NANG + "&period=2037-9M&by=child"))
                    .isEqualTo(byChild);
        } finally {
            figures.updateOne(
                    children, new Document("$inc", new Document("children." + HAI_VAN + ".feedback.received", -100)));
            setLayout(Generations.LAYOUT);
        }
        assertThat(figure(get(q3), HAI_VAN, "feedback.received")).isEqualTo(1);
    }

    private void setLayout(int layout) throws InterruptedException {
        mongo.getCollection("statistics_generation")
                .updateOne(new Document("_id", "active"), new Document("$set", new Document("layout", layout)));
        Thread.sleep(600); // the serving generation is re-read after 500 ms
    }

    @Test
    void aConsultationsCommentsAreNeitherCountedNorRecordedAsApplied() throws Exception {
        // one key for both, so one partition: once the item is counted, the comment before it was read
        String key = id();
        String comment = events.publish(new ConsultationCommentReceived(
                key,
                "consultation-" + id(),
                "dieu-1",
                CommentStance.AGREE,
                SON_TRA,
                Channel.APP,
                at("2038-03-02T03:00:00Z")));
        String item = events.publish(new FeedbackReceived(
                key,
                FeedbackKind.OPINION,
                Channel.WEB,
                "other",
                SON_TRA,
                at("2038-03-02T03:00:00Z"),
                null,
                null,
                null,
                null,
                null,
                null));

        awaitFigure(SON_TRA, "2038", "feedback.received", 1);
        String generation =
                mongo.getCollection("statistics_generation").find().first().getString("generation");
        var applied = mongo.getCollection("applied_" + generation);
        // the batch's applied ids may be written just after its counters
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(applied.countDocuments(new Document("_id", item)))
                        .isOne());
        // before, every comment of a consultation cost statistics one write here, for nothing
        assertThat(applied.countDocuments(new Document("_id", comment))).isZero();
    }

    @Test
    void rejectedWithdrawnClosedAndReopenedItemsCountOnTheirDayAndMonthAndMoveThePendingGauge() throws Exception {
        // Huế and its ward Kim Long: used by no other test here, so the gauges (all time) are this test's alone
        String hue = "46";
        String kimLong = "19774";
        String rejected = id();
        String withdrawn = id();
        String reopened = id();
        received(rejected, FeedbackKind.COMPLAINT, Channel.WEB, "land", kimLong, "2044-03-10T03:00:00Z");
        received(withdrawn, FeedbackKind.OPINION, Channel.HOTLINE, "other", kimLong, "2044-03-10T03:00:00Z");
        received(reopened, FeedbackKind.REPORT, Channel.APP, "environment", kimLong, "2044-03-10T03:00:00Z");
        awaitFigure(kimLong, "2044", "feedback.received", 3);
        assertThat(figure(summary(kimLong, "2044", null), "feedback.pendingNow"))
                .isEqualTo(3);
        assertThat(figure(summary(hue, "2044", null), "feedback.pendingNow")).isEqualTo(3);

        // rejected at 23:59 on 11 March in Vietnam, withdrawn at midnight starting 12 March; the third answered, then
        // closed at 23:59 on 31 March and reopened at midnight starting 1 April
        Map<String, DomainEvent> published = new LinkedHashMap<>();
        publishTracked(
                published,
                new FeedbackRejected(
                        rejected,
                        FeedbackKind.COMPLAINT,
                        Channel.WEB,
                        "land",
                        kimLong,
                        at("2044-03-11T16:59:00Z"),
                        "NOT_IN_SCOPE",
                        true));
        publishTracked(
                published,
                new FeedbackWithdrawn(
                        withdrawn,
                        FeedbackKind.OPINION,
                        Channel.HOTLINE,
                        "other",
                        kimLong,
                        at("2044-03-11T17:00:00Z")));
        events.publish(new FeedbackAnswered(
                reopened,
                FeedbackKind.REPORT,
                Channel.APP,
                "environment",
                kimLong,
                at("2044-03-20T03:00:00Z"),
                null,
                true,
                7));
        publishTracked(
                published,
                new FeedbackClosed(
                        reopened,
                        FeedbackKind.REPORT,
                        Channel.APP,
                        "environment",
                        kimLong,
                        at("2044-03-31T16:59:00Z")));
        awaitFigure(kimLong, "2044", "feedback.closed", 1);
        awaitFigure(kimLong, "2044", "feedback.withdrawn", 1);
        awaitFigure(kimLong, "2044", "feedback.rejected", 1);
        // a rejected, a withdrawn and a closed item wait for nothing any more
        assertThat(figure(summary(kimLong, "2044", null), "feedback.pendingNow"))
                .isZero();
        assertThat(figure(summary(hue, "2044", null), "feedback.pendingNow")).isZero();

        publishTracked(
                published,
                new FeedbackReopened(
                        reopened,
                        FeedbackKind.REPORT,
                        Channel.APP,
                        "environment",
                        kimLong,
                        at("2044-03-31T17:00:00Z"),
                        at("2044-04-15T16:59:59Z")));
        awaitFigure(kimLong, "2044", "feedback.reopened", 1);
        // reopened: it waits for an answer again
        assertThat(figure(summary(kimLong, "2044", null), "feedback.pendingNow"))
                .isEqualTo(1);
        assertThat(figure(summary(hue, "2044", null), "feedback.pendingNow")).isEqualTo(1);

        Map<String, Map<String, Long>> expected = new LinkedHashMap<>();
        expected.put("2044-03-10", figures(3, 0, 0, 0, 0));
        expected.put("2044-03-11", figures(0, 1, 0, 0, 0));
        expected.put("2044-03-12", figures(0, 0, 1, 0, 0));
        expected.put("2044-03-31", figures(0, 0, 0, 1, 0));
        expected.put("2044-04-01", figures(0, 0, 0, 0, 1));
        expected.put("2044-03", figures(3, 1, 1, 1, 0));
        expected.put("2044-04", figures(0, 0, 0, 0, 1));
        expected.put("2044", figures(3, 1, 1, 1, 1));
        assertFigures(List.of(kimLong, hue), expected, 1);
        JsonNode byKind =
                get("/api/v1/statistics/breakdown?unit=" + kimLong + "&period=2044-03&by=kind", officer(kimLong));
        assertThat(figure(byKind, "COMPLAINT", "feedback.rejected")).isEqualTo(1);
        assertThat(figure(byKind, "OPINION", "feedback.withdrawn")).isEqualTo(1);
        assertThat(figure(byKind, "REPORT", "feedback.closed")).isEqualTo(1);
        assertThat(figure(byKind, "REPORT", "feedback.pendingNow")).isEqualTo(1);

        // the relay publishes each again after a crash: same ids
        published.forEach(events::publish);
        // then one rating per item, on each item's key (so after its copy in its partition): 1, 2 and 4 average to
        // 2.3 only once all three are counted
        events.publish(new FeedbackRated(
                rejected, FeedbackKind.COMPLAINT, Channel.WEB, "land", kimLong, at("2044-05-02T03:00:00Z"), 1));
        events.publish(new FeedbackRated(
                withdrawn, FeedbackKind.OPINION, Channel.HOTLINE, "other", kimLong, at("2044-05-02T03:00:00Z"), 2));
        events.publish(new FeedbackRated(
                reopened, FeedbackKind.REPORT, Channel.APP, "environment", kimLong, at("2044-05-02T03:00:00Z"), 4));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(number(summary(kimLong, "2044-05", null), "feedback.ratingAvg"))
                        .isEqualTo(2.3));
        assertFigures(List.of(kimLong, hue), expected, 1);
    }

    @Test
    void aReopenedComplaintSentToTheProvinceCountsAsATransferOutOfTheCommuneAndItsPendingMovesWithIt()
            throws Exception {
        // Quảng Ninh and its ward Hà Tu: used by no other test here, so the gauges (all time) are this test's alone
        String quangNinh = "22";
        String haTu = "06652";
        String id = id();
        received(id, FeedbackKind.COMPLAINT, Channel.WEB, "land", haTu, "2047-03-02T03:00:00Z");
        events.publish(new FeedbackAccepted(
                id,
                FeedbackKind.COMPLAINT,
                Channel.WEB,
                "land",
                haTu,
                at("2047-03-04T03:00:00Z"),
                at("2047-04-03T16:59:59Z"),
                true));
        events.publish(new FeedbackAnswered(
                id,
                FeedbackKind.COMPLAINT,
                Channel.WEB,
                "land",
                haTu,
                at("2047-03-20T03:00:00Z"),
                at("2047-04-03T16:59:59Z"),
                true,
                12));
        awaitFigure(haTu, "2047", "feedback.answered", 1);
        assertThat(figure(summary(quangNinh, "2047", null), "feedback.pendingNow"))
                .isZero();

        // what feedback-intake publishes from the one write of a reopening that goes to the commune's superior
        Instant reopenedAt = at("2047-03-25T03:00:00Z");
        Instant acceptBy = at("2047-04-08T16:59:59Z");
        events.publish(
                new FeedbackReopened(id, FeedbackKind.COMPLAINT, Channel.WEB, "land", haTu, reopenedAt, acceptBy));
        events.publish(new FeedbackTransferred(
                id,
                FeedbackKind.COMPLAINT,
                Channel.WEB,
                "land",
                haTu,
                quangNinh,
                reopenedAt,
                "REOPENED_TO_SUPERIOR",
                acceptBy));
        awaitFigure(quangNinh, "2047", "feedback.transferredIn", 1);

        // the commune's answer was reopened and the item left it; the province holds it and owes the second answer
        JsonNode byChild = get("/api/v1/statistics/breakdown?unit=" + quangNinh + "&period=2047&by=child");
        String own = quangNinh + ":OWN";
        assertThat(figure(byChild, haTu, "feedback.reopened")).isEqualTo(1);
        assertThat(figure(byChild, haTu, "feedback.transferredOut")).isEqualTo(1);
        assertThat(figure(byChild, haTu, "feedback.pendingNow")).isZero();
        assertThat(figure(byChild, own, "feedback.transferredIn")).isEqualTo(1);
        assertThat(figure(byChild, own, "feedback.pendingNow")).isEqualTo(1);
        assertThat(figure(byChild, own, "feedback.reopened")).isZero();
        JsonNode province = summary(quangNinh, "2047", null);
        assertThat(figure(province, "feedback.pendingNow")).isEqualTo(1);
        assertThat(figure(province, "feedback.received")).isEqualTo(1);
        assertThat(figure(summary(haTu, "2047", null), "feedback.pendingNow")).isZero();

        // accepted and answered there: counted for the province, nothing left pending anywhere
        events.publish(new FeedbackAccepted(
                id,
                FeedbackKind.COMPLAINT,
                Channel.WEB,
                "land",
                quangNinh,
                at("2047-03-27T03:00:00Z"),
                at("2047-05-11T16:59:59Z"),
                true));
        events.publish(new FeedbackAnswered(
                id,
                FeedbackKind.COMPLAINT,
                Channel.WEB,
                "land",
                quangNinh,
                at("2047-04-20T03:00:00Z"),
                at("2047-05-11T16:59:59Z"),
                true,
                16));
        awaitFigure(quangNinh, "2047", "feedback.answered", 2);
        JsonNode after = get("/api/v1/statistics/breakdown?unit=" + quangNinh + "&period=2047&by=child");
        assertThat(figure(after, own, "feedback.answered")).isEqualTo(1);
        assertThat(figure(after, haTu, "feedback.answered")).isEqualTo(1);
        assertThat(figure(summary(quangNinh, "2047", null), "feedback.pendingNow"))
                .isZero();
    }

    /** received, rejected, withdrawn, closed, reopened (and nothing accepted or transferred). */
    private static Map<String, Long> figures(long received, long rejected, long withdrawn, long closed, long reopened) {
        Map<String, Long> figures = new LinkedHashMap<>();
        figures.put("feedback.received", received);
        figures.put("feedback.rejected", rejected);
        figures.put("feedback.withdrawn", withdrawn);
        figures.put("feedback.closed", closed);
        figures.put("feedback.reopened", reopened);
        figures.put("feedback.accepted", 0L);
        figures.put("feedback.transferredIn", 0L);
        figures.put("feedback.transferredOut", 0L);
        return figures;
    }

    /** Every unit's summary of every period shows the expected figures, and the pending gauge. */
    private void assertFigures(List<String> units, Map<String, Map<String, Long>> expected, long pending)
            throws Exception {
        for (String unit : units) {
            for (var period : expected.entrySet()) {
                JsonNode summary = summary(unit, period.getKey(), null);
                for (var metric : period.getValue().entrySet()) {
                    assertThat(figure(summary, metric.getKey()))
                            .as(unit + " " + period.getKey() + " " + metric.getKey())
                            .isEqualTo(metric.getValue());
                }
                assertThat(figure(summary, "feedback.pendingNow")).as(unit).isEqualTo(pending);
            }
        }
    }

    private void publishTracked(Map<String, DomainEvent> published, DomainEvent event) {
        published.put(events.publish(event), event);
    }

    @Test
    void breakdownRowsComeInTheDocumentedOrderWhateverOrderTheirCountersWereWritten() throws Exception {
        // two wards of Quảng Ngãi (used by no other test here) receive the same categories in opposite orders
        String camThanh = "21025";
        String nghiaLo = "21028";
        List<String> categories = new ArrayList<>(List.of("security-order", "land", "", "fisheries", "environment"));
        for (int i = 0; i < categories.size(); i++) {
            String first = categories.get(i);
            String last = categories.get(categories.size() - 1 - i);
            received(
                    id(),
                    FeedbackKind.REPORT,
                    Channel.WEB,
                    first.isEmpty() ? null : first,
                    camThanh,
                    "2045-06-0" + (i + 1) + "T03:00:00Z");
            received(
                    id(),
                    FeedbackKind.REPORT,
                    Channel.WEB,
                    last.isEmpty() ? null : last,
                    nghiaLo,
                    "2045-06-0" + (i + 1) + "T03:00:00Z");
            // one by one: each category's counters are written after the previous one's
            awaitFigure(camThanh, "2045", "feedback.received", i + 1);
            awaitFigure(nghiaLo, "2045", "feedback.received", i + 1);
        }

        // catalogue codes and others alike in code order, "none" (no category given) last
        List<String> order = List.of("environment", "fisheries", "land", "security-order", "none");
        for (String unit : List.of(camThanh, nghiaLo, "51")) {
            JsonNode byCategory = get("/api/v1/statistics/breakdown?unit=" + unit + "&period=2045&by=category");
            assertThat(byCategory.path("rows").findValuesAsString("key"))
                    .as(unit)
                    .isEqualTo(order);
        }
        // kinds and channels: every one, in the contract's order, whatever was counted first
        JsonNode byKind =
                get("/api/v1/statistics/breakdown?unit=" + nghiaLo + "&period=2045&by=kind", officer(nghiaLo));
        assertThat(byKind.path("rows").findValuesAsString("key"))
                .isEqualTo(Stream.of(FeedbackKind.values()).map(Enum::name).toList());
        // the public's: complaints and denunciations as one, in the complaints' place
        assertThat(get("/api/v1/statistics/breakdown?unit=" + nghiaLo + "&period=2045&by=kind")
                        .path("rows")
                        .findValuesAsString("key"))
                .isEqualTo(PUBLIC_KINDS);
        JsonNode byChannel = get("/api/v1/statistics/breakdown?unit=" + nghiaLo + "&period=2045&by=channel");
        assertThat(byChannel.path("rows").findValuesAsString("key"))
                .isEqualTo(Stream.of(Channel.values()).map(Enum::name).toList());
        // by child: the unit tree's order (communes in code order, then agencies)
        assertThat(get("/api/v1/statistics/breakdown?unit=51&period=2045&by=child")
                        .path("rows")
                        .findValuesAsString("key"))
                .isEqualTo(get("/api/v1/units/51/children").findValuesAsString("code"))
                .contains(camThanh, nghiaLo);
    }

    @Test
    void itemsNobodyOwesAnAnswerAreCountedButNeverPending() throws Exception {
        String ward = "20260"; // used by no other test here: its gauges are this test's alone
        received(id(), FeedbackKind.CONSULTATION_COMMENT, Channel.WEB, "other", ward, "2037-05-04T03:00:00Z");
        received(id(), FeedbackKind.MODEL_ASSESSMENT, Channel.APP, "other", ward, "2037-05-04T03:00:00Z");
        received(id(), FeedbackKind.REPORT, Channel.APP, "infrastructure", ward, "2037-05-04T03:00:00Z");

        awaitFigure(ward, "2037", "feedback.received", 3);
        // the report waits for its answer; the comment and the rating of a model are read and counted, not answered.
        // A batch writes the year's document and the gauges' in one unordered bulk write, not atomically: read the
        // gauge once it has settled (the same twice in a row), so that a count of 3 would fail and a late 0 would not
        assertThat(settled(() -> figure(summary(ward, "2037", null), "feedback.pendingNow")))
                .isEqualTo(1L);
    }

    @Test
    void anUnreadableEventIsDeadLetteredAndTheNextOneCounted() throws Exception {
        String f = id();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestBackends.get().kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            ProducerRecord<String, byte[]> garbage =
                    new ProducerRecord<>("danvan.feedback.v1", f, "{not json".getBytes(StandardCharsets.UTF_8));
            garbage.headers().add(CloudEventHeaders.ID, id().getBytes(StandardCharsets.UTF_8));
            garbage.headers()
                    .add(
                            CloudEventHeaders.TYPE,
                            "vn.danvan.feedback.FeedbackReceived.v1".getBytes(StandardCharsets.UTF_8));
            producer.send(garbage).get();
        }
        received(f, FeedbackKind.OPINION, Channel.WEB, "other", SON_TRA, "2035-01-02T03:00:00Z");
        awaitFigure(SON_TRA, "2035", "feedback.received", 1);
        var records = TopicRecords.readUntil(
                TestBackends.get().kafkaBootstrapServers(),
                deadLetters.topicFor("danvan.feedback.v1"),
                Duration.ofSeconds(20),
                read -> read.stream().anyMatch(r -> "{not json".equals(TopicRecords.value(r))));
        assertThat(records).anySatisfy(r -> {
            assertThat(TopicRecords.value(r)).isEqualTo("{not json");
            assertThat(TopicRecords.header(r, CloudEventHeaders.TYPE))
                    .isEqualTo("vn.danvan.feedback.FeedbackReceived.v1");
        });
    }

    @Test
    void aBatchReplayedAfterACrashBeforeItsItemsWereStoredCountsOnce() {
        String generation = "crash" + System.nanoTime();
        String f = id();
        List<ReceivedEvent> batch = List.of(
                positioned(
                        new FeedbackReceived(
                                f,
                                FeedbackKind.REPORT,
                                Channel.WEB,
                                "land",
                                THANH_KHE,
                                at("2036-01-05T03:00:00Z"),
                                null,
                                null,
                                null,
                                null,
                                null,
                                null),
                        0),
                positioned(
                        new FeedbackAnswered(
                                f,
                                FeedbackKind.REPORT,
                                Channel.WEB,
                                "land",
                                THANH_KHE,
                                at("2036-01-06T03:00:00Z"),
                                null,
                                true,
                                1),
                        1));
        projector.apply(batch.subList(0, 1), generation);
        assertThat(nowDoc(generation)).as("after the first batch").isEqualTo(1);
        projector.apply(batch.subList(1, 2), generation);
        assertThat(nowDoc(generation)).as("after the answer").isZero();
        // the crash: counters written, items and applied ids lost; the binder redelivers the same records
        mongo.getCollection("items_" + generation).drop();
        mongo.getCollection("applied_" + generation).drop();
        projector.apply(batch, generation);
        Document year = mongo.getCollection("figures_" + generation)
                .find(new Document("_id", THANH_KHE + "|2036"))
                .first();
        assertThat(year.get("feedback", Document.class)
                        .get("received", Number.class)
                        .longValue())
                .isEqualTo(1);
        assertThat(year.get("feedback", Document.class)
                        .get("answered", Number.class)
                        .longValue())
                .isEqualTo(1);
        assertThat(nowDoc(generation)).isZero();
    }

    private long nowDoc(String generation) {
        Document now = mongo.getCollection("figures_" + generation)
                .find(new Document("_id", THANH_KHE + "|now"))
                .first();
        return now.get("feedback", Document.class)
                .get("pendingNow", Number.class)
                .longValue();
    }

    private ReceivedEvent positioned(vn.danvan.kit.contract.DomainEvent event, long offset) {
        return new ReceivedEvent(
                id(),
                vn.danvan.kit.contract.EventStream.typeOf(event.getClass()),
                null,
                null,
                null,
                null,
                serializer.toJson(event).getBytes(StandardCharsets.UTF_8),
                "danvan.feedback.v1",
                0,
                offset);
    }

    @Test
    void badInputIsAProblemNeverAServerError() throws Exception {
        assertProblem("/api/v1/statistics/summary?unit=99999&period=2026", 404);
        assertProblem("/api/v1/statistics/summary?unit=48&period=2026-13", 400);
        assertProblem("/api/v1/statistics/summary?unit=48&period=term:2024-2029", 400);
        assertProblem("/api/v1/statistics/summary?unit=48&period=2026&compare=lastweek", 400);
        assertProblem("/api/v1/statistics/summary?unit=48", 400);
        assertProblem("/api/v1/statistics/breakdown?unit=48&period=2026&by=colour", 400);
        assertProblem("/api/v1/statistics/series?unit=48&period=2026&step=hour", 400);
        assertProblem("/api/v1/statistics/inactive-units?unit=48&period=2026&activity=sport", 400);
        assertProblem("/api/v1/statistics/export?unit=48&period=2026&format=pdf", 400);
        // a language the page does not have is refused, not answered in Vietnamese as if asked for
        assertProblem("/api/v1/statistics/export?unit=48&period=2026&format=csv&lang=fr", 400);
        assertProblem("/api/v1/statistics/breakdown?unit=48&period=2026&by=kind&lang=xx", 400);
        assertProblem("/api/v1/statistics/export?unit=nowhere&period=2026&format=csv", 404);
        assertProblem("/api/v1/statistics/stream?unit=nowhere", 404);
        // no unit at all is the request's fault, not an unknown unit
        assertProblem("/api/v1/statistics/summary?unit=&period=2026", 400);
        assertProblem("/api/v1/statistics/stream?unit=", 400);
        assertProblem("/api/v1/statistics/rebuild/unknown", 401);
        HttpResponse<String> forbidden = http.send(
                request("/api/v1/statistics/rebuild", officer(DA_NANG))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(forbidden.statusCode()).isEqualTo(403);
    }

    @Test
    void anInvalidPeriodIsABadRequestNamingItsParameterAndTheFormsAcceptedInTheCallersLanguage() throws Exception {
        for (String path : List.of(
                "/api/v1/statistics/summary?unit=48&period=2026-h1",
                "/api/v1/statistics/summary?unit=48&period=term:2021-2026",
                "/api/v1/statistics/breakdown?unit=48&period=2026-Q5&by=kind",
                "/api/v1/statistics/series?unit=48&period=quy3&step=month",
                "/api/v1/statistics/inactive-units?unit=48&period=2026-13",
                "/api/v1/statistics/export?unit=48&period=2026-h1&format=csv")) {
            HttpResponse<String> vietnamese =
                    http.send(request(path, Map.of()).GET().build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> english = http.send(
                    request(path, Map.of("Accept-Language", "en")).GET().build(), HttpResponse.BodyHandlers.ofString());

            assertThat(vietnamese.statusCode()).as(path).isEqualTo(400);
            JsonNode vi = json.readTree(vietnamese.body());
            assertThat(vi.path("type").asString()).as(path).isEqualTo("urn:danvan:problem:invalid-value");
            assertThat(vi.path("field").asString()).as(path).isEqualTo("period");
            assertThat(vi.path("detail").asString())
                    .as(path)
                    .startsWith("Tham số “period” không phải một kỳ báo cáo. Các dạng được chấp nhận: năm (2026),")
                    .contains("6 tháng (2026-H1, 2026-H2)", "quý (2026-Q3)", "tháng (2026-07)", "ngày (2026-07-15)")
                    .contains("9 tháng đầu năm (2026-9M)", "(term:2025-2030)");
            assertThat(vi.path("allowed").toString())
                    .isEqualTo("[\"2026\",\"2026-H1\",\"2026-9M\",\"2026-Q3\",\"2026-07\",\"2026-07-15\","
                            + "\"term:2025-2030\"]");
            assertThat(vi.propertyNames()).last().isEqualTo("traceId");
            assertThat(english.statusCode()).as(path).isEqualTo(400);
            assertThat(english.headers().firstValue("Content-Language")).hasValue("en");
            JsonNode en = json.readTree(english.body());
            assertThat(en.path("field").asString()).as(path).isEqualTo("period");
            assertThat(en.path("detail").asString())
                    .as(path)
                    .startsWith("Parameter “period” is not a reporting period. Accepted forms: a year (2026),")
                    .contains("a half-year (2026-H1, 2026-H2)", "a quarter (2026-Q3)", "(term:2025-2030)");
        }
        // another invalid value keeps the kit's wording: the forms of a period are no help there
        HttpResponse<String> noUnit = http.send(
                request("/api/v1/statistics/summary?unit=&period=2026", Map.of())
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode problem = json.readTree(noUnit.body());
        assertThat(problem.path("field").asString()).isEqualTo("unit");
        assertThat(problem.path("detail").asString()).doesNotContain("kỳ báo cáo");
        assertThat(problem.has("allowed")).isFalse();
        // a parameter with a fixed list of values lists them as the API writes them, in lower case
        for (Map.Entry<String, String> wrong : Map.of(
                        "/api/v1/statistics/breakdown?unit=48&period=2026&by=commune",
                        "child, kind, channel, category, field",
                        "/api/v1/statistics/series?unit=48&period=2026&step=week",
                        "day, month, quarter",
                        "/api/v1/statistics/summary?unit=48&period=2026&compare=last",
                        "previous, year",
                        "/api/v1/statistics/inactive-units?unit=48&period=2026&activity=meeting",
                        "feedback, dialogue, model",
                        "/api/v1/statistics/export?unit=48&period=2026&format=pdf",
                        "csv, xlsx",
                        "/api/v1/statistics/export?unit=48&period=2026&lang=fr",
                        "vi, en")
                .entrySet()) {
            HttpResponse<String> response =
                    http.send(request(wrong.getKey(), Map.of()).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(wrong.getKey()).isEqualTo(400);
            JsonNode invalid = json.readTree(response.body());
            assertThat(invalid.path("detail").asString())
                    .as(wrong.getKey())
                    .endsWith("chỉ nhận một trong các giá trị: " + wrong.getValue() + ".");
            assertThat(String.join(
                            ", ",
                            invalid.path("allowed")
                                    .valueStream()
                                    .map(JsonNode::asString)
                                    .toList()))
                    .as(wrong.getKey())
                    .isEqualTo(wrong.getValue());
        }
    }

    @Test
    void anUnknownUnitIsANotFoundProblemNamingItsParameterInTheCallersLanguage() throws Exception {
        for (String path : List.of(
                "/api/v1/statistics/summary?unit=99999&period=2026",
                "/api/v1/statistics/breakdown?unit=99999&period=2026&by=kind",
                "/api/v1/statistics/series?unit=99999&period=2026&step=month",
                "/api/v1/statistics/inactive-units?unit=99999&period=2026",
                "/api/v1/statistics/export?unit=nowhere&period=2026&format=csv",
                "/api/v1/statistics/stream?unit=nowhere")) {
            HttpResponse<String> vietnamese =
                    http.send(request(path, Map.of()).GET().build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> english = http.send(
                    request(path, Map.of("Accept-Language", "en")).GET().build(), HttpResponse.BodyHandlers.ofString());

            JsonNode vi = json.readTree(vietnamese.body());
            assertThat(vietnamese.statusCode()).as(path).isEqualTo(404);
            assertThat(vi.path("type").asString()).as(path).isEqualTo("urn:danvan:problem:not-found");
            assertThat(vi.path("field").asString()).as(path).isEqualTo("unit");
            assertThat(vi.path("title").asString()).isEqualTo("Không tìm thấy");
            assertThat(vi.path("detail").asString())
                    .isEqualTo("Tham số “unit” không phải mã của một đơn vị hiện hành (mã của đơn vị trước khi sáp nhập"
                            + " năm 2025 không còn dùng).");
            // the kit's members stay as they are, the trace id last
            assertThat(vi.path("instance").asString()).isEqualTo(path.substring(0, path.indexOf('?')));
            assertThat(vi.propertyNames()).last().isEqualTo("traceId");
            JsonNode en = json.readTree(english.body());
            assertThat(english.statusCode()).as(path).isEqualTo(404);
            assertThat(english.headers().firstValue("Content-Language")).hasValue("en");
            assertThat(en.path("field").asString()).as(path).isEqualTo("unit");
            assertThat(en.path("detail").asString())
                    .isEqualTo("Parameter “unit” is not the code of a current unit (codes of units before the 2025"
                            + " mergers are no longer in use).");
        }
        // another 404 is left as the kit wrote it: nothing there came from a parameter
        HttpResponse<String> noJob = http.send(
                request("/api/v1/statistics/rebuild/unknown", admin()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(noJob.statusCode()).isEqualTo(404);
        assertThat(json.readTree(noJob.body()).has("field")).isFalse();
    }

    @Test
    void theStreamDeliversChangesOfTheSubtreeAndResumesAfterAReconnect() throws Exception {
        Instant today = Instant.now();
        try (Stream<String> first = lines("/api/v1/statistics/stream?unit=" + DA_NANG, null)) {
            BlockingQueue<String> firstLines = drain(first);
            await().atMost(Duration.ofSeconds(10)).until(() -> subscribers() == 1);
            // the stream opens at once, before any change or heartbeat
            assertThat(firstLines.poll(5, TimeUnit.SECONDS)).isEqualTo(": connected");
            String f = id();
            long published = System.nanoTime();
            events.publish(webOpinion(f, HAI_CHAU, today));
            Map<String, String> change = nextFigures(firstLines, HAI_CHAU, Period.dayKey(today));
            long deliveredMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - published);
            // the 500 ms target is measured under load by the bench; here: one event, on a shared test machine
            System.out.println("[statistics-it] SSE delivery of one change: " + deliveredMillis + " ms");
            assertThat(deliveredMillis).isLessThan(5_000);
            assertThat(change.get("data")).contains("\"feedback.received\":");
            assertThat(firstLines.stream().anyMatch(line -> line.startsWith(": heartbeat"))
                            || waitHeartbeat(firstLines))
                    .isTrue();
            String lastId = change.get("id");
            first.close();
            await().atMost(Duration.ofSeconds(10)).until(() -> subscribers() == 0);

            long before = figure(summary(HAI_CHAU, Period.dayKey(today), null), "feedback.received");
            events.publish(webOpinion(id(), HAI_CHAU, today));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                            figure(summary(HAI_CHAU, Period.dayKey(today), null), "feedback.received"))
                    .isEqualTo(before + 1));
            try (Stream<String> resumed = lines("/api/v1/statistics/stream?unit=" + DA_NANG, lastId)) {
                BlockingQueue<String> resumedLines = drain(resumed);
                Map<String, String> missed = nextFigures(resumedLines, HAI_CHAU, Period.dayKey(today));
                assertThat(missed.get("data")).contains("\"feedback.received\":" + (before + 1));
            }
            // an id this instance cannot resume from gets the current figures instead
            try (Stream<String> unknown = lines("/api/v1/statistics/stream?unit=" + HAI_CHAU, "elsewhere-42")) {
                Map<String, String> snapshot = nextFigures(drain(unknown), HAI_CHAU, Period.dayKey(today));
                assertThat(snapshot.get("data")).contains("\"feedback.received\":" + (before + 1));
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> subscribers() == 0);
    }

    @Test
    void thisInstancesChangesReachItsClientsOnceAndAnotherReplicasThroughTheTopic() throws Exception {
        Instant today = Instant.now();
        String day = Period.dayKey(today);
        try (Stream<String> stream = lines("/api/v1/statistics/stream?unit=" + DA_NANG, null)) {
            BlockingQueue<String> lines = drain(stream);
            await().atMost(Duration.ofSeconds(10)).until(() -> subscribers() == 1);
            events.publish(webOpinion(id(), LIEN_CHIEU, today));
            Map<String, String> change = nextFigures(lines, LIEN_CHIEU, day);

            // delivered straight from the projector; its copy from danvan.statistics.v1 is not sent again
            String asPublished = change.get("data");
            TopicRecords.readUntil(
                    TestBackends.get().kafkaBootstrapServers(),
                    "danvan.statistics.v1",
                    Duration.ofSeconds(20),
                    read -> read.stream()
                            .anyMatch(r -> TopicRecords.value(r).contains("\"unitCode\":\"" + LIEN_CHIEU + "\"")
                                    && TopicRecords.value(r).contains(day)));
            List<String> later = new ArrayList<>();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (System.nanoTime() < until) {
                String line = lines.poll(100, TimeUnit.MILLISECONDS);
                if (line != null && line.startsWith("data:")) {
                    later.add(line.substring(5).strip());
                }
            }
            assertThat(later).doesNotContain(asPublished);

            // records on the topic that cannot be read (no CloudEvent headers; data that is not a change) are
            // skipped without holding up the changes after them
            events.publishRaw("danvan.statistics.v1", HAI_VAN, "{}", Map.of());
            events.publishRaw(
                    "danvan.statistics.v1",
                    HAI_VAN,
                    "{not json",
                    Map.of(
                            CloudEventHeaders.ID,
                            id(),
                            CloudEventHeaders.TYPE,
                            EventStream.typeOf(StatisticsChanged.class)));
            // a change another replica projected arrives through the topic
            events.publish(
                    "danvan.statistics.v1",
                    "/danvan/statistics",
                    id(),
                    new StatisticsChanged(
                            HAI_VAN,
                            List.of(new StatisticsChanged.PeriodFigures(
                                    "2099-01-01", Map.of("feedback.received", 42L))),
                            Instant.now()));
            assertThat(nextFigures(lines, HAI_VAN, "2099-01-01").get("data")).contains("\"feedback.received\":42");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> subscribers() == 0);
    }

    @Test
    void anInstanceServesAtMostItsBoundOfStreamsAndAClientThatLeavesFreesItsSlot() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> subscribers() == 0);
        String path = "/api/v1/statistics/stream?unit=" + DA_NANG;
        List<Stream<String>> open = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_STREAMS; i++) {
                open.add(lines(path, null));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> subscribers() == MAX_STREAMS);

            Refused refused = refusedStream(path, Map.of());
            assertThat(refused.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("30");
            assertThat(refused.problem().path("type").asString()).isEqualTo("urn:danvan:problem:service-unavailable");
            assertThat(refused.problem().path("detail").asString())
                    .isEqualTo("Máy chủ thống kê đang phục vụ số luồng số liệu trực tiếp tối đa (3); hãy thử lại sau"
                            + " 30 giây.");
            Refused english = refusedStream(path, Map.of("Accept-Language", "en"));
            assertThat(english.problem().path("detail").asString())
                    .isEqualTo("This statistics server is serving as many live streams as it allows (3); try again"
                            + " in 30 seconds.");
            // a refused stream holds nothing
            assertThat(subscribers()).isEqualTo(MAX_STREAMS);

            // a client leaves: the server notices at its next write (a heartbeat) and the slot is free again
            open.removeFirst().close();
            await().atMost(Duration.ofSeconds(10)).until(() -> subscribers() == MAX_STREAMS - 1);
            open.add(lines(path, null));
            await().atMost(Duration.ofSeconds(10)).until(() -> subscribers() == MAX_STREAMS);
        } finally {
            open.forEach(Stream::close);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> subscribers() == 0);
    }

    @Test
    @Order(Integer.MAX_VALUE - 3)
    void oneRebuildAtATimeAcrossReplicasAndAStoppedReplicasRebuildReadsAsAbandoned() throws Exception {
        // another replica is rebuilding: its job, and the lease it renews
        mongo.getCollection("statistics_rebuilds")
                .insertOne(new Document("_id", "otherreplica")
                        .append("status", "RUNNING")
                        .append("generation", "rotherreplica")
                        .append("processed", 10L)
                        .append("total", 100L)
                        .append("ratePerSecond", 5.0)
                        .append("startedAt", java.util.Date.from(Instant.now()))
                        .append("finishedAt", null)
                        .append("error", null));
        var lease = mongo.getCollection("statistics_rebuild_lease");
        lease.insertOne(new Document("_id", "rebuild")
                .append("job", "otherreplica")
                .append("until", java.util.Date.from(Instant.now().plusSeconds(60))));
        HttpResponse<String> refused = startRebuild();
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(refused.body()).contains("otherreplica");
        assertThat(get("/api/v1/statistics/rebuild/otherreplica", admin())
                        .path("status")
                        .asString())
                .isEqualTo("RUNNING");

        // that replica stops: nobody renews its lease
        lease.updateOne(
                new Document("_id", "rebuild"),
                new Document(
                        "$set",
                        new Document("until", java.util.Date.from(Instant.now().minusSeconds(1)))));
        JsonNode abandoned = get("/api/v1/statistics/rebuild/otherreplica", admin());
        assertThat(abandoned.path("status").asString()).isEqualTo("FAILED");
        assertThat(abandoned.path("error").asString()).isEqualTo("abandoned");

        HttpResponse<String> started = startRebuild();
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        awaitRebuildDone(json.readTree(started.body()).path("jobId").asString());
        // released as the job ends, just after its last progress is saved
        await().atMost(Duration.ofSeconds(5)).until(() -> lease.countDocuments() == 0);
        assertThat(mongo.getCollection("statistics_rebuilds")
                        .find(new Document("_id", "otherreplica"))
                        .first()
                        .getString("status"))
                .as("the abandoned job is recorded as failed")
                .isEqualTo("FAILED");
    }

    /** The rebuild job once done (60 s at most). */
    private JsonNode awaitRebuildDone(String jobId) throws Exception {
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(get("/api/v1/statistics/rebuild/" + jobId, admin())
                                .path("status")
                                .asString())
                        .isEqualTo("DONE"));
        return get("/api/v1/statistics/rebuild/" + jobId, admin());
    }

    private HttpResponse<String> startRebuild() throws Exception {
        return http.send(
                request("/api/v1/statistics/rebuild", admin())
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @Order(Integer.MAX_VALUE - 2)
    void anotherReplicasSwitchOfGenerationsLosesNoEventThisReplicaAppliedMeanwhile() throws Exception {
        String f1 = id();
        String f2 = id();
        received(f1, FeedbackKind.REPORT, Channel.APP, "environment", SON_TRA, "2041-03-02T03:00:00Z");
        awaitFigure(SON_TRA, "2041", "feedback.received", 1);
        // another replica rebuilds: its replay reads the topic as it is now...
        String generation = "other" + System.nanoTime();
        Replay replay = projector.replay(generation, 100_000);
        replay.add(everyRecord());
        replay.flush();
        // ...while this replica's projector applies f2 and f3 (on another partition) to the serving generation
        String f3 = idOnAnotherPartitionThan(f2);
        received(f2, FeedbackKind.REPORT, Channel.APP, "environment", SON_TRA, "2041-03-03T03:00:00Z");
        received(f3, FeedbackKind.REPORT, Channel.APP, "environment", SON_TRA, "2041-03-03T04:00:00Z");
        awaitFigure(SON_TRA, "2041", "feedback.received", 3);
        Document otherYear = mongo.getCollection("figures_" + generation)
                .find(new Document("_id", SON_TRA + "|2041"))
                .first();
        assertThat(otherYear
                        .get("feedback", Document.class)
                        .get("received", Number.class)
                        .longValue())
                .as("the other replica's generation has only what its replay read")
                .isEqualTo(1);

        // the other replica switches; this one sees it within half a second, and, with nothing new to read, applies
        // to the new generation at its next idle event what it had applied to the old one only (f2's and f3's
        // partitions)
        new Generations(mongo, java.time.Clock.systemUTC()).activate(generation);
        await().atMost(Duration.ofSeconds(5)).until(() -> generations.active().equals(generation));
        awaitFigure(SON_TRA, "2041", "feedback.received", 3);

        // and goes on in the new generation
        events.publish(new FeedbackAnswered(
                f2,
                FeedbackKind.REPORT,
                Channel.APP,
                "environment",
                SON_TRA,
                at("2041-03-04T03:00:00Z"),
                null,
                true,
                1));
        awaitFigure(SON_TRA, "2041", "feedback.answered", 1);
        assertThat(figure(summary(SON_TRA, "2041", null), "feedback.received")).isEqualTo(3);
        // (the rebuild test that follows checks every figure of this generation against a replay of the whole topic)
    }

    /** An item id whose events go to another partition of the feedback topic than those of {@code key}. */
    private static String idOnAnotherPartitionThan(String key) {
        int partitions;
        try (var consumer = SourceRecords.consumer(TestBackends.get().kafkaBootstrapServers(), 1)) {
            partitions = consumer.partitionsFor("danvan.feedback.v1").size();
        }
        String id;
        do {
            id = id();
        } while (partitionOf(id, partitions) == partitionOf(key, partitions));
        return id;
    }

    /** The producer's default partitioner for a keyed record. */
    private static int partitionOf(String key, int partitions) {
        return org.apache.kafka.common.utils.Utils.toPositive(
                        org.apache.kafka.common.utils.Utils.murmur2(key.getBytes(StandardCharsets.UTF_8)))
                % partitions;
    }

    /** Every record on the feedback topic now, as a rebuild's replay reads them. */
    private List<ReceivedEvent> everyRecord() {
        List<ReceivedEvent> all = new ArrayList<>();
        try (var consumer = SourceRecords.consumer(TestBackends.get().kafkaBootstrapServers(), 2000)) {
            List<org.apache.kafka.common.TopicPartition> partitions =
                    consumer.partitionsFor("danvan.feedback.v1").stream()
                            .map(info -> new org.apache.kafka.common.TopicPartition(info.topic(), info.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<org.apache.kafka.common.TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    ReceivedEvent event = SourceRecords.event(record);
                    if (event != null) {
                        all.add(event);
                    }
                });
            }
        }
        return all;
    }

    @Test
    @Order(Integer.MAX_VALUE - 1)
    void aRebuildReplaysTheTopicIntoNewCollectionsAndGivesIdenticalFigures() throws Exception {
        // something to rebuild even when this test runs alone
        String f = id();
        received(f, FeedbackKind.COMPLAINT, Channel.RECEPTION, "land", HAI_CHAU, "2034-05-05T03:00:00Z");
        awaitFigure(HAI_CHAU, "2034", "feedback.received", 1);
        String before =
                mongo.getCollection("statistics_generation").find().first().getString("generation");
        Map<String, Object> live = figuresOf(before);

        HttpResponse<String> started = startRebuild();
        assertThat(started.statusCode()).isEqualTo(202);
        JsonNode job =
                awaitRebuildDone(json.readTree(started.body()).path("jobId").asString());
        assertThat(job.path("processed").asLong())
                .isEqualTo(job.path("total").asLong())
                .isPositive();
        assertThat(job.path("ratePerSecond").asDouble()).isPositive();
        String after =
                mongo.getCollection("statistics_generation").find().first().getString("generation");
        assertThat(after).isEqualTo(job.path("generation").asString()).isNotEqualTo(before);
        assertThat(figuresOf(after)).isEqualTo(live);
        assertThat(figure(summary(HAI_CHAU, "2034", null), "feedback.received")).isEqualTo(1);

        // the live projector carries on in the new generation
        received(id(), FeedbackKind.COMPLAINT, Channel.RECEPTION, "land", HAI_CHAU, "2034-05-06T03:00:00Z");
        awaitFigure(HAI_CHAU, "2034", "feedback.received", 2);
    }

    @Test
    @Order(Integer.MAX_VALUE) // last: the replica (this context) stops its rebuilds for good
    void aReplicaThatStopsGracefullyEndsItsRebuildAndFreesTheLeaseAtOnce() throws Exception {
        String serving =
                mongo.getCollection("statistics_generation").find().first().getString("generation");
        HttpResponse<String> started = startRebuild();
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String jobId = json.readTree(started.body()).path("jobId").asString();

        // what the context's close does to the rebuilds (its destroy method), right after the start
        Object rebuilds = context.getBean("rebuilds");
        context.getBeanFactory().destroyBean("rebuilds", rebuilds);

        // the lease is free as soon as close returns: another replica may rebuild at once, not after 2 minutes
        assertThat(mongo.getCollection("statistics_rebuild_lease").countDocuments())
                .isZero();
        JsonNode job = get("/api/v1/statistics/rebuild/" + jobId, admin());
        String generation =
                mongo.getCollection("statistics_generation").find().first().getString("generation");
        if (job.path("status").asString().equals("DONE")) {
            // the job had finished before the stop reached it (its setup is several round trips to the broker)
            assertThat(generation).isEqualTo(job.path("generation").asString());
        } else {
            assertThat(job.path("status").asString()).isEqualTo("FAILED");
            assertThat(job.path("error").asString()).isEqualTo("stopped");
            assertThat(generation).as("the serving generation stays").isEqualTo(serving);
        }
        // a stopping replica starts no rebuild: 409, another replica may take the request
        HttpResponse<String> refused = startRebuild();
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(refused.body()).contains("urn:danvan:problem:conflict").contains("statistics.rebuild.stopping");
    }

    @Test
    void thePublicSeesDenunciationsOnlyWithComplaints() throws Exception {
        String complaint = id();
        String denunciation = id();
        received(complaint, FeedbackKind.COMPLAINT, Channel.WEB, "land", HOA_KHANH, "2046-03-02T03:00:00Z");
        received(denunciation, FeedbackKind.DENUNCIATION, Channel.RECEPTION, "land", HOA_KHANH, "2046-03-03T03:00:00Z");
        events.publish(new FeedbackAnswered(
                complaint,
                FeedbackKind.COMPLAINT,
                Channel.WEB,
                "land",
                HOA_KHANH,
                at("2046-03-04T03:00:00Z"),
                at("2046-04-01T16:59:59Z"),
                true,
                2));
        events.publish(new FeedbackAnswered(
                denunciation,
                FeedbackKind.DENUNCIATION,
                Channel.RECEPTION,
                "land",
                HOA_KHANH,
                at("2046-03-09T03:00:00Z"),
                at("2046-04-01T16:59:59Z"),
                true,
                4));
        awaitFigure(HOA_KHANH, "2046", "feedback.answered", 2);
        String byKind = "/api/v1/statistics/breakdown?unit=" + HOA_KHANH + "&period=2046&by=kind";
        String series = "/api/v1/statistics/series?unit=" + HOA_KHANH + "&period=2046-Q1&step=month";

        // anonymous, or a signed-in citizen: one row for both, in the complaints' place, counted as one (the
        // average answer time is the two items', not a sum of averages); no row of denunciations alone
        Map<String, String> citizen = Map.of(
                "Authorization", "Bearer " + TestIdentityProvider.shared().token("citizen-1", HOA_KHANH, "CITIZEN"));
        for (Map<String, String> caller : List.of(Map.<String, String>of(), citizen)) {
            JsonNode rows = get(byKind, caller);
            assertThat(rows.path("rows").findValuesAsString("key")).isEqualTo(PUBLIC_KINDS);
            assertThat(figure(rows, "COMPLAINT_DENUNCIATION", "feedback.received"))
                    .isEqualTo(2);
            assertThat(figure(rows, "COMPLAINT_DENUNCIATION", "feedback.answeredOnTime"))
                    .isEqualTo(2);
            assertThat(row(rows, "COMPLAINT_DENUNCIATION")
                            .path("figures")
                            .path("feedback.answerWorkingDaysAvg")
                            .asDouble())
                    .isEqualTo(3.0);
            assertThat(row(rows, "COMPLAINT_DENUNCIATION").path("label").asString())
                    .isEqualTo("Khiếu nại, tố cáo");
            assertThat(rows.toString()).doesNotContain("\"DENUNCIATION\"").doesNotContain("\"COMPLAINT\"");

            JsonNode march = get(series, caller).path("points").get(2).path("byKind");
            assertThat(march.path("COMPLAINT_DENUNCIATION")
                            .path("feedback.received")
                            .asLong())
                    .isEqualTo(2);
            assertThat(march.has("DENUNCIATION")).isFalse();
            assertThat(march.has("COMPLAINT")).isFalse();
        }
        assertThat(row(get(byKind + "&lang=en"), "COMPLAINT_DENUNCIATION")
                        .path("label")
                        .asString())
                .isEqualTo("Complaints and denunciations");
        // the province's breakdown too
        assertThat(get("/api/v1/statistics/breakdown?unit=" + DA_NANG + "&period=2046&by=kind")
                        .path("rows")
                        .findValuesAsString("key"))
                .isEqualTo(PUBLIC_KINDS);

        // staff, whatever their role or unit: every kind on its own, as before
        Map<String, String> communeOfficer = Map.of(
                "Authorization",
                "Bearer " + TestIdentityProvider.shared().token("officer-hk", HOA_KHANH, "COMMUNE_OFFICER"));
        for (Map<String, String> staff : List.of(officer(DA_NANG), communeOfficer, admin())) {
            JsonNode rows = get(byKind, staff);
            assertThat(rows.path("rows").findValuesAsString("key"))
                    .isEqualTo(Stream.of(FeedbackKind.values()).map(Enum::name).toList());
            assertThat(figure(rows, "COMPLAINT", "feedback.received")).isEqualTo(1);
            assertThat(figure(rows, "DENUNCIATION", "feedback.received")).isEqualTo(1);
            assertThat(row(rows, "DENUNCIATION").path("label").asString()).isEqualTo("Tố cáo");
            assertThat(row(rows, "DENUNCIATION")
                            .path("figures")
                            .path("feedback.answerWorkingDaysAvg")
                            .asDouble())
                    .isEqualTo(4.0);

            JsonNode march = get(series, staff).path("points").get(2).path("byKind");
            assertThat(march.path("COMPLAINT").path("feedback.received").asLong())
                    .isEqualTo(1);
            assertThat(march.path("DENUNCIATION").path("feedback.received").asLong())
                    .isEqualTo(1);
            assertThat(march.has("COMPLAINT_DENUNCIATION")).isFalse();
        }
        // totals are not split by kind: the same for everyone
        assertThat(figure(summary(HOA_KHANH, "2046", null), "feedback.received"))
                .isEqualTo(2);
    }

    /** The kinds' rows of a breakdown the public gets: complaints and denunciations as one. */
    private static final List<String> PUBLIC_KINDS = List.of(
            "OPINION",
            "RECOMMENDATION",
            "REPORT",
            "COMPLAINT_DENUNCIATION",
            "CONSULTATION_COMMENT",
            "MODEL_ASSESSMENT");

    // --- helpers ---

    /** Waits (30 s at most) until a unit's summary for a period shows a figure. */
    /** A value read until two reads 200 ms apart agree. */
    private static long settled(java.util.concurrent.Callable<Long> read) throws Exception {
        long last = read.call();
        for (int i = 0; i < 50; i++) {
            Thread.sleep(200);
            long now = read.call();
            if (now == last) {
                return now;
            }
            last = now;
        }
        throw new AssertionError("still changing after 10 s: " + last);
    }

    private void awaitFigure(String unit, String period, String metric, long expected) {
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() ->
                        assertThat(figure(summary(unit, period, null), metric)).isEqualTo(expected));
    }

    private Map<String, Object> figuresOf(String generation) {
        Map<String, Object> figures = new HashMap<>();
        for (Document doc : mongo.getCollection("figures_" + generation).find()) {
            // the counts (of a unit, or of a unit's children side by side), not the write times or offsets
            figures.put(doc.getString("_id"), doc.get(doc.containsKey("children") ? "children" : "feedback"));
        }
        return figures;
    }

    private void received(String id, FeedbackKind kind, Channel channel, String category, String unit, String at) {
        events.publish(
                new FeedbackReceived(id, kind, channel, category, unit, at(at), null, null, null, null, null, null));
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }

    private JsonNode summary(String unit, String period, String compare) throws Exception {
        return get("/api/v1/statistics/summary?unit=" + unit + "&period=" + period
                + (compare == null ? "" : "&compare=" + compare));
    }

    private static long figure(JsonNode summary, String metric) {
        return metric(summary, metric).path("value").asLong();
    }

    private static double number(JsonNode summary, String metric) {
        return metric(summary, metric).path("value").asDouble();
    }

    private static JsonNode metric(JsonNode summary, String metric) {
        return find(summary.path("figures"), "metric", metric);
    }

    /** One figure of one row of a breakdown. */
    private static long figure(JsonNode breakdown, String rowKey, String metric) {
        return row(breakdown, rowKey).path("figures").path(metric).asLong();
    }

    /** A citizen's opinion sent on the web about a commune, received at {@code at}. */
    private static FeedbackReceived webOpinion(String feedbackId, String commune, Instant at) {
        return new FeedbackReceived(
                feedbackId,
                FeedbackKind.OPINION,
                Channel.WEB,
                "other",
                commune,
                at,
                commune,
                null,
                null,
                null,
                null,
                null);
    }

    private static JsonNode row(JsonNode breakdown, String key) {
        return find(breakdown.path("rows"), "key", key);
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode node : array) {
            if (value.equals(node.path(field).asString())) {
                return node;
            }
        }
        throw new AssertionError("no " + field + "=" + value + " in " + array);
    }

    private JsonNode get(String path) throws Exception {
        return get(path, Map.of());
    }

    private JsonNode get(String path, Map<String, String> headers) throws Exception {
        HttpResponse<String> response =
                http.send(request(path, headers).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private String text(String path) throws Exception {
        return new String(bytes(path), StandardCharsets.UTF_8);
    }

    private byte[] bytes(String path) throws Exception {
        HttpResponse<byte[]> response =
                http.send(request(path, Map.of()).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }

    private int status(String path, Map<String, String> headers) throws Exception {
        return http.send(request(path, headers).GET().build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private void assertProblem(String path, int status) throws Exception {
        HttpResponse<String> response =
                http.send(request(path, Map.of()).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse(""))
                .as(path)
                .contains("application/problem+json");
    }

    private HttpRequest.Builder request(String path, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20));
        headers.forEach(builder::header);
        return builder;
    }

    private static Map<String, String> officer(String unit) {
        return Map.of(
                "Authorization",
                "Bearer " + TestIdentityProvider.shared().token("officer-" + unit, unit, "PROVINCE_OFFICER"));
    }

    private static Map<String, String> admin() {
        return Map.of("Authorization", "Bearer " + TestIdentityProvider.shared().token("admin-1", DA_NANG, "ADMIN"));
    }

    private double subscribers() {
        return meters.get("danvan.statistics.stream.subscribers").gauge().value();
    }

    private Stream<String> lines(String path, String lastEventId) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", "text/event-stream");
        if (lastEventId != null) {
            builder.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<Stream<String>> response = http.send(builder.GET().build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private record Refused(java.net.http.HttpHeaders headers, JsonNode problem) {}

    /** A stream request that must be refused with 503: a stream opened instead is closed, not read to its end. */
    private Refused refusedStream(String path, Map<String, String> headers) throws Exception {
        Map<String, String> all = new HashMap<>(headers);
        all.put("Accept", "text/event-stream");
        HttpResponse<java.io.InputStream> response =
                http.send(request(path, all).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        try (java.io.InputStream body = response.body()) {
            assertThat(response.statusCode()).isEqualTo(503);
            return new Refused(response.headers(), json.readTree(body.readAllBytes()));
        }
    }

    private static BlockingQueue<String> drain(Stream<String> lines) {
        BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        Thread.ofVirtual().start(() -> {
            try {
                lines.forEach(queue::add);
            } catch (RuntimeException closed) {
                // the test closed the stream
            }
        });
        return queue;
    }

    /** The next `figures` event of a unit and period: its id and data. */
    private static Map<String, String> nextFigures(BlockingQueue<String> lines, String unit, String period)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        Map<String, String> event = new HashMap<>();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(200, TimeUnit.MILLISECONDS);
            if (line == null) {
                continue;
            }
            if (line.isEmpty()) {
                String data = event.get("data");
                if ("figures".equals(event.get("event"))
                        && data != null
                        && data.contains("\"unit\":\"" + unit + "\"")
                        && data.contains("\"period\":\"" + period + "\"")) {
                    return event;
                }
                event = new HashMap<>();
            } else if (!line.startsWith(":")) {
                int colon = line.indexOf(':');
                event.put(line.substring(0, colon), line.substring(colon + 1).strip());
            }
        }
        throw new AssertionError("no figures of " + unit + " for " + period);
    }

    private static boolean waitHeartbeat(BlockingQueue<String> lines) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        List<String> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null) {
                seen.add(line);
                if (line.startsWith(": heartbeat")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Day keys of the tests' "today" in Vietnam. */
    private static final class Period {
        static String dayKey(Instant instant) {
            return vn.danvan.statistics.period.Period.dateOf(instant).toString();
        }
    }
}
