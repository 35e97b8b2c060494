package vn.danvan.feedback.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.core.io.ClassPathResource;
import vn.danvan.feedback.api.events.v1.FeedbackKind;
import vn.danvan.feedback.feedback.FeedbackProperties;
import vn.danvan.kit.web.RuleViolationException;

/**
 * Reading a file of letters where a whole upload is not needed to see it: limits, which error names what, the names
 * of columns and values in either language, title rows, hidden sheets and the template.
 */
class LetterFileTest {

    @Test
    void theLimitOfAWorkbookIsOnAllItsSheetsTogetherNotOnEach() throws IOException {
        // two sheets of letters of 9 MB each: either alone is read, both together pass the 16 MB POI would build
        byte[] one = padded(workbook("Tháng 1"), 9 * 1024 * 1024);
        byte[] both = padded(workbook("Tháng 1", "Tháng 2"), 9 * 1024 * 1024);

        assertThat(LetterFile.read("mot-thang.xlsx", new ByteArrayInputStream(one))
                        .lines())
                .hasSize(1);
        assertThatThrownBy(() -> LetterFile.read("hai-thang.xlsx", new ByteArrayInputStream(both)))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.code())
                        .isEqualTo("feedback.import.sheet-too-large"));
    }

    @Test
    void aCsvFileOfMoreLettersThanTheLimitIsRefusedAtTheFirstOneTooMany() throws IOException {
        LetterFile.Limits three = new LetterFile.Limits(3, LetterFile.MAX_WORKBOOK_BYTES);
        String header = "kind,subject,content,communeCode\n";
        String letter = "REPORT,Đèn hỏng,Đèn tắt,19753\n";
        // rows of empty cells and blank lines are no letters: three letters among them are within the limit
        byte[] within =
                (header + letter + ",,,\n" + letter + "\n" + letter + " , ,,\n").getBytes(StandardCharsets.UTF_8);
        byte[] beyond = (header + letter.repeat(4)).getBytes(StandardCharsets.UTF_8);

        assertThat(LetterFile.read("du.csv", new ByteArrayInputStream(within), Locale.of("vi"), three)
                        .lines())
                .extracting(LetterFile.Line::number)
                .containsExactly(2, 4, 6);
        assertThatThrownBy(() -> LetterFile.read("qua.csv", new ByteArrayInputStream(beyond), Locale.of("vi"), three))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> {
                    assertThat(e.code()).isEqualTo("feedback.import.too-many-rows");
                    assertThat(e.arguments()).containsExactly(3);
                });
    }

    @Test
    void aCsvFileTooLongIsReadNoFurtherThanItsFirstLetterTooMany() {
        // 20,005 letters, then bytes that are no UTF-8: read to its end, the file is refused for its encoding
        StringBuilder text = new StringBuilder("kind,subject,content,communeCode\n");
        for (int i = 0; i < 20_005; i++) {
            text.append("REPORT,Đèn hỏng số ").append(i).append(",Đèn tắt cả tuần,19753\n");
        }
        byte[] letters = text.toString().getBytes(StandardCharsets.UTF_8);
        byte[] file = Arrays.copyOf(letters, letters.length + 1);
        file[letters.length] = (byte) 0xFF;
        LetterFile.Limits five = new LetterFile.Limits(5, LetterFile.MAX_WORKBOOK_BYTES);
        Counted counted = new Counted(file);

        assertThatThrownBy(() -> LetterFile.read("dai.csv", counted, Locale.of("vi"), five))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.code())
                        .isEqualTo("feedback.import.too-many-rows"));
        // what the reader buffers ahead, not the megabyte after the sixth letter
        assertThat(file.length).isGreaterThan(1024 * 1024);
        assertThat(counted.read).isLessThan(64 * 1024);
        assertThatThrownBy(() -> LetterFile.read(
                        "dai.csv",
                        new ByteArrayInputStream(file),
                        Locale.of("vi"),
                        new LetterFile.Limits(30_000, LetterFile.MAX_WORKBOOK_BYTES)))
                .isInstanceOfSatisfying(
                        RuleViolationException.class, e -> assertThat(e.code()).isEqualTo("feedback.import.not-utf8"));
    }

    @Test
    void rowsAreNumberedByTheLineTheyStartOnThroughoutALongFile() throws IOException {
        // Windows line ends, blank lines, texts over several lines and one over 20,000, across the reader's buffers
        StringBuilder csv = new StringBuilder("DANH SÁCH ĐƠN THƯ\r\n\r\nkind,subject,content\r\n");
        int line = 4;
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            if (i % 7 == 0) {
                csv.append("\r\n");
                line++;
            }
            expected.add(line);
            if (i == 1500) {
                csv.append("REPORT,Thư dài,\"").append("dòng\n".repeat(20_000)).append("\"\r\n");
                line += 20_001;
            } else if (i % 5 == 0) {
                csv.append("REPORT,Thư ").append(i).append(",\"dòng một\r\ndòng hai\ndòng ba\"\r\n");
                line += 3;
            } else {
                csv.append("REPORT,Thư ")
                        .append(i)
                        .append(",Nội dung ")
                        .append("x".repeat(i % 97))
                        .append("\r\n");
                line++;
            }
        }

        List<LetterFile.Line> lines = LetterFile.read(
                        "dai.csv", new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)))
                .lines();

        assertThat(lines).extracting(LetterFile.Line::number).containsExactlyElementsOf(expected);
        assertThat(lines.get(1501).cells()).containsEntry("subject", "Thư 1501");
    }

    @Test
    void aWorkbooksSharedStringsCountInItsLimitAsItsSheetsDo() throws IOException {
        // letters of long texts: their sheet holds only each text's index, the texts are in the shared strings
        Random random = new Random(7);
        String[][] letters = new String[9][];
        letters[0] = new String[] {"kind", "subject", "content", "communeCode"};
        for (int r = 1; r < letters.length; r++) {
            StringBuilder content = new StringBuilder();
            while (content.length() < 20_000) {
                content.append((char) ('a' + random.nextInt(26)));
            }
            letters[r] = new String[] {"REPORT", "Đèn hỏng", content.toString(), "19753"};
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            rows(workbook.createSheet("Đơn thư"), letters);
            workbook.write(bytes);
        }
        Map<String, Integer> parts = partSizes(bytes.toByteArray());
        long limit = 100 * 1024;
        assertThat(parts.get("xl/worksheets/sheet1.xml")).isLessThan(4 * 1024);
        assertThat(parts.get("xl/sharedStrings.xml")).isGreaterThan((int) limit);

        assertThatThrownBy(() -> LetterFile.read(
                        "dai.xlsx",
                        new ByteArrayInputStream(bytes.toByteArray()),
                        Locale.of("vi"),
                        new LetterFile.Limits(LetterFile.MAX_ROWS, limit)))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.code())
                        .isEqualTo("feedback.import.sheet-too-large"));
        assertThat(LetterFile.read("dai.xlsx", new ByteArrayInputStream(bytes.toByteArray()))
                        .lines())
                .hasSize(8)
                .allSatisfy(line -> assertThat(line.cells().get("content")).hasSize(20_000));
    }

    @Test
    void aWorkbookOfMoreLettersThanTheLimitOnAllItsSheetsIsRefused() throws IOException {
        byte[] twoMonths = workbook("Tháng 1", "Tháng 2");

        assertThat(LetterFile.read(
                                "thu.xlsx",
                                new ByteArrayInputStream(twoMonths),
                                Locale.of("vi"),
                                new LetterFile.Limits(2, LetterFile.MAX_WORKBOOK_BYTES))
                        .lines())
                .hasSize(2);
        assertThatThrownBy(() -> LetterFile.read(
                        "thu.xlsx",
                        new ByteArrayInputStream(twoMonths),
                        Locale.of("vi"),
                        new LetterFile.Limits(1, LetterFile.MAX_WORKBOOK_BYTES)))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> {
                    assertThat(e.code()).isEqualTo("feedback.import.too-many-rows");
                    assertThat(e.arguments()).containsExactly(1);
                });
    }

    @Test
    void aListsRowNumbersAndNotesAreAcceptedAndNotReadInAWorkbook() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            Sheet sheet = workbook.createSheet("Tháng 11");
            rows(sheet, new String[][] {
                {"DANH SÁCH ĐƠN THƯ"},
                {"STT", "Loại đơn", "Tiêu đề", "Nội dung", "Mã xã", "Ghi chú"},
                {"", "phản ánh", "Đèn hỏng", "Đèn tắt cả tuần", "19753", "đã báo tổ dân phố"},
                {"", "kiến nghị", "Lắp đèn", "Xin lắp đèn", "19753"}
            });
            // numbers as a list has them, ahead of its letters too: rows 5 and 6 hold a number and nothing else
            for (int r = 2; r <= 5; r++) {
                Row row = sheet.getRow(r) == null ? sheet.createRow(r) : sheet.getRow(r);
                row.createCell(0).setCellValue(r - 1);
            }
            workbook.write(bytes);
        }

        List<LetterFile.Line> lines = LetterFile.read("thang-11.xlsx", new ByteArrayInputStream(bytes.toByteArray()))
                .lines();

        assertThat(lines).extracting(LetterFile.Line::number).containsExactly(3, 4);
        assertThat(lines).allSatisfy(line -> {
            assertThat(line.cells()).containsOnlyKeys("kind", "subject", "content", "communecode");
            assertThat(line.strayColumn()).isZero();
        });
        assertThat(lines.getFirst().cells().values()).doesNotContain("1", "đã báo tổ dân phố");
        assertThat(lines.getFirst().columnOf("subject")).isEqualTo("Tiêu đề");
    }

    @Test
    void aListsRowNumbersAndNotesAreAcceptedAndNotReadInACsvFileWhateverTheirName() throws IOException {
        String csv = String.join(
                "\n",
                "Số thứ tự;Loại đơn;Tiêu đề;Nội dung;Mã xã;Notes",
                "1;phản ánh;Đèn hỏng;Đèn tắt, cả tuần;19753;đã báo tổ dân phố",
                "2;kiến nghị;Lắp đèn;Xin lắp đèn;19753;",
                "3;;;;;",
                "4;;;;;");

        List<LetterFile.Line> lines = LetterFile.read(
                        "thu.csv", new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)))
                .lines();

        assertThat(lines).extracting(LetterFile.Line::number).containsExactly(2, 3);
        assertThat(lines.getFirst().cells())
                .containsOnlyKeys("kind", "subject", "content", "communecode")
                .containsEntry("content", "Đèn tắt, cả tuần")
                .doesNotContainValue("1");
        assertThat(lines).extracting(LetterFile.Line::strayColumn).containsOnly(0);
        for (String name : LetterFile.IGNORED_COLUMNS) {
            byte[] file = ("kind,\"" + name + "\",content\nREPORT,7,Đèn tắt").getBytes(StandardCharsets.UTF_8);
            LetterFile.Line line = LetterFile.read("thu.csv", new ByteArrayInputStream(file))
                    .lines()
                    .getFirst();
            assertThat(line.cells()).as(name).containsOnlyKeys("kind", "content");
            assertThat(line.strayColumn()).as(name).isZero();
        }
        // in any case, without diacritics; but a name of other punctuation is still no column
        byte[] plain = "stt.,kind,GHI CHU\n1,REPORT,x".getBytes(StandardCharsets.UTF_8);
        assertThat(LetterFile.read("thu.csv", new ByteArrayInputStream(plain))
                        .lines()
                        .getFirst()
                        .cells())
                .containsOnlyKeys("kind");
        byte[] dash = "-,kind\n1,REPORT".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> LetterFile.read("thu.csv", new ByteArrayInputStream(dash)))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.code())
                        .isEqualTo("feedback.import.unknown-column"));
    }

    @Test
    void aColumnNamedTwiceTheSameWayIsRefusedAsOneNamedTwoWaysIs() {
        byte[] csv = "kind;subject;content;subject\nREPORT;Đèn hỏng;Đèn tắt;Đèn vỡ".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> LetterFile.read("thu.csv", new ByteArrayInputStream(csv)))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> {
                    assertThat(e.code()).isEqualTo("feedback.import.duplicate-column");
                    assertThat(e.arguments()).containsExactly("subject", 2, 4);
                });
    }

    @Test
    void aSemicolonHeaderWithATypoNamesTheTypoNotTheWholeLine() {
        byte[] csv = "kind;subjetc;content\nREPORT;Đèn hỏng;Đèn tắt".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> LetterFile.read("thu.csv", new ByteArrayInputStream(csv)))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> {
                    assertThat(e.code()).isEqualTo("feedback.import.unknown-column");
                    assertThat(e.arguments()[0]).isEqualTo("subjetc");
                });
    }

    @Test
    void aQuotedCellHoldingTheOtherSeparatorIsOneCellInEitherKindOfFile() throws IOException {
        // a comma file whose quoted cell holds a ";", and the other way round: the header tells the separator
        byte[] commas = "kind,subject,content\nREPORT,Đèn hỏng,\"Đèn tắt; cả tuần\"".getBytes(StandardCharsets.UTF_8);
        byte[] semicolons =
                "kind;subject;content\nREPORT;Đèn hỏng;\"Đèn tắt, cả tuần\"".getBytes(StandardCharsets.UTF_8);

        assertThat(LetterFile.read("phay.csv", new ByteArrayInputStream(commas))
                        .lines()
                        .getFirst()
                        .cells())
                .containsEntry("content", "Đèn tắt; cả tuần");
        assertThat(LetterFile.read("cham-phay.csv", new ByteArrayInputStream(semicolons))
                        .lines()
                        .getFirst()
                        .cells())
                .containsEntry("content", "Đèn tắt, cả tuần");
    }

    @Test
    void aWorkbookWithNoSheetOfLettersNamesTheUnknownColumnOfItsFirstSheet() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            var header = workbook.createSheet("Đơn thư").createRow(0);
            // typos in either language: "Loại" and "Tiêu đề" would be columns
            header.createCell(0).setCellValue("loai thu");
            header.createCell(1).setCellValue("tieu de");
            workbook.createSheet("Ghi chú");
            workbook.write(bytes);
        }

        assertThatThrownBy(() -> LetterFile.read("thu.xlsx", new ByteArrayInputStream(bytes.toByteArray())))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> {
                    assertThat(e.code()).isEqualTo("feedback.import.unknown-column");
                    assertThat(e.arguments()[0]).isEqualTo("loai thu");
                });
    }

    @Test
    void aColumnIsNamedInEnglishOrVietnameseWithOrWithoutDiacriticsCaseSpacesOrPunctuation() throws IOException {
        byte[] csv = String.join(
                        "\n",
                        "LOAI DON,tieu_de,Nội dung,Lĩnh Vực,MA XA PHUONG,contact-name,Điện thoại người gửi,ngay nhan",
                        "khiếu nại,Đòi bồi thường,Chưa được bồi thường,Đất đai,19753,Lê Văn Bình,0905123456,05/11/2026")
                .getBytes(StandardCharsets.UTF_8);

        LetterFile.Line line = LetterFile.read("thu.csv", new ByteArrayInputStream(csv))
                .lines()
                .getFirst();

        assertThat(line.cells())
                .containsEntry("kind", "khiếu nại")
                .containsEntry("subject", "Đòi bồi thường")
                .containsEntry("content", "Chưa được bồi thường")
                .containsEntry("category", "Đất đai")
                .containsEntry("communecode", "19753")
                .containsEntry("contactname", "Lê Văn Bình")
                .containsEntry("contactphone", "0905123456")
                .containsEntry("receivedon", "05/11/2026");
        for (String name : List.of("Mã xã/phường", "MA XA PHUONG", "ma_xa_phuong", "Mã xã", "communeCode")) {
            byte[] one = (name + ",kind\n19753,REPORT").getBytes(StandardCharsets.UTF_8);
            assertThat(LetterFile.read("thu.csv", new ByteArrayInputStream(one))
                            .lines()
                            .getFirst()
                            .cells())
                    .as(name)
                    .containsEntry("communecode", "19753");
        }
    }

    @Test
    void noTwoColumnsAnswerToOneNameInEitherLanguage() {
        Map<String, String> columnOfName = new HashMap<>();
        for (LetterFile.Column column : LetterFile.COLUMNS) {
            List<String> names = new ArrayList<>(column.vietnamese());
            names.add(column.name());
            for (String name : names) {
                String earlier = columnOfName.putIfAbsent(LetterFile.normalised(name), column.name());
                assertThat(earlier).as("\"" + name + "\"").isIn(null, column.name());
            }
        }
        assertThat(LetterFile.normalised("Mã xã/phường"))
                .isEqualTo(LetterFile.normalised("MA XA PHUONG"))
                .isEqualTo(LetterFile.normalised("ma_xa_phuong"))
                .isEqualTo("maxaphuong");
        assertThat(LetterFile.normalised("Đơn thư")).isEqualTo("donthu");
        // nor is a column a list keeps for itself (a row number, notes) taken for one of the import's
        for (String ignored : LetterFile.IGNORED_COLUMNS) {
            assertThat(columnOfName).as(ignored).doesNotContainKey(LetterFile.normalised(ignored));
        }
    }

    @Test
    void aColumnNamedInBothLanguagesIsNamedTwice() {
        byte[] csv = "kind,content,Tiêu đề,Nội dung\nREPORT,Đèn tắt,Đèn hỏng,Đèn vỡ".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> LetterFile.read("thu.csv", new ByteArrayInputStream(csv)))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> {
                    assertThat(e.code()).isEqualTo("feedback.import.duplicate-column");
                    assertThat(e.arguments()).containsExactly("content", 2, 4);
                });
    }

    @Test
    void anUnknownColumnIsAnsweredWithTheColumnsInTheOfficersLanguage() {
        byte[] csv = "Loại đơn,Tiêu để thư\nphản ánh,Đèn hỏng".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> LetterFile.read("thu.csv", new ByteArrayInputStream(csv), Locale.of("vi")))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> {
                    assertThat(e.code()).isEqualTo("feedback.import.unknown-column");
                    assertThat(e.arguments()[0]).isEqualTo("Tiêu để thư");
                    assertThat((String) e.arguments()[1]).startsWith("Loại đơn, Tiêu đề, Nội dung, Lĩnh vực");
                });
        assertThatThrownBy(() -> LetterFile.read("thu.csv", new ByteArrayInputStream(csv), Locale.ENGLISH))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat((String) e.arguments()[1])
                        .startsWith("kind, subject, content, category, communeCode"));
    }

    @Test
    void aRefusedFieldIsNamedAsTheHeaderWritesItsColumn() throws IOException {
        LetterFile.Line vietnamese = LetterFile.read(
                        "thu.csv",
                        new ByteArrayInputStream("Loại,MA XA,Nội dung,contactName\nphản ánh,99999,Đèn,Bình"
                                .getBytes(StandardCharsets.UTF_8)))
                .lines()
                .getFirst();
        LetterFile.Line english = LetterFile.read(
                        "thu.csv",
                        new ByteArrayInputStream(
                                "kind,Commune Code,content\nREPORT,99999,Đèn".getBytes(StandardCharsets.UTF_8)))
                .lines()
                .getFirst();

        assertThat(vietnamese.columnOf("location.communeCode")).isEqualTo("MA XA");
        assertThat(vietnamese.columnOf("kind")).isEqualTo("Loại");
        // a column named in English keeps its English name; one the file lacks is named as the file names the others
        assertThat(vietnamese.columnOf("contact.name")).isEqualTo("contactName");
        assertThat(vietnamese.columnOf("subject")).isEqualTo("Tiêu đề");
        // a group of columns by its first, as the file writes it
        assertThat(vietnamese.columnOf("contact")).isEqualTo("contactName");
        assertThat(vietnamese.columnOf("denouncer")).isEqualTo("Họ tên người tố cáo");
        assertThat(vietnamese.columnOf(null)).isNull();
        assertThat(english.columnOf("location.communeCode")).isEqualTo("communeCode");
        assertThat(english.columnOf("subject")).isEqualTo("subject");
    }

    @Test
    void aSheetsTitleBlockIsNoLettersAndItsRowsKeepTheNumbersTheSheetShows() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            rows(workbook.createSheet("Tháng 11"), new String[][] {
                {"ỦY BAN NHÂN DÂN PHƯỜNG PHÚ XUÂN"},
                {"DANH SÁCH ĐƠN THƯ TIẾP NHẬN THÁNG 11/2026"},
                null,
                {"Loại đơn", "Tiêu đề", "Nội dung", "Lĩnh vực", "Mã xã"},
                {"phản ánh", "Đèn hỏng", "Đèn tắt cả tuần", "Hạ tầng", "19753"},
                null,
                {"kiến nghị", "Lắp đèn", "Xin lắp đèn", "Hạ tầng", "19753"}
            });
            // its header on row 11: beyond a title block, so no sheet of letters
            Sheet late = workbook.createSheet("Tổng hợp");
            rows(late, new String[][] {{"Tổng hợp cả năm"}});
            late.createRow(10).createCell(0).setCellValue("kind");
            late.createRow(11).createCell(0).setCellValue("REPORT");
            workbook.write(bytes);
        }

        LetterFile.Letters letters = LetterFile.read("thang-11.xlsx", new ByteArrayInputStream(bytes.toByteArray()));

        assertThat(letters.lines()).extracting(LetterFile.Line::number).containsExactly(5, 7);
        assertThat(letters.lines().getFirst().cells()).containsEntry("subject", "Đèn hỏng");
        assertThat(letters.skippedSheets()).containsExactly("Tổng hợp");
    }

    @Test
    void aCsvFileSavedFromSuchASheetHasItsTitleLinesSkippedAndItsSeparatorToldByItsHeader() throws IOException {
        // Excel where ',' is the decimal mark saves the title rows with the sheet's width of empty cells
        String semicolons = String.join(
                "\n",
                "DANH SÁCH ĐƠN THƯ;;;;",
                "Tháng 11, năm 2026;;;;",
                "",
                "Loại đơn;Tiêu đề;Nội dung;Lĩnh vực;Mã xã",
                "phản ánh;Đèn hỏng;Đèn tắt, cả tuần;Hạ tầng;19753");
        String commas = String.join(
                "\n",
                "DANH SÁCH ĐƠN THƯ,,,,",
                "Loại đơn,Tiêu đề,Nội dung,Lĩnh vực,Mã xã",
                "phản ánh,Đèn hỏng,\"Đèn tắt; cả tuần\",Hạ tầng,19753");

        LetterFile.Line bySemicolon = LetterFile.read(
                        "thu.csv", new ByteArrayInputStream(semicolons.getBytes(StandardCharsets.UTF_8)))
                .lines()
                .getFirst();
        LetterFile.Line byComma = LetterFile.read(
                        "thu.csv", new ByteArrayInputStream(commas.getBytes(StandardCharsets.UTF_8)))
                .lines()
                .getFirst();

        assertThat(bySemicolon.number()).isEqualTo(5);
        assertThat(bySemicolon.cells())
                .containsEntry("content", "Đèn tắt, cả tuần")
                .containsEntry("communecode", "19753");
        assertThat(byComma.number()).isEqualTo(3);
        assertThat(byComma.cells()).containsEntry("content", "Đèn tắt; cả tuần").containsEntry("communecode", "19753");
        // a header with only typos is still named, not looked for below
        byte[] typos = "DANH SÁCH ĐƠN THƯ\nloai thu,trich yeu don\nphản ánh,Đèn".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> LetterFile.read("thu.csv", new ByteArrayInputStream(typos)))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> assertThat(e.code())
                        .isEqualTo("feedback.import.unknown-column"));
    }

    @Test
    void hiddenSheetsAreNotReadButListedAsSkipped() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            String[][] letters = {
                {"kind", "subject", "content", "category", "communeCode"},
                {"REPORT", "Đèn hỏng", "Đèn tắt", "infrastructure", "19753"}
            };
            rows(workbook.createSheet("Tháng 10"), letters);
            rows(workbook.createSheet("Tháng 11"), letters);
            rows(workbook.createSheet("Danh mục"), letters);
            workbook.setSheetHidden(0, true);
            workbook.setSheetVisibility(2, org.apache.poi.ss.usermodel.SheetVisibility.VERY_HIDDEN);
            workbook.setActiveSheet(1);
            workbook.write(bytes);
        }

        LetterFile.Letters read = LetterFile.read("thu.xlsx", new ByteArrayInputStream(bytes.toByteArray()));

        // one sheet of letters read: its rows need no sheet's name, and its place is its own
        assertThat(read.lines()).hasSize(1);
        assertThat(read.lines().getFirst().sheet()).isNull();
        assertThat(read.lines().getFirst().sheetNumber()).isEqualTo(2);
        assertThat(read.skippedSheets()).containsExactly("Tháng 10", "Danh mục");
    }

    @Test
    void aKindOrCategoryIsReadByItsCodeOrItsNameInEitherLanguage() {
        LetterValues values = values(List.of("land", "infrastructure", "security-order", "ward-own"));

        for (String text : List.of("COMPLAINT", "complaint", "khiếu nại", "Khiếu Nại", "KHIEU NAI", "khieu_nai")) {
            assertThat(values.kind(text)).as(text).contains(FeedbackKind.COMPLAINT);
        }
        assertThat(values.kind("Tố cáo")).contains(FeedbackKind.DENUNCIATION);
        assertThat(values.kind("ý kiến")).contains(FeedbackKind.OPINION);
        assertThat(values.kind("Góp ý dự thảo")).contains(FeedbackKind.CONSULTATION_COMMENT);
        assertThat(values.kind("đơn lạ")).isEmpty();
        assertThat(values.kind(null)).isEmpty();
        for (String text : List.of("land", "LAND", "Đất đai", "dat dai", "Land")) {
            assertThat(values.category(text)).as(text).contains("land");
        }
        assertThat(values.category("An ninh, trật tự")).contains("security-order");
        assertThat(values.category("Security and order")).contains("security-order");
        // a deployment's own category without a label: by its code only; a category it does not have: none
        assertThat(values.category("ward-own")).contains("ward-own");
        assertThat(values.category("Môi trường")).isEmpty();
        assertThat(values.categoryNames(Locale.of("vi")))
                .containsExactly("Đất đai", "Hạ tầng", "An ninh, trật tự", "ward-own");
        assertThat(values.categoryNames(Locale.ENGLISH))
                .containsExactly("Land", "Infrastructure", "Security and order", "ward-own");
        assertThat(values.kindNames(Locale.of("vi")))
                .contains("khiếu nại", "tố cáo", "kiến nghị", "phản ánh", "ý kiến")
                .doesNotContain("đánh giá mô hình Dân vận khéo");
    }

    @Test
    void everyShippedCategoryHasANameInBothLanguagesAndNoTwoKindsOrCategoriesShareOne() {
        List<String> shipped = shippedCategories();
        assertThat(shipped).contains("land", "other");
        LetterValues values = values(shipped);

        assertThat(values.categoryNames(Locale.of("vi"))).doesNotContainAnyElementsOf(shipped);
        assertThat(values.categoryNames(Locale.ENGLISH)).doesNotContainAnyElementsOf(shipped);
        for (Locale locale : List.of(Locale.of("vi"), Locale.ENGLISH)) {
            List<String> names = values.categoryNames(locale);
            for (int i = 0; i < shipped.size(); i++) {
                assertThat(values.category(names.get(i))).as(names.get(i)).contains(shipped.get(i));
            }
            List<String> kinds = values.kindNames(locale);
            List<FeedbackKind> importable = List.copyOf(LetterValues.IMPORTABLE);
            for (int i = 0; i < kinds.size(); i++) {
                assertThat(values.kind(kinds.get(i))).as(kinds.get(i)).contains(importable.get(i));
            }
        }
    }

    @Test
    void theTemplatesInstructionsAreNeverTakenForLettersAndAFilledTemplateIsRead() throws IOException {
        LetterTemplate template = new LetterTemplate(values(shippedCategories()), messages());
        for (Locale locale : List.of(Locale.of("vi"), Locale.ENGLISH)) {
            byte[] blank = template.render(LetterTemplate.Format.xlsx, locale);
            ByteArrayOutputStream filled = new ByteArrayOutputStream();
            try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(blank))) {
                Sheet instructions = workbook.getSheetAt(1);
                for (int r = 0; r < LetterFile.HEADER_WITHIN_ROWS; r++) {
                    if (instructions.getRow(r) == null) {
                        continue;
                    }
                    for (var cell : instructions.getRow(r)) {
                        String text = LetterFile.normalised(cell.getStringCellValue());
                        for (LetterFile.Column column : LetterFile.COLUMNS) {
                            assertThat(text).isNotEqualTo(LetterFile.normalised(column.name()));
                            column.vietnamese()
                                    .forEach(name -> assertThat(text).isNotEqualTo(LetterFile.normalised(name)));
                        }
                    }
                }
                // and the notes say that a list's own columns may stay
                assertThat(instructions.getRow(8).getCell(0).getStringCellValue())
                        .contains("STT", LetterFile.isEnglish(locale) ? "Notes" : "Ghi chú");
                // the table of columns is there, below
                assertThat(instructions
                                .getRow(LetterFile.HEADER_WITHIN_ROWS + 1)
                                .getCell(0)
                                .getStringCellValue())
                        .isEqualTo(LetterFile.COLUMNS.getFirst().nameIn(locale));
                Row letter = workbook.getSheetAt(0).createRow(1);
                String[] values = {"phản ánh", "Đèn hỏng", "Đèn tắt", "Hạ tầng", "19753"};
                for (int c = 0; c < values.length; c++) {
                    letter.createCell(c).setCellValue(values[c]);
                }
                workbook.write(filled);
            }

            LetterFile.Letters read = LetterFile.read("mau.xlsx", new ByteArrayInputStream(filled.toByteArray()));

            assertThat(read.lines()).hasSize(1);
            assertThat(read.lines().getFirst().cells()).containsEntry("communecode", "19753");
            assertThat(read.skippedSheets())
                    .containsExactly(LetterFile.isEnglish(locale) ? "Instructions" : "Hướng dẫn");
        }
    }

    private static LetterValues values(List<String> categories) {
        return new LetterValues(messages(), new FeedbackProperties(categories, null, null, null));
    }

    /** The service's messages as Spring Boot reads them (the kit's defaults: no fallback to the JVM's locale). */
    private static MessageSource messages() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        messages.setAlwaysUseMessageFormat(true);
        return messages;
    }

    /** The categories application.yml ships. */
    private static List<String> shippedCategories() {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("application.yml"));
        Properties properties = yaml.getObject();
        List<String> categories = new ArrayList<>();
        for (int i = 0; properties.containsKey("danvan.feedback.categories[" + i + "]"); i++) {
            categories.add(properties.getProperty("danvan.feedback.categories[" + i + "]"));
        }
        return categories;
    }

    /** Rows of text cells; a null row is left out. */
    private static void rows(Sheet sheet, String[][] rows) {
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

    private static byte[] workbook(String... sheets) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            for (String name : sheets) {
                var sheet = workbook.createSheet(name);
                var header = sheet.createRow(0);
                var row = sheet.createRow(1);
                String[][] cells = {
                    {"kind", "REPORT"}, {"subject", "Đèn hỏng"}, {"content", "Đèn tắt"}, {"communeCode", "19753"}
                };
                for (int c = 0; c < cells.length; c++) {
                    header.createCell(c).setCellValue(cells[c][0]);
                    row.createCell(c).setCellValue(cells[c][1]);
                }
            }
            workbook.write(bytes);
        }
        return bytes.toByteArray();
    }

    /** Each part of a workbook by name, with its size unpacked. */
    private static Map<String, Integer> partSizes(byte[] workbook) throws IOException {
        Map<String, Integer> sizes = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(workbook))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                sizes.put(entry.getName(), in.readAllBytes().length);
            }
        }
        return sizes;
    }

    /** A file whose bytes read are counted. */
    private static final class Counted extends FilterInputStream {
        long read;

        Counted(byte[] content) {
            super(new ByteArrayInputStream(content));
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            read += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            read += Math.max(n, 0);
            return n;
        }
    }

    /**
     * The workbook with each sheet's XML grown by a comment of about {@code bytes} (letters that compress as text
     * does: a run of one character would be taken for a zip bomb, a different refusal).
     */
    private static byte[] padded(byte[] workbook, int bytes) throws IOException {
        Random random = new Random(7);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(workbook));
                ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                byte[] content = in.readAllBytes();
                if (entry.getName().startsWith("xl/worksheets/sheet")) {
                    String xml = new String(content, StandardCharsets.UTF_8);
                    StringBuilder comment = new StringBuilder("<!--");
                    while (comment.length() < bytes) {
                        comment.append((char) ('a' + random.nextInt(26)));
                    }
                    int rootStart = xml.indexOf("<worksheet");
                    content = (xml.substring(0, rootStart) + comment + "-->" + xml.substring(rootStart))
                            .getBytes(StandardCharsets.UTF_8);
                }
                zip.putNextEntry(new ZipEntry(entry.getName()));
                zip.write(content);
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
