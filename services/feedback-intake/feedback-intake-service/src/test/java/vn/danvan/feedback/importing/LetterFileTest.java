package vn.danvan.feedback.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import vn.danvan.kit.web.RuleViolationException;

/** Reading a file of letters where a whole upload is not needed to see it: limits, and which error names what. */
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
            header.createCell(0).setCellValue("loai");
            header.createCell(1).setCellValue("tieu de");
            workbook.createSheet("Ghi chú");
            workbook.write(bytes);
        }

        assertThatThrownBy(() -> LetterFile.read("thu.xlsx", new ByteArrayInputStream(bytes.toByteArray())))
                .isInstanceOfSatisfying(RuleViolationException.class, e -> {
                    assertThat(e.code()).isEqualTo("feedback.import.unknown-column");
                    assertThat(e.arguments()[0]).isEqualTo("loai");
                });
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
