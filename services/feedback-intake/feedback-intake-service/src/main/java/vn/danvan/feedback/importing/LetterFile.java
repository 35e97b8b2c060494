package vn.danvan.feedback.importing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
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
            "emergency",
            // complaints: the day the complainant received the decision or knew of the act (its filing limit)
            "decisionknownon");

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

    /**
     * One data row: its number in the file (the header is row 1) and its cells by column.
     *
     * @param strayColumn the number (1-based) of the first cell with a value under no named column, 0 if none: an
     *     unquoted comma in a CSV text, or a cell past the header; the row is refused rather than cut
     */
    record Line(int number, Map<String, String> cells, int strayColumn) {}

    /**
     * The largest sheet read, unpacked (POI builds the whole sheet in memory, about ten times its XML: 16 MB is some
     * 30,000 letters). A larger workbook is refused with a hint to split it or save it as CSV, not read into an
     * out-of-memory error.
     */
    static final long MAX_SHEET_BYTES = 16L * 1024 * 1024;

    static {
        ZipSecureFile.setMaxEntrySize(MAX_SHEET_BYTES);
    }

    /** Columns of codes and numbers written as text, whose leading zeros a spreadsheet drops when it reads a number. */
    private static final Map<String, Integer> DIGITS_OF_CODE = Map.of(
            "communecode", 5,
            "denounceridnumber", 12);

    private static final List<String> PHONE_COLUMNS = List.of("contactphone", "denouncerphone");

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
        // the whole text first: a row is then numbered by the line it starts on, as an editor or Excel shows it
        // (blank lines and newlines inside quoted texts count), not by its rank among the records
        String text = readAll(reader);
        List<Integer> newlines = new ArrayList<>();
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
            newlines.add(i);
        }
        try (CSVParser parser = CSVParser.parse(text, format)) {
            List<String> header = headerOf(parser.getHeaderNames());
            for (CSVRecord record : parser) {
                Map<String, String> cells = new HashMap<>();
                int stray = 0;
                for (int i = 0; i < record.size(); i++) {
                    String value = blankToNull(record.get(i));
                    if (i < header.size() && header.get(i) != null) {
                        cells.put(header.get(i), value);
                    } else if (value != null && stray == 0) {
                        stray = i + 1;
                    }
                }
                // the parser's position is where it began reading: before any blank lines it skipped
                int start = (int) record.getCharacterPosition();
                while (start < text.length() && (text.charAt(start) == '\n' || text.charAt(start) == '\r')) {
                    start++;
                }
                int before = Collections.binarySearch(newlines, start);
                int line = (before >= 0 ? before : -before - 1) + 1;
                lines.add(new Line(line, cells, stray));
            }
        }
        if (lines.isEmpty()) {
            throw new RuleViolationException("feedback.import.no-rows");
        }
        return lines;
    }

    private static List<Line> readXlsx(InputStream in) throws IOException {
        List<Line> lines = new ArrayList<>();
        try (Workbook workbook = openWorkbook(in)) {
            Sheet sheet = workbook.getSheetAt(0);
            Row headerRow = sheet.getRow(sheet.getFirstRowNum());
            if (headerRow == null) {
                throw new RuleViolationException("feedback.import.no-rows");
            }
            // by position: a header cell left empty is a column without a name, never a reason to shift the others
            List<String> names = new ArrayList<>();
            for (int c = 0; c < headerRow.getLastCellNum(); c++) {
                String name = blankToNull(cellText(headerRow.getCell(c), null));
                names.add(name);
            }
            List<String> header = headerOf(names);
            for (int r = sheet.getFirstRowNum() + 1; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                if (row == null) {
                    continue;
                }
                Map<String, String> cells = new HashMap<>();
                boolean empty = true;
                int stray = 0;
                for (int c = 0; c < Math.max(header.size(), row.getLastCellNum()); c++) {
                    String column = c < header.size() ? header.get(c) : null;
                    String value = blankToNull(cellText(row.getCell(c), column));
                    if (column != null) {
                        cells.put(column, value);
                    } else if (value != null && stray == 0) {
                        stray = c + 1;
                    }
                    empty &= value == null;
                }
                if (!empty) {
                    lines.add(new Line(r + 1, cells, stray));
                }
            }
        }
        if (lines.isEmpty()) {
            throw new RuleViolationException("feedback.import.no-rows");
        }
        return lines;
    }

    private static Workbook openWorkbook(InputStream in) throws IOException {
        try {
            return new XSSFWorkbook(in);
        } catch (IOException | RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause.getMessage() != null && cause.getMessage().contains("MAX_ENTRY_SIZE")) {
                    throw new RuleViolationException("feedback.import.sheet-too-large");
                }
            }
            throw e;
        }
    }

    /**
     * What a cell holds, as the officer sees it: a formula's value (as Excel last computed it, never the formula), a
     * date as {@code 2026-12-05} whatever its display format, a number without exponent or trailing ".0", and a code
     * or phone number typed as a number with the leading zeros a spreadsheet dropped put back.
     */
    private static String cellText(Cell cell, String column) {
        if (cell == null) {
            return null;
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        return switch (type) {
            case STRING -> cell.getStringCellValue();
            case BOOLEAN -> String.valueOf(cell.getBooleanCellValue());
            case NUMERIC -> {
                if (DateUtil.isCellDateFormatted(cell)) {
                    yield cell.getLocalDateTimeCellValue().toLocalDate().toString();
                }
                String number = BigDecimal.valueOf(cell.getNumericCellValue())
                        .stripTrailingZeros()
                        .toPlainString();
                yield column == null ? number : restoreZeros(column, number);
            }
            default -> null; // blank, or an error value (#REF!, #N/A): nothing the officer meant to send
        };
    }

    private static String restoreZeros(String column, String number) {
        if (!number.chars().allMatch(Character::isDigit)) {
            return number;
        }
        Integer digits = DIGITS_OF_CODE.get(column);
        if (digits != null && number.length() < digits && number.length() >= digits - 2) {
            return "0".repeat(digits - number.length()) + number;
        }
        if (column.equals("denounceridnumber") && number.length() == 8) {
            return "0" + number; // a 9-digit CMND
        }
        if (PHONE_COLUMNS.contains(column) && (number.length() == 9 || number.length() == 10)) {
            return "0" + number; // 0912345678 read as 912345678
        }
        return number;
    }

    private static String readAll(Reader reader) throws IOException {
        StringWriter all = new StringWriter();
        reader.transferTo(all);
        return all.toString();
    }

    private static List<String> headerOf(List<String> names) {
        List<String> header = new ArrayList<>();
        for (String name : names) {
            if (name == null || name.isBlank()) {
                header.add(null); // a column without a name: its cells must stay empty
                continue;
            }
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
