package vn.danvan.feedback.importing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import vn.danvan.kit.web.RuleViolationException;

/**
 * Reads an uploaded file of letters into rows keyed by column name: CSV (UTF-8, comma, header row) or XLSX (first
 * sheet, header row). Column names are case-insensitive; unknown columns are an error so a typo is not ignored.
 */
final class LetterFile {

    static final List<String> COLUMNS = List.of(
            "kind",
            "subject",
            "content",
            "category",
            "communecode",
            "address",
            "contactname",
            "contactphone",
            "contactemail",
            "contactaddress",
            "denouncername",
            "denounceridnumber",
            "denounceraddress",
            "denouncerphone",
            // when the letter reached the unit (its legal clock starts then), and the flags that change its limits
            "receivedon",
            "secondtime",
            "emergency");

    /** The file's column of a field of the submission a row becomes, as the officer wrote it in the header. */
    private static final Map<String, String> COLUMN_OF_FIELD = Map.ofEntries(
            Map.entry("location.communeCode", "communeCode"),
            Map.entry("location.address", "address"),
            Map.entry("contact.name", "contactName"),
            Map.entry("contact.phone", "contactPhone"),
            Map.entry("contact.email", "contactEmail"),
            Map.entry("contact.address", "contactAddress"),
            Map.entry("denouncer.fullName", "denouncerName"),
            Map.entry("denouncer.idNumber", "denouncerIdNumber"),
            Map.entry("denouncer.address", "denouncerAddress"),
            Map.entry("denouncer.phone", "denouncerPhone"));

    /** The column a refused field came from ({@code location.communeCode} is {@code communeCode}). */
    static String columnOf(String field) {
        return field == null ? null : COLUMN_OF_FIELD.getOrDefault(field, field);
    }

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /** One data row: its number in the file (the header is row 1) and its cells by column. */
    record Line(int number, Map<String, String> cells) {}

    private LetterFile() {}

    static List<Line> read(String fileName, InputStream in) throws IOException {
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".xlsx")) {
            return readXlsx(in);
        }
        if (name.endsWith(".csv")) {
            return readCsv(in);
        }
        throw new RuleViolationException("feedback.import.unsupported-file", fileName);
    }

    private static List<Line> readCsv(InputStream in) throws IOException {
        BufferedInputStream bytes = new BufferedInputStream(in);
        bytes.mark(UTF8_BOM.length);
        // Excel's "CSV UTF-8" (and the platform's own exports) start with a byte order mark: it is no part of the
        // first column's name
        if (!Arrays.equals(bytes.readNBytes(UTF8_BOM.length), UTF8_BOM)) {
            bytes.reset();
        }
        // a file saved in another encoding (Windows-1258, Latin-1) is refused, never imported as garbled letters
        Reader reader = new InputStreamReader(
                bytes,
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT));
        try {
            return readCsv(reader);
        } catch (CharacterCodingException notUtf8) {
            throw new RuleViolationException("feedback.import.not-utf8");
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CharacterCodingException) {
                throw new RuleViolationException("feedback.import.not-utf8");
            }
            throw e;
        }
    }

    private static List<Line> readCsv(Reader reader) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true)
                .setIgnoreEmptyLines(true)
                .get();
        List<Line> lines = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(reader, format)) {
            List<String> header = headerOf(parser.getHeaderNames());
            for (CSVRecord record : parser) {
                Map<String, String> cells = new HashMap<>();
                for (int i = 0; i < header.size() && i < record.size(); i++) {
                    cells.put(header.get(i), blankToNull(record.get(i)));
                }
                lines.add(new Line((int) record.getRecordNumber() + 1, cells));
            }
        }
        return lines;
    }

    private static List<Line> readXlsx(InputStream in) throws IOException {
        List<Line> lines = new ArrayList<>();
        DataFormatter text = new DataFormatter();
        try (Workbook workbook = new XSSFWorkbook(in)) {
            Sheet sheet = workbook.getSheetAt(0);
            Row headerRow = sheet.getRow(sheet.getFirstRowNum());
            if (headerRow == null) {
                return lines;
            }
            List<String> names = new ArrayList<>();
            for (Cell cell : headerRow) {
                names.add(text.formatCellValue(cell));
            }
            List<String> header = headerOf(names);
            for (int r = sheet.getFirstRowNum() + 1; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                if (row == null) {
                    continue;
                }
                Map<String, String> cells = new HashMap<>();
                boolean empty = true;
                for (int c = 0; c < header.size(); c++) {
                    String value = blankToNull(text.formatCellValue(row.getCell(c)));
                    cells.put(header.get(c), value);
                    empty &= value == null;
                }
                if (!empty) {
                    lines.add(new Line(r + 1, cells));
                }
            }
        }
        return lines;
    }

    private static List<String> headerOf(List<String> names) {
        List<String> header = new ArrayList<>();
        for (String name : names) {
            String column =
                    name.trim().toLowerCase(Locale.ROOT).replace("_", "").replace(" ", "");
            if (!COLUMNS.contains(column)) {
                throw new RuleViolationException("feedback.import.unknown-column", name, String.join(", ", COLUMNS));
            }
            header.add(column);
        }
        return header;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
