package vn.danvan.feedback.importing;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ooxml.util.PackageHelper;
import org.apache.poi.openxml4j.opc.OPCPackage;
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
 * Reads an uploaded file of letters into rows keyed by column: CSV (UTF-8, header row; fields separated by commas, or
 * by semicolons as Excel saves "CSV" where ',' is the decimal mark, vi-VN among them) or XLSX (every visible sheet with
 * a header of the import's columns, in workbook order). A column is named in English ({@code communeCode}) or in
 * Vietnamese ("Mã xã/phường"), compared without case, diacritics, spaces or punctuation; an unknown column is an error so
 * a typo is not ignored, and so is a column named twice (in either language), so that neither silently wins; only the
 * columns a list keeps for itself (its row numbers, "STT", and notes, "Ghi chú") are accepted and not read. The header
 * need not be the first row: official spreadsheets open with a title block (the unit, the list's name, blank rows). A
 * file is read no further than one letter past the import's limit, so that a file too large is refused before it is all
 * in memory.
 */
final class LetterFile {

    /**
     * A column of the import.
     *
     * @param name its English name: the header of files written before Vietnamese names were read, of the English
     *     template, and the name a refused row's {@code field} gives it in such files
     * @param vietnamese its Vietnamese names, the first the Vietnamese template's header
     */
    record Column(String name, List<String> vietnamese) {

        /** The key of its cells in a {@link Line}. */
        String key() {
            return name.toLowerCase(Locale.ROOT);
        }

        /** Its header in a template for an officer of that language. */
        String nameIn(Locale locale) {
            return isEnglish(locale) ? name : vietnamese.getFirst();
        }
    }

    static final List<Column> COLUMNS = List.of(
            new Column("kind", List.of("Loại đơn", "Loại")),
            new Column("subject", List.of("Tiêu đề", "Trích yếu")),
            new Column("content", List.of("Nội dung")),
            new Column("category", List.of("Lĩnh vực")),
            new Column("communeCode", List.of("Mã xã/phường", "Mã xã")),
            new Column("address", List.of("Địa điểm", "Địa chỉ nơi xảy ra")),
            new Column("contactName", List.of("Họ tên người gửi", "Người gửi")),
            new Column("contactPhone", List.of("Điện thoại người gửi", "Số điện thoại")),
            new Column("contactEmail", List.of("Email người gửi", "Email")),
            new Column("contactAddress", List.of("Địa chỉ người gửi")),
            new Column("denouncerName", List.of("Họ tên người tố cáo")),
            new Column("denouncerIdNumber", List.of("Số định danh người tố cáo", "CCCD người tố cáo")),
            new Column("denouncerAddress", List.of("Địa chỉ người tố cáo")),
            new Column("denouncerPhone", List.of("Điện thoại người tố cáo")),
            // when the letter reached the unit (its legal clock starts then), and the flags that change its limits
            new Column("receivedOn", List.of("Ngày nhận đơn", "Ngày nhận")),
            new Column("secondTime", List.of("Khiếu nại lần hai", "Lần hai")),
            new Column("emergency", List.of("Khẩn cấp")),
            // complaints: the day the complainant received the decision or knew of the act (its filing limit)
            new Column("decisionKnownOn", List.of("Ngày biết quyết định", "Ngày nhận quyết định")));

    /** A name a header cell may give a column: the column, and whether it is its English name. */
    private record Naming(Column column, boolean english) {}

    /** Every accepted name, {@link #normalised}: two columns answering to one name would be a guess. */
    private static final Map<String, Naming> NAMES = names();

    private static Map<String, Naming> names() {
        Map<String, Naming> names = new HashMap<>();
        for (Column column : COLUMNS) {
            name(names, column.name(), new Naming(column, true));
            column.vietnamese().forEach(name -> name(names, name, new Naming(column, false)));
        }
        return Map.copyOf(names);
    }

    /**
     * Columns a list keeps for itself, accepted in a header and never read: the row's number in the list ("STT", "số
     * thứ tự", as nearly every Vietnamese list has first) and notes ("Ghi chú"). Their values reach no letter, and a
     * row with values in them only (a list numbered ahead of its letters) is no letter.
     */
    static final List<String> IGNORED_COLUMNS =
            List.of("STT", "Số thứ tự", "TT", "No", "No.", "#", "Ghi chú", "Notes", "Note");

    /** {@link #IGNORED_COLUMNS} as compared: see {@link #ignoredName}. */
    private static final Set<String> IGNORED_NAMES = ignoredNames();

    private static Set<String> ignoredNames() {
        Set<String> ignored = new HashSet<>();
        for (String name : IGNORED_COLUMNS) {
            String compared = ignoredName(name);
            if (NAMES.containsKey(compared)) {
                throw new IllegalStateException(
                        "\"" + name + "\" names " + NAMES.get(compared).column().name());
            }
            ignored.add(compared);
        }
        return Set.copyOf(ignored);
    }

    /**
     * A header cell as compared with {@link #IGNORED_COLUMNS}: {@link #normalised}, except a name of punctuation only
     * ("#"), which is compared as written, so that no other cell of punctuation ("-", "*") is taken for one.
     */
    private static String ignoredName(String name) {
        String compared = normalised(name);
        return compared.isEmpty() ? name.strip() : compared;
    }

    /** The key of an ignored column in a header's keys: never a key of {@link Line#cells}. */
    private static final String IGNORED = "";

    private static void name(Map<String, Naming> names, String name, Naming naming) {
        Naming earlier = names.putIfAbsent(normalised(name), naming);
        if (earlier != null && earlier.column() != naming.column()) {
            throw new IllegalStateException("\"" + name + "\" names both "
                    + earlier.column().name() + " and " + naming.column().name());
        }
    }

    /**
     * A name or value as the import compares it: without diacritics ("đ" as "d"), case, or any character that is not
     * a letter or digit, so that "Mã xã/phường", "MA XA PHUONG" and "ma_xa_phuong" are one name.
     */
    static String normalised(String text) {
        String plain = Normalizer.normalize(text, Normalizer.Form.NFD)
                .replace('đ', 'd')
                .replace('Đ', 'D');
        StringBuilder kept = new StringBuilder(plain.length());
        // the combining marks NFD splits off are no letters: they go with the spaces and punctuation
        plain.codePoints().filter(Character::isLetterOrDigit).forEach(kept::appendCodePoint);
        return kept.toString().toLowerCase(Locale.ROOT);
    }

    static boolean isEnglish(Locale locale) {
        return locale != null && locale.getLanguage().equals(Locale.ENGLISH.getLanguage());
    }

    /** The file's column of a field of the submission a row becomes ({@code location.communeCode}, ...). */
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
            Map.entry("denouncer.phone", "denouncerPhone"),
            // a rule about the whole group (a complaint with no one to answer, a denunciation without its
            // denouncer): the group's first column
            Map.entry("contact", "contactName"),
            Map.entry("denouncer", "denouncerName"));

    /**
     * How a sheet's (or a CSV file's) header names its columns: a refused row's {@code field} is its column as the
     * officer wrote it.
     *
     * @param written the header cell of each column the header names, by key
     * @param inEnglish the keys of the columns it names in English
     */
    record Header(Map<String, String> written, Set<String> inEnglish) {

        /**
         * The column of a refused field ({@code location.communeCode}, or a column's English name): its header cell
         * when named in Vietnamese ("Mã xã"), else its English name ({@code communeCode}), as before Vietnamese names
         * were read. A column the file lacks is named as the file names the others: in Vietnamese if it names any so.
         * A group of columns ({@code contact}, {@code denouncer}) is named by its first.
         */
        String nameOf(String field) {
            if (field == null) {
                return null;
            }
            String name = COLUMN_OF_FIELD.getOrDefault(field, field);
            Column column = COLUMNS.stream()
                    .filter(c -> c.name().equals(name))
                    .findFirst()
                    .orElse(null);
            if (column == null) {
                return name;
            }
            String cell = written.get(column.key());
            if (cell != null) {
                return inEnglish.contains(column.key()) ? column.name() : cell;
            }
            return written.size() > inEnglish.size() ? column.vietnamese().getFirst() : column.name();
        }
    }

    /**
     * One data row: its number in the file or its sheet (as a spreadsheet or an editor shows it) and its cells by
     * column key.
     *
     * @param strayColumn the number (1-based) of the first cell with a value under no named column, 0 if none: an
     *     unquoted separator in a CSV text, or a cell past the header; the row is refused rather than cut
     * @param sheet the sheet it is on when a workbook has more than one sheet of letters (the row numbers start again
     *     in each), else null
     * @param sheetNumber the sheet's position in the workbook (1-based), 0 for a CSV file
     * @param header how its sheet's (or file's) header names the columns
     */
    record Line(int number, Map<String, String> cells, int strayColumn, String sheet, int sheetNumber, Header header) {

        /**
         * Where the row is, unique within its file and the same each time the file is read: part of its idempotency
         * key. The row number alone in a CSV file or a workbook of one sheet of letters (the keys of jobs accepted
         * before several sheets were read); with the sheet's position when several sheets' rows share numbers.
         */
        String place() {
            return sheet == null ? String.valueOf(number) : sheetNumber + ":" + number;
        }

        /** The column of a refused field as this row's header names it: see {@link Header#nameOf}. */
        String columnOf(String field) {
            return header.nameOf(field);
        }
    }

    /**
     * What a file holds: its rows, in order, and the sheets of a workbook that were not read (hidden, or without a
     * header of the import's columns in their first rows: a notes sheet, an empty one), in workbook order.
     */
    record Letters(List<Line> lines, List<String> skippedSheets) {}

    /**
     * The rows a header may be in, from the top: below a sheet's title block (the unit's name, the list's name and
     * date, blank rows), within what a spreadsheet shows without scrolling.
     */
    static final int HEADER_WITHIN_ROWS = 10;

    /**
     * The most a workbook's parts may hold together, unpacked: POI unpacks every part into memory and builds its sheets,
     * shared strings and styles there, about ten times their XML (16 MB: some 15,000 letters of a few hundred
     * characters, 160 MB of heap). A larger workbook is refused with a hint to split it or save it as CSV, not read
     * into an out-of-memory error.
     */
    static final long MAX_WORKBOOK_BYTES = 16L * 1024 * 1024;

    static {
        ZipSecureFile.setMaxEntrySize(MAX_WORKBOOK_BYTES);
    }

    /** The most letters an import takes by default ({@code danvan.feedback.import.max-rows}). */
    static final int MAX_ROWS = 20_000;

    /**
     * What one file may hold, checked while it is read: a file beyond it is refused before the rest is read.
     *
     * @param rows the most letters (rows of a sheet or CSV file with a value) a file may hold
     * @param workbookBytes the most a workbook's parts may hold together, unpacked
     */
    record Limits(int rows, long workbookBytes) {

        static final Limits DEFAULT = new Limits(MAX_ROWS, MAX_WORKBOOK_BYTES);
    }

    /**
     * The most characters read ahead to find a CSV file's header: its first {@value #HEADER_WITHIN_ROWS} lines, and
     * a quoted text open at their end to where it closes, within this.
     */
    static final int MAX_HEAD_CHARS = 1024 * 1024;

    /** Columns of codes and numbers written as text, whose leading zeros a spreadsheet drops when it reads a number. */
    private static final Map<String, Integer> DIGITS_OF_CODE = Map.of(
            "communecode", 5,
            "denounceridnumber", 12);

    private static final List<String> PHONE_COLUMNS = List.of("contactphone", "denouncerphone");

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private LetterFile() {}

    /** As {@link #read(String, InputStream, Locale, Limits)} for a Vietnamese officer, within the default limits. */
    static Letters read(String fileName, InputStream in) throws IOException {
        return read(fileName, in, Locale.of("vi"));
    }

    /** As {@link #read(String, InputStream, Locale, Limits)} within the default limits. */
    static Letters read(String fileName, InputStream in, Locale locale) throws IOException {
        return read(fileName, in, locale, Limits.DEFAULT);
    }

    /**
     * @param locale the officer's language: an unknown column's error lists the column names in it
     * @throws RuleViolationException {@code feedback.import.too-many-rows} at the first letter past the limit, the
     *     rest unread; {@code feedback.import.sheet-too-large} for a workbook larger than its limit, measured before
     *     it is opened
     */
    static Letters read(String fileName, InputStream in, Locale locale, Limits limits) throws IOException {
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".xlsx")) {
            return readXlsx(in, locale, limits);
        }
        if (name.endsWith(".csv")) {
            return new Letters(readCsv(in, locale, limits.rows()), List.of());
        }
        throw new RuleViolationException("feedback.import.unsupported-file", fileName);
    }

    /** Adds a letter, refusing the file at the first one past the limit: the rest is neither read nor kept. */
    private static void add(List<Line> lines, Line line, int maxRows) {
        if (lines.size() >= maxRows) {
            throw new RuleViolationException("feedback.import.too-many-rows", maxRows);
        }
        lines.add(line);
    }

    private static List<Line> readCsv(InputStream in, Locale locale, int maxRows) throws IOException {
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
            return readCsv(reader, locale, maxRows);
        } catch (CharacterCodingException notUtf8) {
            throw new RuleViolationException("feedback.import.not-utf8");
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CharacterCodingException) {
                throw new RuleViolationException("feedback.import.not-utf8");
            }
            throw e;
        }
    }

    private static List<Line> readCsv(Reader reader, Locale locale, int maxRows) throws IOException {
        List<Line> lines = new ArrayList<>();
        // the header is looked for in the first lines, read ahead; the rest is parsed as it is read, and a row is
        // numbered by the line it starts on, as an editor or Excel shows it (blank lines and newlines inside quoted
        // texts count), not by its rank among the records
        String head = head(reader);
        HeaderLine found = headerLine(head);
        String unparsed = head.substring(found.offset());
        PushbackReader rest = new PushbackReader(reader, Math.max(1, unparsed.length()));
        rest.unread(unparsed.toCharArray());
        LineCounter text = new LineCounter(rest, (int)
                head.substring(0, found.offset()).chars().filter(c -> c == '\n').count());
        CSVFormat format = csvFormat(found.delimiter())
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get();
        try (CSVParser parser = CSVParser.parse(text, format)) {
            Columns columns = headerOf(parser.getHeaderNames(), locale);
            List<String> header = columns.keys();
            for (CSVRecord record : parser) {
                int line = text.lineAt(record.getCharacterPosition());
                Map<String, String> cells = new HashMap<>();
                boolean empty = true;
                int stray = 0;
                for (int i = 0; i < record.size(); i++) {
                    String column = i < header.size() ? header.get(i) : null;
                    String value = blankToNull(record.get(i));
                    if (IGNORED.equals(column)) {
                        continue;
                    }
                    if (column != null) {
                        cells.put(column, value);
                    } else if (value != null && stray == 0) {
                        stray = i + 1;
                    }
                    empty &= value == null;
                }
                // a record of empty cells (a blank row of a sheet saved as CSV, or one numbered but not filled) is
                // no letter, as a blank row of a sheet is not
                if (!empty) {
                    add(lines, new Line(line, cells, stray, null, 0, columns.header()), maxRows);
                }
            }
        }
        if (lines.isEmpty()) {
            throw new RuleViolationException("feedback.import.no-rows");
        }
        return lines;
    }

    /**
     * The start of a CSV text, where its header is looked for: its first {@value #HEADER_WITHIN_ROWS} lines, and past
     * them to the end of a quoted text still open (a record starting on them ends there), at most
     * {@value #MAX_HEAD_CHARS} characters.
     */
    private static String head(Reader reader) throws IOException {
        StringBuilder head = new StringBuilder();
        int newlines = 0;
        boolean quoted = false;
        while (head.length() < MAX_HEAD_CHARS) {
            int c = reader.read();
            if (c < 0) {
                break;
            }
            head.append((char) c);
            if (c == '"') {
                quoted = !quoted; // an escaped quote ("") toggles twice
            } else if (c == '\n' && ++newlines >= HEADER_WITHIN_ROWS && !quoted) {
                break;
            }
        }
        return head.toString();
    }

    /**
     * A text as read, which tells the line (1-based, counting '\n') a position read is on. It keeps, from the last
     * position asked for to the last read, two bits a character (a line break? a '\n'?), not a list of every line
     * break: a parser reads a record and a buffer ahead of the record asked about, so that is all it needs.
     */
    private static final class LineCounter extends Reader {

        private final Reader in;
        /** The '\n's before {@link #base}. */
        private int newlinesBefore;
        /** The position of the first character kept: a multiple of 64. */
        private long base;
        /** Read so far. */
        private long position;
        /** From {@link #base}, a bit per character: a line break ('\r' or '\n'), a '\n'. */
        private long[] breaks = new long[64];

        private long[] newlines = new long[64];

        LineCounter(Reader in, int newlinesBefore) {
            this.in = in;
            this.newlinesBefore = newlinesBefore;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            for (int i = 0; i < n; i++) {
                char c = buffer[offset + i];
                if (c == '\n' || c == '\r') {
                    int word = word(position);
                    breaks[word] |= 1L << position;
                    if (c == '\n') {
                        newlines[word] |= 1L << position;
                    }
                }
                position++;
            }
            return n;
        }

        /** The index of a position's word, room made for it. */
        private int word(long at) {
            int word = (int) ((at - base) >>> 6);
            if (word >= breaks.length) {
                breaks = Arrays.copyOf(breaks, breaks.length * 2);
                newlines = Arrays.copyOf(newlines, newlines.length * 2);
            }
            return word;
        }

        /**
         * The line a record starting at a position is on: the first character there that is no line break (a
         * parser's position of a record is before the blank lines it skipped). Positions asked for never decrease:
         * what is before this one is forgotten.
         */
        int lineAt(long at) {
            // the words wholly before the position: counted and dropped
            int done = (int) ((at - base) >>> 6);
            if (done > 0) {
                for (int w = 0; w < done; w++) {
                    newlinesBefore += Long.bitCount(newlines[w]);
                }
                int used = (int) ((position - base + 63) >>> 6);
                System.arraycopy(breaks, done, breaks, 0, used - done);
                System.arraycopy(newlines, done, newlines, 0, used - done);
                Arrays.fill(breaks, used - done, used, 0);
                Arrays.fill(newlines, used - done, used, 0);
                base += (long) done << 6;
            }
            long start = at;
            while (start < position && isSet(breaks, start)) {
                start++;
            }
            int line = newlinesBefore + 1;
            for (long p = base; p < start; p++) {
                if (isSet(newlines, p)) {
                    line++;
                }
            }
            return line;
        }

        private boolean isSet(long[] bits, long at) {
            return (bits[(int) ((at - base) >>> 6)] & (1L << at)) != 0;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    private static CSVFormat csvFormat(char delimiter) {
        return CSVFormat.DEFAULT
                .builder()
                .setDelimiter(delimiter)
                .setIgnoreSurroundingSpaces(true)
                .setIgnoreEmptyLines(true)
                .get();
    }

    /** Where a CSV text's header starts (title lines above it are no letters), and the separator of its fields. */
    private record HeaderLine(int offset, char delimiter) {}

    /** A record that names some of the import's columns, when split on a separator. */
    private record Candidate(int offset, int recognised) {}

    /**
     * The header of a CSV text: the first record starting on one of its first {@value #HEADER_WITHIN_ROWS} lines that
     * names one of the import's columns (a sheet saved as CSV keeps its title lines, "DANH SÁCH ĐƠN THƯ,,,,"), else
     * the first record, so that its unknown column is named. Its separator: ';' (Excel's "CSV" where ',' is the
     * decimal mark, as in vi-VN) when the header split on ';' is found first, or on the same line names more of the
     * import's columns than split on ','; ',' otherwise. The header is read as a record, so a quoted name may hold
     * either character.
     *
     * @param head the text's start, {@link #head}
     */
    private static HeaderLine headerLine(String head) {
        Candidate comma = candidate(head, ',');
        Candidate semicolon = candidate(head, ';');
        if (semicolon != null
                && (comma == null
                        || semicolon.offset() < comma.offset()
                        || (semicolon.offset() == comma.offset() && semicolon.recognised() > comma.recognised()))) {
            return new HeaderLine(semicolon.offset(), ';');
        }
        return new HeaderLine(comma == null ? 0 : comma.offset(), ',');
    }

    private static Candidate candidate(String head, char delimiter) {
        LineCounter text = new LineCounter(new StringReader(head), 0);
        try (CSVParser parser = CSVParser.parse(text, csvFormat(delimiter))) {
            for (CSVRecord record : parser) {
                int offset = (int) record.getCharacterPosition();
                if (text.lineAt(offset) > HEADER_WITHIN_ROWS) {
                    return null;
                }
                int recognised = 0;
                for (String name : record) {
                    if (columnNamed(name) != null) {
                        recognised++;
                    }
                }
                if (recognised > 0) {
                    return new Candidate(offset, recognised);
                }
            }
            return null;
        } catch (IOException | UncheckedIOException notAHeaderThisWay) {
            return null; // a quote left open when split on this character
        }
    }

    private static Letters readXlsx(InputStream in, Locale locale, Limits limits) throws IOException {
        List<Line> lines = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        try (Workbook workbook = openWorkbook(in.readAllBytes(), limits.workbookBytes())) {
            List<Integer> letterSheets = new ArrayList<>();
            Map<Integer, Integer> headerRows = new HashMap<>();
            int firstVisible = -1;
            for (int s = 0; s < workbook.getNumberOfSheets(); s++) {
                // a hidden sheet (lists behind drop-downs, old months put away) is no part of what the officer sees
                boolean hidden = workbook.isSheetHidden(s) || workbook.isSheetVeryHidden(s);
                int headerRow = hidden ? -1 : headerRow(workbook.getSheetAt(s));
                if (!hidden && firstVisible < 0) {
                    firstVisible = s;
                }
                if (headerRow >= 0) {
                    letterSheets.add(s);
                    headerRows.put(s, headerRow);
                } else {
                    skipped.add(workbook.getSheetName(s));
                }
            }
            if (letterSheets.isEmpty() && firstVisible >= 0) {
                // no sheet of letters: the first visible one is read as if its first row were a header, so that the
                // officer learns which of its columns is unknown (a typo in the only sheet), or that it is empty
                letterSheets.add(firstVisible);
                headerRows.put(firstVisible, workbook.getSheetAt(firstVisible).getFirstRowNum());
                skipped.remove(workbook.getSheetName(firstVisible));
            }
            boolean several = letterSheets.size() > 1;
            for (int s : letterSheets) {
                Sheet sheet = workbook.getSheetAt(s);
                readSheet(
                        sheet,
                        headerRows.get(s),
                        several ? sheet.getSheetName() : null,
                        s + 1,
                        locale,
                        lines,
                        limits.rows());
            }
        }
        if (lines.isEmpty()) {
            throw new RuleViolationException("feedback.import.no-rows");
        }
        return new Letters(lines, List.copyOf(skipped));
    }

    /**
     * The index of a sheet's header: the first of its first {@value #HEADER_WITHIN_ROWS} rows that names at least
     * one of the import's columns; -1 when none does (a notes sheet, an empty one).
     */
    private static int headerRow(Sheet sheet) {
        for (int r = 0; r < HEADER_WITHIN_ROWS; r++) {
            Row row = sheet.getRow(r);
            if (row == null) {
                continue;
            }
            for (int c = 0; c < row.getLastCellNum(); c++) {
                if (columnNamed(cellText(row.getCell(c), null)) != null) {
                    return r;
                }
            }
        }
        return -1;
    }

    private static void readSheet(
            Sheet sheet,
            int headerIndex,
            String sheetName,
            int sheetNumber,
            Locale locale,
            List<Line> lines,
            int maxRows) {
        Row headerRow = sheet.getRow(headerIndex);
        if (headerRow == null) {
            return;
        }
        // by position: a header cell left empty is a column without a name, never a reason to shift the others
        List<String> names = new ArrayList<>();
        for (int c = 0; c < headerRow.getLastCellNum(); c++) {
            String name = blankToNull(cellText(headerRow.getCell(c), null));
            names.add(name);
        }
        Columns columns = headerOf(names, locale);
        List<String> header = columns.keys();
        // the rows above the header are its sheet's title, no letters; the rows keep the numbers the sheet shows
        for (int r = headerIndex + 1; r <= sheet.getLastRowNum(); r++) {
            Row row = sheet.getRow(r);
            if (row == null) {
                continue;
            }
            Map<String, String> cells = new HashMap<>();
            boolean empty = true;
            int stray = 0;
            for (int c = 0; c < Math.max(header.size(), row.getLastCellNum()); c++) {
                String column = c < header.size() ? header.get(c) : null;
                if (IGNORED.equals(column)) {
                    continue; // nor does its value make the row a letter: a list numbered ahead of its letters
                }
                String value = blankToNull(cellText(row.getCell(c), column));
                if (column != null) {
                    cells.put(column, value);
                } else if (value != null && stray == 0) {
                    stray = c + 1;
                }
                empty &= value == null;
            }
            if (!empty) {
                add(lines, new Line(r + 1, cells, stray, sheetName, sheetNumber, columns.header()), maxRows);
            }
        }
    }

    /**
     * Opens a workbook whose parts together hold at most {@code most} bytes unpacked. POI unpacks every part of a
     * workbook read from a stream into memory, then builds its sheets, shared strings and styles: their total is what
     * counts, measured on the packed file before POI unpacks any (as POI reads it, stopping at the limit).
     */
    private static Workbook openWorkbook(byte[] file, long most) throws IOException {
        long total = 0;
        byte[] buffer = new byte[8192];
        try (ZipArchiveInputStream parts =
                new ZipArchiveInputStream(new ByteArrayInputStream(file), StandardCharsets.UTF_8.name(), false, true)) {
            while (parts.getNextEntry() != null) {
                for (int n = parts.read(buffer); n >= 0; n = parts.read(buffer)) {
                    total += n;
                    if (total > most) {
                        throw new RuleViolationException("feedback.import.sheet-too-large");
                    }
                }
            }
        }
        OPCPackage workbook;
        try {
            workbook = PackageHelper.open(new ByteArrayInputStream(file));
        } catch (IOException | RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause.getMessage() != null && cause.getMessage().contains("MAX_ENTRY_SIZE")) {
                    throw new RuleViolationException("feedback.import.sheet-too-large");
                }
            }
            throw e;
        }
        try {
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

    /** The column a header cell names ("Contact Name", "Mã xã/phường"), or null. */
    private static Naming columnNamed(String name) {
        return name == null ? null : NAMES.get(normalised(name));
    }

    /** A header read: each position's column key (null for a cell left empty), and how it names them. */
    private record Columns(List<String> keys, Header header) {}

    private static Columns headerOf(List<String> names, Locale locale) {
        List<String> keys = new ArrayList<>();
        Map<String, String> written = new HashMap<>();
        Set<String> inEnglish = new HashSet<>();
        for (String name : names) {
            if (name == null || name.isBlank()) {
                keys.add(null); // a column without a name: its cells must stay empty
                continue;
            }
            Naming naming = columnNamed(name);
            if (naming == null && IGNORED_NAMES.contains(ignoredName(name))) {
                keys.add(IGNORED); // its cells are not read, and may be filled
                continue;
            }
            if (naming == null) {
                throw new RuleViolationException(
                        "feedback.import.unknown-column",
                        name,
                        COLUMNS.stream().map(c -> c.nameIn(locale)).collect(Collectors.joining(", ")));
            }
            String key = naming.column().key();
            int earlier = keys.indexOf(key);
            if (earlier >= 0) {
                // two columns of one name, in one language or both: which one's values to import would be a guess
                throw new RuleViolationException(
                        "feedback.import.duplicate-column", names.get(earlier), earlier + 1, keys.size() + 1);
            }
            keys.add(key);
            written.put(key, name.strip());
            if (naming.english()) {
                inEnglish.add(key);
            }
        }
        return new Columns(keys, new Header(Map.copyOf(written), Set.copyOf(inEnglish)));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
