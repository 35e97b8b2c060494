package vn.danvan.feedback.importing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
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
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ooxml.util.PackageHelper;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import vn.danvan.kit.web.RuleViolationException;

/**
 * Reads an uploaded file of letters into rows keyed by column name: CSV (UTF-8, header row; fields separated by commas,
 * or by semicolons as Excel saves "CSV" where ',' is the decimal mark, vi-VN among them) or XLSX (every sheet whose
 * first row has the import's columns, in workbook order). Column names are case-insensitive; an unknown column is an
 * error so a typo is not ignored, and so is a column named twice, so that neither silently wins.
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
     * One data row: its number in the file or its sheet (the header is row 1) and its cells by column.
     *
     * @param strayColumn the number (1-based) of the first cell with a value under no named column, 0 if none: an
     *     unquoted separator in a CSV text, or a cell past the header; the row is refused rather than cut
     * @param sheet the sheet it is on when a workbook has more than one sheet of letters (the row numbers start again
     *     in each), else null
     * @param sheetNumber the sheet's position in the workbook (1-based), 0 for a CSV file
     */
    record Line(int number, Map<String, String> cells, int strayColumn, String sheet, int sheetNumber) {

        Line(int number, Map<String, String> cells, int strayColumn) {
            this(number, cells, strayColumn, null, 0);
        }

        /**
         * Where the row is, unique within its file and the same each time the file is read: part of its idempotency
         * key. The row number alone in a CSV file or a workbook of one sheet of letters (the keys of jobs accepted
         * before several sheets were read); with the sheet's position when several sheets' rows share numbers.
         */
        String place() {
            return sheet == null ? String.valueOf(number) : sheetNumber + ":" + number;
        }
    }

    /**
     * What a file holds: its rows, in order, and the sheets of a workbook that were not read because their first row
     * is not a header of the import's columns (a notes sheet, an empty one), in workbook order.
     */
    record Letters(List<Line> lines, List<String> skippedSheets) {}

    /**
     * The most a workbook's sheets may hold together, unpacked (POI builds every sheet in memory, about ten times its
     * XML: 16 MB is some 30,000 letters). A larger workbook is refused with a hint to split it or save it as CSV, not
     * read into an out-of-memory error.
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

    static Letters read(String fileName, InputStream in) throws IOException {
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".xlsx")) {
            return readXlsx(in);
        }
        if (name.endsWith(".csv")) {
            return new Letters(readCsv(in), List.of());
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
        List<Line> lines = new ArrayList<>();
        // the whole text first: a row is then numbered by the line it starts on, as an editor or Excel shows it
        // (blank lines and newlines inside quoted texts count), not by its rank among the records
        String text = readAll(reader);
        CSVFormat format = csvFormat(delimiterOf(text))
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get();
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

    private static CSVFormat csvFormat(char delimiter) {
        return CSVFormat.DEFAULT
                .builder()
                .setDelimiter(delimiter)
                .setIgnoreSurroundingSpaces(true)
                .setIgnoreEmptyLines(true)
                .get();
    }

    /**
     * The separator of the file's fields, told by its header: ';' (Excel's "CSV" where ',' is the decimal mark, as in
     * vi-VN) when the header split on ';' names more of the import's columns than split on ','; ',' otherwise. The
     * header is read as a record, so a quoted name may hold either character.
     */
    private static char delimiterOf(String text) {
        return recognisedColumns(text, ';') > recognisedColumns(text, ',') ? ';' : ',';
    }

    private static int recognisedColumns(String text, char delimiter) {
        try (CSVParser parser = CSVParser.parse(text, csvFormat(delimiter))) {
            Iterator<CSVRecord> records = parser.iterator();
            if (!records.hasNext()) {
                return 0;
            }
            int recognised = 0;
            for (String name : records.next()) {
                if (columnNamed(name) != null) {
                    recognised++;
                }
            }
            return recognised;
        } catch (IOException | UncheckedIOException notAHeaderThisWay) {
            return 0; // a quote left open when split on this character
        }
    }

    private static Letters readXlsx(InputStream in) throws IOException {
        List<Line> lines = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        try (Workbook workbook = openWorkbook(in)) {
            List<Integer> letterSheets = new ArrayList<>();
            for (int s = 0; s < workbook.getNumberOfSheets(); s++) {
                if (hasHeader(workbook.getSheetAt(s))) {
                    letterSheets.add(s);
                } else {
                    skipped.add(workbook.getSheetName(s));
                }
            }
            if (letterSheets.isEmpty() && workbook.getNumberOfSheets() > 0) {
                // no sheet of letters: the first is read as if it were one, so that the officer learns which of its
                // columns is unknown (a typo in the only sheet), or that it is empty
                letterSheets.add(0);
                skipped.remove(0);
            }
            boolean several = letterSheets.size() > 1;
            for (int s : letterSheets) {
                Sheet sheet = workbook.getSheetAt(s);
                readSheet(sheet, several ? sheet.getSheetName() : null, s + 1, lines);
            }
        }
        if (lines.isEmpty()) {
            throw new RuleViolationException("feedback.import.no-rows");
        }
        return new Letters(lines, List.copyOf(skipped));
    }

    /** A sheet of letters: its first row names at least one of the import's columns. */
    private static boolean hasHeader(Sheet sheet) {
        Row headerRow = sheet.getRow(sheet.getFirstRowNum());
        if (headerRow == null) {
            return false;
        }
        for (int c = 0; c < headerRow.getLastCellNum(); c++) {
            if (columnNamed(cellText(headerRow.getCell(c), null)) != null) {
                return true;
            }
        }
        return false;
    }

    private static void readSheet(Sheet sheet, String sheetName, int sheetNumber, List<Line> lines) {
        Row headerRow = sheet.getRow(sheet.getFirstRowNum());
        if (headerRow == null) {
            return;
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
                lines.add(new Line(r + 1, cells, stray, sheetName, sheetNumber));
            }
        }
    }

    private static Workbook openWorkbook(InputStream in) throws IOException {
        OPCPackage workbook;
        try {
            workbook = PackageHelper.open(in);
        } catch (IOException | RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause.getMessage() != null && cause.getMessage().contains("MAX_ENTRY_SIZE")) {
                    throw new RuleViolationException("feedback.import.sheet-too-large");
                }
            }
            throw e;
        }
        // each part is at most MAX_SHEET_BYTES (ZipSecureFile), but POI builds every sheet in memory: their total is
        // what counts, measured before any is built
        long total = 0;
        try {
            for (PackagePart sheet : workbook.getPartsByContentType(XSSFRelation.WORKSHEET.getContentType())) {
                try (InputStream xml = sheet.getInputStream()) {
                    total += xml.transferTo(OutputStream.nullOutputStream());
                }
                if (total > MAX_SHEET_BYTES) {
                    throw new RuleViolationException("feedback.import.sheet-too-large");
                }
            }
            return new XSSFWorkbook(workbook);
        } catch (IOException | RuntimeException e) {
            workbook.revert();
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

    /** The import's column a header cell names ({@code Contact Name} is {@code contactname}), or null. */
    private static String columnNamed(String name) {
        if (name == null) {
            return null;
        }
        String column = name.trim().toLowerCase(Locale.ROOT).replace("_", "").replace(" ", "");
        return COLUMNS.contains(column) ? column : null;
    }

    private static List<String> headerOf(List<String> names) {
        List<String> header = new ArrayList<>();
        for (String name : names) {
            if (name == null || name.isBlank()) {
                header.add(null); // a column without a name: its cells must stay empty
                continue;
            }
            String column = columnNamed(name);
            if (column == null) {
                throw new RuleViolationException("feedback.import.unknown-column", name, String.join(", ", COLUMNS));
            }
            int earlier = header.indexOf(column);
            if (earlier >= 0) {
                // two columns of one name: which one's values to import would be a guess
                throw new RuleViolationException(
                        "feedback.import.duplicate-column", names.get(earlier), earlier + 1, header.size() + 1);
            }
            header.add(column);
        }
        return header;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
