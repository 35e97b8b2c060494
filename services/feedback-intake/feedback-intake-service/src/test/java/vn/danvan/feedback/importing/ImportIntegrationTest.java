package vn.danvan.feedback.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.bson.types.Binary;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.danvan.feedback.feedback.FeedbackApi;
import vn.danvan.kit.security.Officer;
import vn.danvan.kit.security.Role;
import vn.danvan.kit.test.DanvanIntegrationTest;
import vn.danvan.kit.test.identity.TestIdentityProvider;

/** Letters received on paper: good rows imported, bad rows reported by number and reason, big files as jobs. */
@DanvanIntegrationTest(
        properties = {
            "danvan.test.database=feedback_import",
            "danvan.feedback.import.inline-rows=100",
            // a stopped replica's import is looked for often, so its test does not wait
            "danvan.feedback.import.resume-every=300ms",
            // a kept file of a few KB spans several documents, as a large one would
            "danvan.feedback.import.upload-part-bytes=4096",
            // a job keeps every row's result in its one document: larger files are refused (20,000 by default)
            "danvan.feedback.import.max-rows=400"
        })
class ImportIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final String HEADER = "kind,subject,content,category,communeCode,address,contactName,contactPhone";

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    ImportService imports;

    @Autowired
    vn.danvan.feedback.feedback.FeedbackService feedback;

    @Autowired
    ImportJobRepository jobRepository;

    @Autowired
    ImportUploads uploads;

    @Autowired
    jakarta.validation.Validator validator;

    @Autowired
    vn.danvan.kit.security.UnitScope scope;

    @Autowired
    vn.danvan.kit.web.ViolationTexts texts;

    @Autowired
    LetterValues values;

    @Autowired
    java.time.Clock clock;

    @Test
    void aCsvWithGoodAndBadRowsImportsTheGoodOnesAndReportsEachBadRow() {
        String tag = UUID.randomUUID().toString();
        String csv = String.join(
                "\n",
                HEADER,
                "REPORT,Đường ngập " + tag + ",Mưa lớn đường ngập sâu,infrastructure,19753,Kiệt 3,,",
                "COMPLAINT,Khiếu nại " + tag + ",Chưa được bồi thường,land,19753,,Lê Văn Bình,0905123456",
                "REPORT,Sai mã xã " + tag + ",Nội dung,infrastructure,99999,,,",
                "REPORT,,Thiếu tiêu đề,infrastructure,19753,,,",
                "COMPLAINT,Khiếu nại thiếu người " + tag + ",Nội dung,land,19753,,,",
                "GOSSIP,Loại lạ " + tag + ",Nội dung,other,19753,,,",
                "OPINION,Ý kiến ngoài phạm vi " + tag + ",Nội dung,other,00004,,,");

        HttpResponse<String> response = upload("thu-tay.csv", csv.getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode job = JSON.readTree(response.body());
        assertThat(job.get("status").asString()).isEqualTo("DONE");
        assertThat(job.get("total").asInt()).isEqualTo(7);
        assertThat(job.get("imported").asInt()).isEqualTo(2);
        assertThat(job.get("errors").valueStream().map(e -> e.get("row").asInt()))
                .containsExactly(4, 5, 6, 7, 8);
        // each bad row by the file's column, in the officer's language (Vietnamese unless they ask for English)
        assertThat(job.get("errors").get(0).get("field").asString()).isEqualTo("communeCode");
        assertThat(job.get("errors").get(1).get("field").asString()).isEqualTo("subject");
        assertThat(job.get("errors").get(1).get("reason").asString()).isEqualTo("không được để trống");
        // a complaint with no one to answer: the first of its contact columns
        assertThat(job.get("errors").get(2).get("field").asString()).isEqualTo("contactName");
        assertThat(job.get("errors").get(2).get("reason").asString()).startsWith("Khiếu nại phải ghi rõ họ tên");
        assertThat(job.get("errors").get(3).get("field").asString()).isEqualTo("kind");
        assertThat(job.get("errors").get(3).get("reason").asString()).startsWith("Loại đơn không hợp lệ");
        assertThat(job.get("errors").get(4).get("reason").asString())
                .isEqualTo("Xã/phường ngoài phạm vi đơn vị của cán bộ nhập.");
        assertThat(importedItems(tag)).isEqualTo(2);
        // each imported letter by its row, with the tracking code the office mails back to its writer
        assertThat(job.get("letters").valueStream().map(l -> l.get("row").asInt()))
                .containsExactly(2, 3);
        for (JsonNode letter : job.get("letters").valueStream().toList()) {
            assertThat(mongo.getCollection("feedback")
                            .find(new org.bson.Document(
                                    "_id", letter.get("feedbackId").asString()))
                            .first()
                            .getString("trackingCode"))
                    .isEqualTo(letter.get("trackingCode").asString());
        }

        HttpResponse<String> english = upload(
                "thu-tay-en.csv",
                String.join("\n", HEADER, "REPORT,,Thiếu tiêu đề " + tag + ",infrastructure,19753,,,")
                        .getBytes(StandardCharsets.UTF_8),
                "en-US,en;q=0.9");
        JsonNode row = JSON.readTree(english.body()).get("errors").get(0);
        assertThat(row.get("field").asString()).isEqualTo("subject");
        assertThat(row.get("reason").asString()).isEqualTo("must not be blank");
    }

    @Test
    void aLetterReceivedBeforeItIsEnteredCountsFromTheDayItArrivedWithItsFlags() {
        String tag = UUID.randomUUID().toString();
        java.time.ZoneId vietnam = java.time.ZoneId.of("Asia/Ho_Chi_Minh");
        java.time.LocalDate today = java.time.LocalDate.now(clock.withZone(vietnam));
        java.time.LocalDate arrived = today.minusDays(20);
        String header = "kind,subject,content,category,communeCode,contactName,contactPhone,receivedOn,secondTime";
        String csv = String.join(
                "\n",
                header,
                "COMPLAINT,Đơn cũ " + tag + ",Khiếu nại lần hai,land,19753,Lê Văn Bình,0905123456,"
                        + arrived.format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy")) + ",có",
                "COMPLAINT,Đơn mới " + tag + ",Khiếu nại,land,19753,Lê Văn Cường,0905123457,,",
                "COMPLAINT,Đơn ngày mai " + tag + ",Khiếu nại,land,19753,Lê Văn Dũng,0905123458," + today.plusDays(1)
                        + ",",
                "COMPLAINT,Đơn cờ lạ " + tag + ",Khiếu nại,land,19753,Lê Văn Em,0905123459,,có lẽ",
                // a report has no second time: the flag would mean nothing
                "REPORT,Phản ánh lần hai " + tag + ",Đèn hỏng,infrastructure,19753,,,,có");

        JsonNode job = JSON.readTree(
                upload("thu-cu.csv", csv.getBytes(StandardCharsets.UTF_8)).body());

        assertThat(job.get("imported").asInt()).isEqualTo(2);
        assertThat(job.get("errors")
                        .valueStream()
                        .map(e -> e.get("row").asInt() + ":" + e.get("field").asString()))
                .containsExactly("4:receivedOn", "5:secondTime", "6:secondTime");
        org.bson.Document old = mongo.getCollection("feedback")
                .find(new org.bson.Document("subject", "Đơn cũ " + tag))
                .first();
        org.bson.Document fresh = mongo.getCollection("feedback")
                .find(new org.bson.Document("subject", "Đơn mới " + tag))
                .first();
        assertThat(old.getDate("receivedAt").toInstant().atZone(vietnam).toLocalDate())
                .isEqualTo(arrived);
        assertThat(old.getBoolean("secondTime")).isTrue();
        // ten working days from the day it arrived, not from today
        assertThat(old.getDate("acceptBy")).isBefore(fresh.getDate("acceptBy"));
        assertThat(fresh.getDate("receivedAt").toInstant().atZone(vietnam).toLocalDate())
                .isEqualTo(today);
    }

    @Test
    void aComplaintsDayOfKnowingTheDecisionIsImportedItsLimitCountedToTheDayTheLetterArrived() {
        String tag = UUID.randomUUID().toString();
        java.time.ZoneId vietnam = java.time.ZoneId.of("Asia/Ho_Chi_Minh");
        java.time.LocalDate today = java.time.LocalDate.now(clock.withZone(vietnam));
        java.time.LocalDate arrived = today.minusDays(20);
        String header = "kind,subject,content,category,communeCode,contactName,contactPhone,receivedOn,decisionKnownOn";
        String csv = String.join(
                "\n",
                header,
                // 80 days before the letter arrived (100 before today): within the limit when it arrived
                "COMPLAINT,Trong hạn " + tag + ",Khiếu nại,land,19753,Lê Văn Bình,0905123456," + arrived + ","
                        + arrived.minusDays(80).format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy")),
                "COMPLAINT,Quá hạn " + tag + ",Khiếu nại,land,19753,Lê Văn Cường,0905123457," + arrived + ","
                        + arrived.minusDays(120),
                "REPORT,Phản ánh " + tag + ",Nội dung,infrastructure,19753,,," + arrived + "," + arrived.minusDays(5),
                "COMPLAINT,Sau ngày nhận " + tag + ",Khiếu nại,land,19753,Lê Văn Dũng,0905123458," + arrived + ","
                        + arrived.plusDays(1),
                "COMPLAINT,Ngày sai " + tag + ",Khiếu nại,land,19753,Lê Văn Em,0905123459," + arrived + ",31/02/2026");

        JsonNode job = JSON.readTree(
                upload("thoi-hieu.csv", csv.getBytes(StandardCharsets.UTF_8)).body());

        assertThat(job.get("imported").asInt()).as(job.toString()).isEqualTo(2);
        assertThat(job.get("errors")
                        .valueStream()
                        .map(e -> e.get("row").asInt() + ":" + e.get("field").asString()))
                .containsExactly("4:decisionKnownOn", "5:decisionKnownOn", "6:decisionKnownOn");
        assertThat(job.get("errors").get(2).get("reason").asString())
                .startsWith("Ngày nhận được quyết định hoặc biết được hành vi hành chính không hợp lệ");
        JsonNode within = JSON.readTree(get("/api/v1/feedback/"
                        + job.get("letters").get(0).get("feedbackId").asString())
                .body());
        assertThat(within.path("decisionKnownOn").asString())
                .isEqualTo(arrived.minusDays(80).toString());
        assertThat(within.path("filingLimit").path("passedOnArrival").asBoolean())
                .isFalse();
        JsonNode past = JSON.readTree(get("/api/v1/feedback/"
                        + job.get("letters").get(1).get("feedbackId").asString())
                .body());
        assertThat(past.path("filingLimit").path("passedOnArrival").asBoolean()).isTrue();
    }

    @Test
    void theSameFileUploadedAgainImportsNothingTwiceButIdenticalLettersAreEachKept() {
        String tag = UUID.randomUUID().toString();
        String good = "REPORT,Đèn đường hỏng " + tag + ",Đèn tắt cả tuần ở kiệt 5,infrastructure,19753,Kiệt 5,,";
        String bad = "REPORT,Cống tắc " + tag + ",Nước tràn,infrastructure,99999,,,";
        byte[] file = String.join("\n", HEADER, good, bad).getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> first = upload("thu.csv", file);
        assertThat(first.statusCode()).isEqualTo(201);
        // sent again, say after a timeout: the first import answers, nothing is imported again
        HttpResponse<String> again = upload("thu-lan-2.csv", file);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(JSON.readTree(again.body()).get("id").asString())
                .isEqualTo(JSON.readTree(first.body()).get("id").asString());
        assertThat(importedItems(tag)).isEqualTo(1);

        // letters of the same text are separate letters (a campaign): a file holding two is two items, the second
        // linked to the first as a likely duplicate, never merged into it
        HttpResponse<String> campaign =
                upload("chien-dich.csv", String.join("\n", HEADER, good, good).getBytes(StandardCharsets.UTF_8));
        assertThat(campaign.statusCode()).isEqualTo(201);
        JsonNode ids = JSON.readTree(campaign.body()).get("feedbackIds");
        assertThat(ids.size()).isEqualTo(2);
        assertThat(importedItems(tag)).isEqualTo(3);
        JsonNode second =
                JSON.readTree(get("/api/v1/feedback/" + ids.get(1).asString()).body());
        assertThat(second.path("duplicateOf").path("feedbackId").asString())
                .isIn(
                        JSON.readTree(first.body()).get("feedbackIds").get(0).asString(),
                        ids.get(0).asString());
    }

    @Test
    void theSameFileUploadedSeveralTimesAtOnceMakesOneImport() throws Exception {
        // a double click, or a retry while the first upload is still being read: both inline and as a job
        for (int rows : new int[] {3, 250}) {
            String tag = UUID.randomUUID().toString();
            byte[] file = csv(
                    rows,
                    i -> "REPORT,Ổ gà " + i + " " + tag + ",Đường kiệt " + i + " có ổ gà,infrastructure,19753,,,");
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<HttpResponse<String>>> uploads = new java.util.ArrayList<>();
            try (var threads = java.util.concurrent.Executors.newFixedThreadPool(4)) {
                for (int i = 0; i < 4; i++) {
                    uploads.add(threads.submit(() -> {
                        start.await();
                        return upload("thu-" + rows + ".csv", file);
                    }));
                }
                start.countDown();
            }

            java.util.Set<String> jobs = new java.util.HashSet<>();
            int created = 0;
            for (var upload : uploads) {
                HttpResponse<String> response = upload.get();
                assertThat(response.statusCode()).as(response.body()).isIn(200, 201, 202);
                created += response.statusCode() == 200 ? 0 : 1;
                jobs.add(JSON.readTree(response.body()).get("id").asString());
            }
            assertThat(jobs).as(rows + " rows").hasSize(1);
            assertThat(created).as(rows + " rows: answered as new").isEqualTo(1);
            String location = "/api/v1/feedback/imports/" + jobs.iterator().next();
            assertThat(awaitDone(location).get("imported").asInt()).isEqualTo(rows);
            assertThat(importedItems(tag)).as(rows + " rows").isEqualTo(rows);
            // no file is kept for an upload that made no job, nor for the job once done
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> mongo.getCollection("import_uploads").countDocuments() == 0);
        }
    }

    /** A CSV file of {@code rows} rows under the header, row {@code i} written by {@code row}. */
    private static byte[] csv(int rows, java.util.function.IntFunction<String> row) {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i < rows; i++) {
            csv.append(row.apply(i)).append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The job at {@code location} once done, polled as its officer would. */
    private JsonNode awaitDone(String location) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> JSON.readTree(get(location).body())
                        .get("status")
                        .asString()
                        .equals("DONE"));
        return JSON.readTree(get(location).body());
    }

    private long importedItems(String tag) {
        return mongo.getCollection("feedback")
                .countDocuments(new org.bson.Document("channel", "IMPORT")
                        .append("subject", new org.bson.Document("$regex", tag)));
    }

    @Test
    void anXlsxFileIsImportedToo() throws IOException {
        String tag = UUID.randomUUID().toString();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            Sheet sheet = workbook.createSheet("Đơn thư");
            String[] header = HEADER.split(",");
            Row first = sheet.createRow(0);
            for (int i = 0; i < header.length; i++) {
                first.createCell(i).setCellValue(header[i]);
            }
            Row row = sheet.createRow(1);
            String[] values = {"RECOMMENDATION", "Kiến nghị " + tag, "Xin lắp đèn", "infrastructure", "19753"};
            for (int i = 0; i < values.length; i++) {
                row.createCell(i).setCellValue(values[i]);
            }
            workbook.write(bytes);
        }
        HttpResponse<String> response = upload("don-thu.xlsx", bytes.toByteArray());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(JSON.readTree(response.body()).get("imported").asInt()).isEqualTo(1);
    }

    @Test
    void aListsRowNumberAndNotesColumnsAreImportedAsNothingAndItsNumberedEmptyRowsAsNoLetters() throws IOException {
        String tag = UUID.randomUUID().toString();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            Sheet sheet = workbook.createSheet("Tháng 11");
            sheet.createRow(0).createCell(0).setCellValue("DANH SÁCH ĐƠN THƯ TIẾP NHẬN THÁNG 11/2026");
            String[][] rows = {
                {"STT", "Loại đơn", "Tiêu đề", "Nội dung", "Lĩnh vực", "Mã xã", "Ghi chú"},
                {"", "phản ánh", "Đèn hỏng " + tag, "Đèn tắt cả tuần", "Hạ tầng", "19753", "đã báo tổ dân phố"},
                {"", "kiến nghị", "Sai mã " + tag, "Xin lắp đèn", "Hạ tầng", "99999"},
                {"", "kiến nghị", "Lắp đèn " + tag, "Xin lắp đèn", "Hạ tầng", "19753"}
            };
            for (int r = 0; r < rows.length; r++) {
                Row row = sheet.createRow(r + 1);
                for (int c = 1; c < rows[r].length; c++) {
                    row.createCell(c).setCellValue(rows[r][c]);
                }
            }
            sheet.getRow(1).createCell(0).setCellValue("STT");
            // the list is numbered ahead of its letters, to row 8
            for (int r = 2; r <= 7; r++) {
                (sheet.getRow(r) == null ? sheet.createRow(r) : sheet.getRow(r))
                        .createCell(0)
                        .setCellValue(r - 1);
            }
            workbook.write(bytes);
        }

        HttpResponse<String> response = upload("thang-11-stt.xlsx", bytes.toByteArray());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode job = JSON.readTree(response.body());
        assertThat(job.get("total").asInt()).isEqualTo(3);
        assertThat(rowsOf(job.get("letters"), null)).containsExactly("3", "5");
        assertThat(rowsOf(job.get("errors"), "field")).containsExactly("4:Mã xã");
        // the note and the number are no part of any letter
        assertThat(lettersTagged(tag))
                .containsExactly(
                        "Lắp đèn | Xin lắp đèn | null | null | null",
                        "Đèn hỏng | Đèn tắt cả tuần | null | null | null");
        // documented, for the officer who reads the API or the template
        String described = JSON.readTree(get("/v3/api-docs").body())
                .path("paths")
                .path("/api/v1/feedback/imports")
                .path("post")
                .path("description")
                .asString();
        assertThat(described).contains("\"STT\"", "\"Ghi chú\"", "ignored");
    }

    @Test
    void anXlsxIsReadAsTheOfficerSeesItValuesDatesAndCodesTypedAsNumbers() throws IOException {
        String tag = UUID.randomUUID().toString();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            Sheet sheet = workbook.createSheet("Đơn thư");
            // column F has no name (a notes column the officer left untitled), G onwards go on by position
            String[] header = {
                "kind",
                "subject",
                "content",
                "category",
                "communeCode",
                null,
                "contactName",
                "contactPhone",
                "receivedOn"
            };
            Row first = sheet.createRow(0);
            for (int i = 0; i < header.length; i++) {
                if (header[i] != null) {
                    first.createCell(i).setCellValue(header[i]);
                }
            }
            var dates = workbook.createCellStyle();
            dates.setDataFormat((short) 14); // Excel's short date, what a typed date gets
            Row row = sheet.createRow(1);
            row.createCell(0).setCellValue("COMPLAINT");
            row.createCell(1).setCellValue("Khiếu nại " + tag);
            row.createCell(2).setCellFormula("\"Chưa được \"&\"bồi thường\"");
            row.createCell(3).setCellValue("land");
            row.createCell(4).setCellValue(19753); // typed as a number
            row.createCell(6).setCellValue("Lê Văn Bình");
            row.createCell(7).setCellValue(905123456); // 0905123456 read as a number
            var received = row.createCell(8);
            received.setCellValue(java.time.LocalDate.of(2026, 2, 25));
            received.setCellStyle(dates);
            Row stray = sheet.createRow(2);
            stray.createCell(0).setCellValue("REPORT");
            stray.createCell(1).setCellValue("Ô lạc " + tag);
            stray.createCell(2).setCellValue("Đèn hỏng");
            stray.createCell(3).setCellValue("infrastructure");
            stray.createCell(4).setCellValue("19753");
            stray.createCell(5).setCellValue("ghi chú cho cột không tên");
            workbook.setForceFormulaRecalculation(true);
            org.apache.poi.ss.usermodel.FormulaEvaluator evaluator =
                    workbook.getCreationHelper().createFormulaEvaluator();
            evaluator.evaluateAll(); // stores the value Excel would have cached
            workbook.write(bytes);
        }

        JsonNode job =
                JSON.readTree(upload("don-thu-so.xlsx", bytes.toByteArray()).body());

        assertThat(job.get("imported").asInt()).as(job.toString()).isEqualTo(1);
        assertThat(job.get("errors").get(0).get("row").asInt()).isEqualTo(3);
        assertThat(job.get("errors").get(0).get("reason").asString()).contains("6");
        org.bson.Document item = mongo.getCollection("feedback")
                .find(new org.bson.Document("subject", "Khiếu nại " + tag))
                .first();
        assertThat(item.getString("content")).isEqualTo("Chưa được bồi thường");
        assertThat(item.get("location", org.bson.Document.class).getString("communeCode"))
                .isEqualTo("19753");
        assertThat(item.get("contact", org.bson.Document.class).getString("phone"))
                .isEqualTo("0905123456");
        assertThat(item.getDate("receivedAt")
                        .toInstant()
                        .atZone(java.time.ZoneId.of("Asia/Ho_Chi_Minh"))
                        .toLocalDate())
                .isEqualTo(java.time.LocalDate.of(2026, 2, 25));
    }

    @Test
    void aCsvRowWithAnUnquotedCommaIsRefusedNotCutAndAnEmptyFileIsRefusedWhole() {
        String tag = UUID.randomUUID().toString();
        String csv = String.join(
                "\n",
                "kind,subject,category,communeCode,content",
                "",
                "REPORT,Đường hỏng " + tag + ",infrastructure,19753,Đường hỏng, cần sửa gấp",
                "REPORT,Đèn hỏng " + tag + ",infrastructure,19753,Đèn hỏng");

        JsonNode job = JSON.readTree(
                upload("dau-phay.csv", csv.getBytes(StandardCharsets.UTF_8)).body());

        assertThat(job.get("imported").asInt()).isEqualTo(1);
        // numbered by the line it is on (the blank line counts), as an editor shows it
        assertThat(job.get("errors").get(0).get("row").asInt()).isEqualTo(3);
        assertThat(importedItems("Đường hỏng " + tag)).isZero();

        HttpResponse<String> empty = upload("trong.csv", (HEADER + "\n").getBytes(StandardCharsets.UTF_8));
        assertThat(empty.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(empty.body()).get("code").asString()).isEqualTo("feedback.import.no-rows");
    }

    @Test
    void aLargeFileRunsAsAJobWhoseProgressCanBeFollowed() {
        String tag = UUID.randomUUID().toString();
        // every seventh row has no kind: refused rows and letters are recorded across the job's progress saves
        byte[] file = csv(
                150,
                i -> (i % 7 == 3 ? "" : "REPORT") + ",Phản ánh " + i + " " + tag + ",Nội dung số " + i
                        + ",environment,19753,,,");
        HttpResponse<String> started = upload("lon.csv", file);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String location = started.headers().firstValue("Location").orElseThrow();

        JsonNode done = awaitDone(location);
        List<Integer> refusedRows = new ArrayList<>();
        List<Integer> importedRows = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            (i % 7 == 3 ? refusedRows : importedRows).add(i + 2); // the header is row 1
        }
        assertThat(done.get("processed").asInt()).isEqualTo(150);
        assertThat(done.get("imported").asInt()).isEqualTo(importedRows.size());
        assertThat(done.get("errors").valueStream().map(e -> e.get("row").asInt()))
                .containsExactlyElementsOf(refusedRows);
        assertThat(done.get("letters").valueStream().map(l -> l.get("row").asInt()))
                .containsExactlyElementsOf(importedRows);
        assertThat(done.get("feedbackIds").valueStream().map(JsonNode::asString))
                .containsExactlyElementsOf(done.get("letters")
                        .valueStream()
                        .map(l -> l.get("feedbackId").asString())
                        .toList());
        assertThat(importedItems(tag)).isEqualTo(importedRows.size());
        assertThat(get(location, "00004").statusCode()).isEqualTo(404);
    }

    @Test
    void aFileOfMoreLettersThanAnImportTakesIsRefusedWholeToBeSplit() {
        String tag = UUID.randomUUID().toString();
        HttpResponse<String> refused =
                upload("ca-nam.csv", csv(401, i -> "REPORT,Thư " + i + " " + tag + ",Nội dung,environment,19753,,,"));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(JSON.readTree(refused.body()).get("code").asString()).isEqualTo("feedback.import.too-many-rows");
        // read no further than the 401st letter: the file's own count is not known, the limit is
        assertThat(JSON.readTree(refused.body()).get("detail").asString()).contains("hơn 400 dòng thư");
        assertThat(importedItems(tag)).isZero();
    }

    @Test
    void aLargeImportWhoseReplicaStoppedIsFinishedByAnotherAndItsFileIsKeptOnlySealedUntilThen() {
        String tag = UUID.randomUUID().toString();
        byte[] file = csv(
                150,
                i -> "COMPLAINT,Khiếu nại " + i + " " + tag + ",Đất thửa số " + i
                        + " chưa được bồi thường,land,19753,,Lê Văn Bình,0905" + String.format("%06d", i));
        // a replica accepts the import and stops before its first row: the job and its file are stored, nothing
        // runs it (a replica stopping later leaves the same, with the rows done recorded every 50)
        ImportJob job = imports.accept(
                new Officer("officer-import", "19753", Set.of(Role.COMMUNE_OFFICER)),
                "thu-tay.csv",
                file,
                150,
                Locale.forLanguageTag("vi"));
        String location = "/api/v1/feedback/imports/" + job.getId();
        org.bson.Document kept = mongo.getCollection("import_uploads")
                .find(new org.bson.Document("_id", job.getId()))
                .first();
        assertThat(kept.getInteger("parts")).as("parts of 4 KB").isGreaterThan(1);
        StringBuilder stored = new StringBuilder();
        mongo.getCollection("import_uploads")
                .find()
                .forEach(doc -> stored.append(
                        new String(doc.get("sealed", Binary.class).getData(), StandardCharsets.ISO_8859_1)));
        assertThat(stored.toString())
                .doesNotContain(tag)
                .doesNotContain("0905000001")
                .doesNotContain("Bình");
        assertThat(JSON.readTree(get(location).body()).get("status").asString()).isEqualTo("RUNNING");

        // its lease passes: another replica (here, this one) takes the job over
        mongo.getCollection("import_jobs")
                .updateOne(
                        new org.bson.Document("_id", job.getId()),
                        new org.bson.Document(
                                "$set",
                                new org.bson.Document(
                                        "leaseUntil", Date.from(Instant.now().minusSeconds(1)))));
        JsonNode done = awaitDone(location);
        assertThat(done.get("imported").asInt()).isEqualTo(150);
        assertThat(importedItems(tag)).isEqualTo(150);
        // run where no officer is signed in, its letters are still received by the officer who imported them
        mongo.getCollection("feedback")
                .find(new org.bson.Document("channel", "IMPORT")
                        .append("subject", new org.bson.Document("$regex", tag)))
                .forEach(item -> assertThat(item.getList("timeline", org.bson.Document.class)
                                .getFirst()
                                .getString("actor"))
                        .isEqualTo("officer-import"));
        // every part of the file is deleted once imported (just after the job is saved done)
        await().atMost(Duration.ofSeconds(5))
                .until(() -> mongo.getCollection("import_uploads").countDocuments() == 0);
    }

    @Test
    void aReplicaStoppingGracefullyLeavesItsImportToAnotherAtOnce() throws Exception {
        String tag = UUID.randomUUID().toString();
        byte[] file =
                csv(400, i -> "OPINION,Góp ý " + i + " " + tag + ",Ý kiến về quy hoạch khu " + i + ",other,19753,,,");
        // a second replica of the service, sharing the store, that stops while importing
        ImportService stopping = new ImportService(
                feedback,
                jobRepository,
                uploads,
                validator,
                scope,
                texts,
                values,
                clock,
                mongo,
                100,
                400,
                Duration.ofMinutes(10));
        ImportJob job = stopping.start(
                        new Officer("officer-import", "19753", Set.of(Role.COMMUNE_OFFICER)),
                        "gop-y.csv",
                        new java.io.ByteArrayInputStream(file),
                        java.util.Locale.forLanguageTag("vi"))
                .job();
        String location = "/api/v1/feedback/imports/" + job.getId();
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        JSON.readTree(get(location).body()).get("processed").asInt() >= 50);
        // what a progress save stored: as many letters as rows done (appended to the report, not rewritten whole)
        JsonNode midway = JSON.readTree(get(location).body());
        assertThat(midway.get("letters").size())
                .isEqualTo(midway.get("processed").asInt());
        stopping.destroy();
        int left = JSON.readTree(get(location).body()).get("processed").asInt();
        assertThat(left).as("stopped before the end").isLessThan(400);

        // its lease (10 minutes) was given up: this replica takes the job over at its next look, not 10 minutes on
        JsonNode done = awaitDone(location);
        assertThat(done.get("imported").asInt()).isEqualTo(400);
        assertThat(importedItems(tag)).as("every row once").isEqualTo(400);
        // the rows the stopped replica recorded (appended at its progress saves) and those of the one that took over
        assertThat(done.get("letters").valueStream().map(l -> l.get("row").asInt()))
                .containsExactlyElementsOf(
                        java.util.stream.IntStream.rangeClosed(2, 401).boxed().toList());
    }

    @Test
    void anImportMayBeLargerThanOtherBodiesUpToItsOwnLimit() {
        String tag = UUID.randomUUID().toString();
        // 1.5 MB: above the 1 MB every other path is allowed; long letters, as transcribed from paper
        String page = "Kính gửi Ủy ban nhân dân phường tôi xin phản ánh việc đường ngập. ".repeat(55);
        byte[] file = csv(400, i -> "REPORT,Thư dài " + i + " " + tag + "," + page + i + ",infrastructure,19753,,,");
        assertThat(file.length).isGreaterThan(1_500_000);

        HttpResponse<String> started = upload("thu-dai.csv", file);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        assertThat(awaitDone(started.headers().firstValue("Location").orElseThrow())
                        .get("imported")
                        .asInt())
                .isEqualTo(400);

        HttpResponse<String> tooLarge = upload("qua-lon.csv", new byte[21 * 1024 * 1024]);
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(tooLarge.body()).get("maxBytes").asLong()).isEqualTo(20L * 1024 * 1024);
    }

    @Test
    void aCsvSavedByExcelWithItsByteOrderMarkIsImportedAndOneInAnotherEncodingIsRefusedNotGarbled() {
        String tag = UUID.randomUUID().toString();
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] csv = (HEADER + "\nREPORT,Cống tắc " + tag + ",Cống thoát nước bị tắc,infrastructure,19753,,,")
                .getBytes(StandardCharsets.UTF_8);
        byte[] excel = new byte[bom.length + csv.length];
        System.arraycopy(bom, 0, excel, 0, bom.length);
        System.arraycopy(csv, 0, excel, bom.length, csv.length);

        HttpResponse<String> imported = upload("excel-csv-utf8.csv", excel);
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
        assertThat(JSON.readTree(imported.body()).get("imported").asInt()).isEqualTo(1);
        assertThat(importedItems(tag)).isEqualTo(1);

        String latinTag = UUID.randomUUID().toString();
        HttpResponse<String> latin = upload(
                "latin1.csv",
                (HEADER + "\nREPORT,Cafe " + latinTag + " \u00e9t\u00e9,Noi dung,infrastructure,19753,,,")
                        .getBytes(StandardCharsets.ISO_8859_1));
        assertThat(latin.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(latin.body()).get("code").asString()).isEqualTo("feedback.import.not-utf8");
        assertThat(importedItems(latinTag)).isZero();
    }

    @Test
    void aFileOfAnotherFormatOrWithAnUnknownColumnIsRefusedWhole() {
        assertThat(upload("notes.txt", "x".getBytes()).statusCode()).isEqualTo(422);
        HttpResponse<String> typo = upload("typo.csv", "kind,subjetc\nREPORT,x".getBytes(StandardCharsets.UTF_8));
        assertThat(typo.statusCode()).isEqualTo(422);
        assertThat(typo.body()).contains("subjetc");
        // the columns it could be, in the officer's language
        assertThat(JSON.readTree(typo.body()).get("detail").asString()).contains("Loại đơn, Tiêu đề, Nội dung");
        HttpResponse<String> english =
                upload("typo.csv", "kind,subjetc\nREPORT,x".getBytes(StandardCharsets.UTF_8), "en");
        assertThat(JSON.readTree(english.body()).get("detail").asString()).contains("kind, subject, content");
    }

    @Test
    void aCsvSavedByExcelWithSemicolonsAsInVietnameseIsImportedAsTheSameLettersWithCommasAre() {
        // Excel where ',' is the decimal mark (vi-VN) saves "CSV" with ';' between fields, quoting only a cell that
        // holds a ';': "0,5 m" stays bare there, and a cell holding both characters is quoted in either file
        String[][] letters = {
            {"kind", "subject", "content", "category", "communeCode", "address", "contactName", "contactPhone"},
            {"REPORT", "Đường ngập {tag}", "Nước ngập sâu 0,5 m", "infrastructure", "19753", "Kiệt 3, tổ 5; gần chợ"},
            {
                "COMPLAINT",
                "Khiếu nại {tag}",
                "Cống tắc; nước tràn vào \"nhà\"",
                "land",
                "19753",
                "",
                "Lê Văn Bình",
                "0905123456"
            },
            {"REPORT", "Sai mã xã {tag}", "Nội dung", "infrastructure", "99999"},
            {"OPINION", "Góp ý {tag}", "Dòng một;\ndòng hai, hết", "other", "19753"}
        };
        String commaTag = UUID.randomUUID().toString();
        String semicolonTag = UUID.randomUUID().toString();
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        ByteArrayOutputStream semicolons = new ByteArrayOutputStream();
        semicolons.writeBytes(bom); // "CSV UTF-8" in a Vietnamese Excel: both at once
        semicolons.writeBytes(excelCsv(letters, ';', semicolonTag));
        assertThat(new String(semicolons.toByteArray(), StandardCharsets.UTF_8))
                .contains(";Nước ngập sâu 0,5 m;")
                .contains("\"Kiệt 3, tổ 5; gần chợ\"");

        HttpResponse<String> comma = upload("thu-phay.csv", excelCsv(letters, ',', commaTag));
        HttpResponse<String> semicolon = upload("thu-cham-phay.csv", semicolons.toByteArray());

        assertThat(semicolon.statusCode()).as(semicolon.body()).isEqualTo(201);
        assertThat(comma.statusCode()).as(comma.body()).isEqualTo(201);
        JsonNode byComma = JSON.readTree(comma.body());
        JsonNode bySemicolon = JSON.readTree(semicolon.body());
        assertThat(bySemicolon.get("imported").asInt()).isEqualTo(3);
        for (String report : List.of("total", "imported")) {
            assertThat(bySemicolon.get(report)).isEqualTo(byComma.get(report));
        }
        assertThat(rowsOf(bySemicolon.get("errors"), "field"))
                .containsExactly("4:communeCode")
                .isEqualTo(rowsOf(byComma.get("errors"), "field"));
        // the multi-line text counts its lines, as an editor shows the file
        assertThat(rowsOf(bySemicolon.get("letters"), null))
                .containsExactly("2", "3", "5")
                .isEqualTo(rowsOf(byComma.get("letters"), null));
        assertThat(lettersTagged(semicolonTag))
                .contains("Đường ngập | Nước ngập sâu 0,5 m | Kiệt 3, tổ 5; gần chợ | null | null")
                .contains("Khiếu nại | Cống tắc; nước tràn vào \"nhà\" | null | Lê Văn Bình | 0905123456")
                .isEqualTo(lettersTagged(commaTag));
    }

    @Test
    void aColumnNamedTwiceRefusesTheWholeFileNamingItNotLettingOneWin() throws IOException {
        String tag = UUID.randomUUID().toString();
        // the same column after its name is read: case, spaces and '_' do not count
        String csv = String.join(
                "\n",
                "kind,subject,content,category,communeCode,contactName,Contact Name,contactPhone",
                "COMPLAINT,Khiếu nại " + tag + ",Chưa được bồi thường,land,19753,Lê Văn Bình,Lê Văn Cường,0905123456");

        HttpResponse<String> refused = upload("trung-cot.csv", csv.getBytes(StandardCharsets.UTF_8));

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        JsonNode problem = JSON.readTree(refused.body());
        assertThat(problem.get("code").asString()).isEqualTo("feedback.import.duplicate-column");
        assertThat(problem.get("detail").asString())
                .isEqualTo("Cột \"contactName\" có hai lần ở dòng tiêu đề (cột thứ 6 và thứ 7): hãy giữ một cột, để"
                        + " không giá trị nào bị bỏ qua. Không thư nào được nhập.");
        HttpResponse<String> english = upload("trung-cot.csv", csv.getBytes(StandardCharsets.UTF_8), "en");
        assertThat(JSON.readTree(english.body()).get("detail").asString())
                .startsWith("Column \"contactName\" appears twice in the header (columns 6 and 7)");

        // in a workbook, on any sheet of letters: the sheets before it are not imported either
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            sheet(workbook, "Tháng 1", new String[][] {
                {"kind", "subject", "content", "category", "communeCode"},
                {"REPORT", "Đèn hỏng " + tag, "Đèn tắt", "infrastructure", "19753"}
            });
            sheet(workbook, "Tháng 2", new String[][] {
                {"kind", "SUBJECT", "content", "category", "communeCode", "subject"},
                {"REPORT", "Cống tắc " + tag, "Nước tràn", "infrastructure", "19753", "Cống vỡ " + tag}
            });
            workbook.write(bytes);
        }
        HttpResponse<String> workbook = upload("trung-cot.xlsx", bytes.toByteArray());
        assertThat(workbook.statusCode()).as(workbook.body()).isEqualTo(422);
        assertThat(JSON.readTree(workbook.body()).get("code").asString()).isEqualTo("feedback.import.duplicate-column");
        assertThat(JSON.readTree(workbook.body()).get("detail").asString())
                .contains("\"SUBJECT\"", "(cột thứ 2 và thứ 6)");
        assertThat(importedItems(tag)).isZero();
    }

    @Test
    void aWorkbookWithASheetPerMonthIsReadSheetBySheetItsNotesSheetSkippedAndEachRowNamedByItsSheet()
            throws IOException {
        String tag = UUID.randomUUID().toString();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            sheet(workbook, "Tháng 1", new String[][] {
                {"kind", "subject", "content", "category", "communeCode"},
                {"REPORT", "Đèn hỏng " + tag, "Đèn tắt cả tuần", "infrastructure", "19753"},
                {"REPORT", "Sai mã " + tag, "Nội dung", "infrastructure", "99999"}
            });
            sheet(workbook, "Ghi chú", new String[][] {
                {"Ghi chú: thư nhận tại bộ phận một cửa, đã nhập tháng 1"}, {"Người nhập: cán bộ tiếp dân"}
            });
            // its own order of columns, and a blank row: the row numbers are the sheet's own
            sheet(workbook, "Tháng 2", new String[][] {
                {"subject", "kind", "communeCode", "category", "content"},
                {"Cống tắc " + tag, "REPORT", "19753", "infrastructure", "Nước tràn"},
                null,
                {"Góp ý " + tag, "OPINION", "19753", "other", "Về quy hoạch"}
            });
            workbook.write(bytes);
        }

        HttpResponse<String> response = upload("thu-theo-thang.xlsx", bytes.toByteArray());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode job = JSON.readTree(response.body());
        assertThat(job.get("status").asString()).isEqualTo("DONE");
        assertThat(job.get("total").asInt()).isEqualTo(4);
        assertThat(job.get("imported").asInt()).isEqualTo(3);
        assertThat(rowsOf(job.get("errors"), "field")).containsExactly("Tháng 1:3:communeCode");
        // row 2 of each month is a letter of its own (not taken for the other as a retried row)
        assertThat(rowsOf(job.get("letters"), null)).containsExactly("Tháng 1:2", "Tháng 2:2", "Tháng 2:4");
        assertThat(job.get("skippedSheets").valueStream().map(JsonNode::asString))
                .containsExactly("Ghi chú");
        assertThat(importedItems(tag)).isEqualTo(3);
        assertThat(JSON.readTree(get("/api/v1/feedback/imports/" + job.get("id").asString())
                                .body())
                        .get("skippedSheets"))
                .isEqualTo(job.get("skippedSheets"));

        // one sheet of letters beside a notes sheet: its rows need no sheet's name
        String single = UUID.randomUUID().toString();
        ByteArrayOutputStream one = new ByteArrayOutputStream();
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            sheet(workbook, "Hướng dẫn", new String[][] {{"Điền mỗi thư một dòng ở trang sau"}});
            sheet(workbook, "Tháng 3", new String[][] {
                {"kind", "subject", "content", "category", "communeCode"},
                {"REPORT", "Ổ gà " + single, "Đường có ổ gà", "infrastructure", "19753"}
            });
            workbook.write(one);
        }
        JsonNode alone = JSON.readTree(upload("thang-3.xlsx", one.toByteArray()).body());
        assertThat(rowsOf(alone.get("letters"), null)).containsExactly("2");
        assertThat(alone.get("skippedSheets").valueStream().map(JsonNode::asString))
                .containsExactly("Hướng dẫn");
    }

    @Test
    void aVietnameseListWithItsTitleBlockHiddenSheetAndNotesImportsItsLettersAndNamesABadRowsColumnAsItIsWritten()
            throws IOException {
        String tag = UUID.randomUUID().toString();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            sheet(workbook, "Ghi chú", new String[][] {{"Sổ tiếp nhận đơn thư của bộ phận một cửa"}});
            sheet(workbook, "Tháng 11", new String[][] {
                {"ỦY BAN NHÂN DÂN PHƯỜNG PHÚ XUÂN"},
                {"DANH SÁCH ĐƠN THƯ TIẾP NHẬN THÁNG 11/2026"},
                null,
                {"Loại đơn", "Tiêu đề", "Nội dung", "Lĩnh vực", "Mã xã", "Họ tên người gửi", "Số điện thoại"},
                {
                    "Khiếu nại",
                    "Đòi bồi thường " + tag,
                    "Chưa được bồi thường",
                    "Đất đai",
                    "19753",
                    "Lê Văn Bình",
                    "0905123456"
                },
                {"phan anh", "Đèn hỏng " + tag, "Đèn tắt cả tuần", "HA TANG", "19753"},
                {"Kiến nghị", "Sai mã xã " + tag, "Xin lắp đèn", "Hạ tầng", "99999"},
                {"đơn lạ", "Loại lạ " + tag, "Nội dung", "Khác", "19753"},
                {"ý kiến", "Lĩnh vực lạ " + tag, "Nội dung", "Giao thông", "19753"}
            });
            // a sheet put away: letters there are not this month's
            sheet(workbook, "Tháng 10", new String[][] {
                {"Loại đơn", "Tiêu đề", "Nội dung", "Lĩnh vực", "Mã xã"},
                {"phản ánh", "Tháng trước " + tag, "Đã nhập", "Hạ tầng", "19753"}
            });
            workbook.setSheetHidden(2, true);
            workbook.write(bytes);
        }

        HttpResponse<String> response = upload("danh-sach-thang-11.xlsx", bytes.toByteArray());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode job = JSON.readTree(response.body());
        assertThat(job.get("imported").asInt()).isEqualTo(2);
        // the rows the sheet shows (the title block and the header above them), the columns as the sheet names them
        assertThat(rowsOf(job.get("letters"), null)).containsExactly("5", "6");
        assertThat(rowsOf(job.get("errors"), "field")).containsExactly("7:Mã xã", "8:Loại đơn", "9:Lĩnh vực");
        assertThat(job.get("errors").get(1).get("reason").asString())
                .startsWith("Loại đơn không hợp lệ")
                .contains("khiếu nại", "phản ánh");
        assertThat(job.get("errors").get(2).get("reason").asString()).contains("Đất đai", "An ninh, trật tự");
        assertThat(job.get("skippedSheets").valueStream().map(JsonNode::asString))
                .containsExactly("Ghi chú", "Tháng 10");
        assertThat(importedItems(tag)).isEqualTo(2);
        org.bson.Document complaint = mongo.getCollection("feedback")
                .find(new org.bson.Document("subject", "Đòi bồi thường " + tag))
                .first();
        assertThat(complaint.getString("kind")).isEqualTo("COMPLAINT");
        assertThat(complaint.getString("category")).isEqualTo("land");
        org.bson.Document report = mongo.getCollection("feedback")
                .find(new org.bson.Document("subject", "Đèn hỏng " + tag))
                .first();
        assertThat(report.getString("kind")).isEqualTo("REPORT");
        assertThat(report.getString("category")).isEqualTo("infrastructure");
    }

    @Test
    void theTemplateFilledInAsItIsImportsItsLettersAndSkipsItsInstructions() throws IOException {
        HttpResponse<byte[]> download = download("/api/v1/feedback/imports/template", null);

        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type").orElseThrow())
                .isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(download.headers().firstValue("Content-Disposition").orElseThrow())
                .startsWith("attachment")
                .contains("mau-nhap-don-thu.xlsx");
        String tag = UUID.randomUUID().toString();
        ByteArrayOutputStream filled = new ByteArrayOutputStream();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new java.io.ByteArrayInputStream(download.body()))) {
            Sheet letters = workbook.getSheet("Đơn thư");
            assertThat(letters).isNotNull();
            assertThat(workbook.getSheet("Hướng dẫn")).isNotNull();
            List<String> header = new ArrayList<>();
            letters.getRow(0).forEach(cell -> header.add(cell.getStringCellValue()));
            assertThat(header)
                    .startsWith("Loại đơn", "Tiêu đề", "Nội dung", "Lĩnh vực", "Mã xã/phường")
                    .contains("Ngày nhận đơn", "Khẩn cấp");
            // drop-down lists for the kind, the category and the two yes/no columns
            assertThat(letters.getDataValidations()).hasSize(4);
            // codes typed as numbers keep their zeros: their cells are text
            assertThat(letters.getColumnStyle(header.indexOf("Mã xã/phường")).getDataFormatString())
                    .isEqualTo("@");
            fill(
                    letters,
                    header,
                    1,
                    Map.of(
                            "Loại đơn", "khiếu nại",
                            "Tiêu đề", "Đòi bồi thường " + tag,
                            "Nội dung", "Chưa được bồi thường",
                            "Lĩnh vực", "Đất đai",
                            "Mã xã/phường", "19753",
                            "Họ tên người gửi", "Lê Văn Bình",
                            "Điện thoại người gửi", "0905123456",
                            "Khiếu nại lần hai", "không"));
            fill(
                    letters,
                    header,
                    2,
                    Map.of(
                            "Loại đơn", "phản ánh",
                            "Tiêu đề", "Sai mã " + tag,
                            "Nội dung", "Đèn hỏng",
                            "Lĩnh vực", "Hạ tầng",
                            "Mã xã/phường", "99999"));
            workbook.write(filled);
        }

        HttpResponse<String> response = upload("mau-nhap-don-thu.xlsx", filled.toByteArray());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode job = JSON.readTree(response.body());
        assertThat(job.get("imported").asInt()).isEqualTo(1);
        assertThat(rowsOf(job.get("errors"), "field")).containsExactly("3:Mã xã/phường");
        assertThat(job.get("skippedSheets").valueStream().map(JsonNode::asString))
                .containsExactly("Hướng dẫn");
        assertThat(importedItems(tag)).isEqualTo(1);
    }

    @Test
    void theTemplateIsInEnglishForAnEnglishOfficerAndAsCsvItsHeaderReimports() throws IOException {
        HttpResponse<byte[]> english =
                download("/api/v1/feedback/imports/template?format=xlsx", "en-GB,en;q=0.9,vi;q=0.5");
        assertThat(english.headers().firstValue("Content-Disposition").orElseThrow())
                .contains("letters-import-template.xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(new java.io.ByteArrayInputStream(english.body()))) {
            assertThat(workbook.getSheetName(0)).isEqualTo("Letters");
            assertThat(workbook.getSheetName(1)).isEqualTo("Instructions");
            List<String> header = new ArrayList<>();
            workbook.getSheetAt(0).getRow(0).forEach(cell -> header.add(cell.getStringCellValue()));
            assertThat(header).startsWith("kind", "subject", "content", "category", "communeCode");
        }

        HttpResponse<byte[]> csv = download("/api/v1/feedback/imports/template?format=csv", null);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow())
                .contains("mau-nhap-don-thu.csv");
        byte[] bytes = csv.body();
        assertThat(java.util.Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        List<String> header = List.of(text.strip().split(","));
        assertThat(header).startsWith("Loại đơn", "Tiêu đề").hasSize(LetterFile.COLUMNS.size());
        String tag = UUID.randomUUID().toString();
        Map<String, String> letter = Map.of(
                "Loại đơn", "ý kiến",
                "Tiêu đề", "Góp ý " + tag,
                "Nội dung", "Về quy hoạch",
                "Lĩnh vực", "Khác",
                "Mã xã/phường", "19753");
        String row = String.join(
                ",", header.stream().map(h -> letter.getOrDefault(h, "")).toList());
        ByteArrayOutputStream filled = new ByteArrayOutputStream();
        filled.writeBytes(bytes);
        filled.writeBytes((row + "\r\n").getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> imported = upload("mau-nhap-don-thu.csv", filled.toByteArray());

        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
        assertThat(JSON.readTree(imported.body()).get("imported").asInt()).isEqualTo(1);
        assertThat(importedItems(tag)).isEqualTo(1);

        HttpResponse<byte[]> pdf = download("/api/v1/feedback/imports/template?format=pdf", null);
        assertThat(pdf.statusCode()).isEqualTo(400);
        JsonNode problem = JSON.readTree(pdf.body());
        assertThat(problem.get("field").asString()).isEqualTo("format");
        assertThat(problem.get("allowed").valueStream().map(JsonNode::asString)).containsExactly("xlsx", "csv");

        // documented: the file in either format, and the 400
        JsonNode operation = JSON.readTree(get("/v3/api-docs").body())
                .path("paths")
                .path("/api/v1/feedback/imports/template")
                .path("get");
        assertThat(operation.path("responses").path("200").path("content").propertyNames())
                .contains("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "text/csv");
        assertThat(operation.path("responses").path("400").path("description").asString())
                .contains("`format`");
        assertThat(operation.path("parameters").valueStream().map(p -> p.path("name")
                        .asString()))
                .contains("format");
    }

    /** Text cells in a row of a sheet, under the header's columns. */
    private static void fill(Sheet sheet, List<String> header, int r, Map<String, String> cells) {
        Row row = sheet.createRow(r);
        cells.forEach((column, value) -> {
            assertThat(header).contains(column);
            row.createCell(header.indexOf(column)).setCellValue(value);
        });
    }

    /** Each row of a report as {@code [sheet:]row[:member]}. */
    private static List<String> rowsOf(JsonNode rows, String member) {
        return rows.valueStream()
                .map(row -> (row.has("sheet") ? row.get("sheet").asString() + ":" : "")
                        + row.get("row").asInt()
                        + (member == null ? "" : ":" + row.get(member).asString()))
                .toList();
    }

    /** The letters imported with a tag, as {@code subject | content | address | contact name | phone}, sorted. */
    private List<String> lettersTagged(String tag) {
        List<String> letters = new java.util.ArrayList<>();
        mongo.getCollection("feedback")
                .find(new org.bson.Document("channel", "IMPORT")
                        .append("subject", new org.bson.Document("$regex", tag)))
                .forEach(item -> {
                    org.bson.Document contact = item.get("contact", org.bson.Document.class);
                    letters.add(String.join(
                            " | ",
                            item.getString("subject").replace(" " + tag, ""),
                            item.getString("content"),
                            String.valueOf(item.get("location", org.bson.Document.class)
                                    .getString("address")),
                            contact == null ? "null" : String.valueOf(contact.getString("name")),
                            contact == null ? "null" : String.valueOf(contact.getString("phone"))));
                });
        return letters.stream().sorted().toList();
    }

    /**
     * A CSV file as Excel saves it: {@code {tag}} in a cell replaced, a cell quoted only when it holds the separator,
     * a quote or a line break, rows shorter than the header filled with empty cells.
     */
    private static byte[] excelCsv(String[][] rows, char separator, String tag) {
        StringBuilder csv = new StringBuilder();
        for (String[] row : rows) {
            for (int c = 0; c < rows[0].length; c++) {
                String cell = c < row.length ? row[c].replace("{tag}", tag) : "";
                if (c > 0) {
                    csv.append(separator);
                }
                boolean quoted = cell.indexOf(separator) >= 0 || cell.contains("\"") || cell.contains("\n");
                csv.append(quoted ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell);
            }
            csv.append("\r\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A sheet of text cells; a null row is left blank. */
    private static void sheet(XSSFWorkbook workbook, String name, String[][] rows) {
        Sheet sheet = workbook.createSheet(name);
        for (int r = 0; r < rows.length; r++) {
            if (rows[r] == null) {
                continue;
            }
            Row row = sheet.createRow(r);
            for (int c = 0; c < rows[r].length; c++) {
                row.createCell(c).setCellValue(rows[r][c]);
            }
        }
    }

    private HttpResponse<String> upload(String fileName, byte[] content) {
        return upload(fileName, content, null);
    }

    private HttpResponse<String> upload(String fileName, byte[] content, String acceptLanguage) {
        HttpRequest.Builder request = FeedbackApi.fileUpload(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/feedback/imports")),
                fileName,
                content);
        if (acceptLanguage != null) {
            request.header("Accept-Language", acceptLanguage);
        }
        return send(request, "19753");
    }

    private HttpResponse<byte[]> download(String path, String acceptLanguage) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .GET();
        if (acceptLanguage != null) {
            request.header("Accept-Language", acceptLanguage);
        }
        try {
            return HttpClient.newHttpClient()
                    .send(
                            request.header(
                                            "Authorization",
                                            "Bearer "
                                                    + TestIdentityProvider.shared()
                                                            .token("officer-import", "19753", "COMMUNE_OFFICER"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> get(String path) {
        return get(path, "19753");
    }

    private HttpResponse<String> get(String path, String unit) {
        return send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .GET(),
                unit);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, String unit) {
        try {
            return HttpClient.newHttpClient()
                    .send(
                            request.header(
                                            "Authorization",
                                            "Bearer "
                                                    + TestIdentityProvider.shared()
                                                            .token("officer-import", unit, "COMMUNE_OFFICER"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
