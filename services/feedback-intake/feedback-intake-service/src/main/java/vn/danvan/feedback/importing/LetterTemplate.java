package vn.danvan.feedback.importing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationConstraint;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Name;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * A blank file for an officer to fill with letters and upload to the import: the import's columns named in the
 * officer's language, and in a workbook the help a spreadsheet can give (text cells for codes, date cells, drop-down
 * lists, a sheet of instructions the import never takes for letters).
 */
@Component
class LetterTemplate {

    /** The formats of the template: lower case, as the query parameter takes them (and a 400 lists them). */
    enum Format {
        xlsx,
        csv
    }

    /** Columns of codes and numbers: text cells, so that a spreadsheet keeps their leading zeros. */
    private static final Set<String> TEXT_COLUMNS =
            Set.of("communeCode", "contactPhone", "denouncerIdNumber", "denouncerPhone");

    private static final Set<String> DATE_COLUMNS = Set.of("receivedOn", "decisionKnownOn");

    private static final Set<String> FLAG_COLUMNS = Set.of("secondTime", "emergency");

    /** Widths in characters, for a column's usual content; others get {@value #WIDTH}. */
    private static final Map<String, Integer> WIDTHS = Map.of(
            "subject", 32,
            "content", 60,
            "category", 24,
            "address", 30,
            "contactAddress", 30,
            "denouncerAddress", 30,
            "contactEmail", 26);

    private static final int WIDTH = 18;

    /** The instructions' rows of text above their table: fewer than the rows the import looks for a header in. */
    private static final int NOTES = 8;

    /** Where the instructions' table starts: below the rows the import looks for a header in. */
    private static final int TABLE_ROW = LetterFile.HEADER_WITHIN_ROWS;

    private static final String KINDS = "DanhSachLoaiDon";
    private static final String CATEGORIES = "DanhSachLinhVuc";

    private final LetterValues values;
    private final MessageSource messages;

    LetterTemplate(LetterValues values, MessageSource messages) {
        this.values = values;
        this.messages = messages;
    }

    /** The file's name: {@code mau-nhap-don-thu.xlsx}, {@code letters-import-template.csv}. */
    String fileName(Format format, Locale locale) {
        return text("import.template.file", locale) + "." + format.name();
    }

    byte[] render(Format format, Locale locale) {
        try {
            return format == Format.csv ? csv(locale) : xlsx(locale);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // written to memory
        }
    }

    /** UTF-8 with a byte order mark (spreadsheet programs read UTF-8 then), the header only. */
    private static byte[] csv(Locale locale) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        try (CSVPrinter printer =
                new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8), CSVFormat.RFC4180)) {
            printer.printRecord(headers(locale));
        }
        return out.toByteArray();
    }

    private static List<String> headers(Locale locale) {
        return LetterFile.COLUMNS.stream().map(c -> c.nameIn(locale)).toList();
    }

    private byte[] xlsx(Locale locale) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            Sheet letters = workbook.createSheet(text("import.template.sheet.letters", locale));
            Sheet instructions = workbook.createSheet(text("import.template.sheet.instructions", locale));
            instructions(workbook, instructions, locale);
            letters(workbook, letters, instructions, locale);
            workbook.setActiveSheet(0);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            return out.toByteArray();
        }
    }

    private void letters(XSSFWorkbook workbook, Sheet sheet, Sheet instructions, Locale locale) {
        CellStyle header = headerStyle(workbook);
        CellStyle text = workbook.createCellStyle();
        text.setDataFormat(workbook.createDataFormat().getFormat("@"));
        CellStyle date = workbook.createCellStyle();
        date.setDataFormat(workbook.createDataFormat().getFormat("dd/mm/yyyy"));
        DataValidationHelper validations = sheet.getDataValidationHelper();
        Row row = sheet.createRow(0);
        List<String> names = headers(locale);
        for (int c = 0; c < LetterFile.COLUMNS.size(); c++) {
            String column = LetterFile.COLUMNS.get(c).name();
            Cell cell = row.createCell(c);
            cell.setCellValue(names.get(c));
            cell.setCellStyle(header);
            sheet.setColumnWidth(
                    c, Math.max(WIDTHS.getOrDefault(column, WIDTH), names.get(c).length() + 2) * 256);
            if (TEXT_COLUMNS.contains(column)) {
                sheet.setDefaultColumnStyle(c, text);
            } else if (DATE_COLUMNS.contains(column)) {
                sheet.setDefaultColumnStyle(c, date);
            }
            DataValidationConstraint list =
                    switch (column) {
                        case "kind" -> validations.createFormulaListConstraint(KINDS);
                        case "category" -> validations.createFormulaListConstraint(CATEGORIES);
                        default ->
                            FLAG_COLUMNS.contains(column)
                                    ? validations.createExplicitListConstraint(
                                            values.yesNo(locale).toArray(String[]::new))
                                    : null;
                    };
            if (list != null) {
                // every row below the header; a warning, not a refusal: the import reads codes and names typed too
                DataValidation validation = validations.createValidation(
                        list, new CellRangeAddressList(1, SpreadsheetVersion.EXCEL2007.getLastRowIndex(), c, c));
                validation.setErrorStyle(DataValidation.ErrorStyle.WARNING);
                validation.setShowErrorBox(true);
                validation.createErrorBox(
                        text("import.template.pick.title", locale), text("import.template.pick.text", locale));
                sheet.addValidationData(validation);
            }
        }
        sheet.createFreezePane(0, 1);
    }

    /**
     * The instructions: a title and notes, then from row {@value #TABLE_ROW} + 1 a table of the columns and the lists
     * behind the drop-downs. No cell of the rows the import looks for a header in names a column, so the import skips
     * the sheet as it skips any notes sheet.
     */
    private void instructions(XSSFWorkbook workbook, Sheet sheet, Locale locale) {
        CellStyle title = workbook.createCellStyle();
        Font large = workbook.createFont();
        large.setBold(true);
        large.setFontHeightInPoints((short) 14);
        title.setFont(large);
        sheet.createRow(0).createCell(0).setCellValue(text("import.template.title", locale));
        sheet.getRow(0).getCell(0).setCellStyle(title);
        for (int n = 1; n <= NOTES; n++) {
            sheet.createRow(n).createCell(0).setCellValue(text("import.template.note." + n, locale));
        }

        CellStyle header = headerStyle(workbook);
        CellStyle wrapped = workbook.createCellStyle();
        wrapped.setWrapText(true);
        wrapped.setVerticalAlignment(VerticalAlignment.TOP);
        Row head = sheet.createRow(TABLE_ROW);
        List<String> heads = List.of(
                text("import.template.head.column", locale),
                text("import.template.head.other-names", locale),
                text("import.template.head.required", locale),
                text("import.template.head.holds", locale),
                text("import.template.head.values", locale));
        for (int c = 0; c < heads.size(); c++) {
            head.createCell(c).setCellValue(heads.get(c));
            head.getCell(c).setCellStyle(header);
        }
        int[] widths = {26, 30, 22, 50, 50};
        for (int c = 0; c < widths.length; c++) {
            sheet.setColumnWidth(c, widths[c] * 256);
        }
        List<String> kinds = values.kindNames(locale);
        List<String> categories = values.categoryNames(locale);
        for (int i = 0; i < LetterFile.COLUMNS.size(); i++) {
            LetterFile.Column column = LetterFile.COLUMNS.get(i);
            String key = "import.column." + column.name();
            String listed =
                    switch (column.name()) {
                        case "kind" -> String.join("; ", kinds);
                        case "category" -> String.join("; ", categories);
                        default -> String.join("; ", values.yesNo(locale));
                    };
            List<String> others = new ArrayList<>(column.vietnamese());
            others.add(column.name());
            others.remove(column.nameIn(locale));
            Row row = sheet.createRow(TABLE_ROW + 1 + i);
            List<String> cells = List.of(
                    column.nameIn(locale),
                    String.join("; ", others),
                    text(key + ".required", locale),
                    text(key + ".holds", locale),
                    text(key + ".values", locale, listed));
            for (int c = 0; c < cells.size(); c++) {
                row.createCell(c).setCellValue(cells.get(c));
                row.getCell(c).setCellStyle(wrapped);
            }
        }
        // the lists the drop-downs offer, beside the table (a range: a category's name may hold a comma, which an
        // explicit list would split)
        list(workbook, sheet, 6, KINDS, text("import.template.list.kinds", locale), kinds, header);
        list(workbook, sheet, 7, CATEGORIES, text("import.template.list.categories", locale), categories, header);
    }

    private static void list(
            XSSFWorkbook workbook,
            Sheet sheet,
            int column,
            String name,
            String heading,
            List<String> entries,
            CellStyle header) {
        sheet.getRow(TABLE_ROW).createCell(column).setCellValue(heading);
        sheet.getRow(TABLE_ROW).getCell(column).setCellStyle(header);
        sheet.setColumnWidth(column, 28 * 256);
        for (int i = 0; i < entries.size(); i++) {
            int r = TABLE_ROW + 1 + i;
            Row row = sheet.getRow(r) != null ? sheet.getRow(r) : sheet.createRow(r);
            row.createCell(column).setCellValue(entries.get(i));
        }
        Name range = workbook.createName();
        range.setNameName(name);
        String letter = CellReference.convertNumToColString(column);
        range.setRefersToFormula("'" + sheet.getSheetName().replace("'", "''") + "'!$" + letter + "$" + (TABLE_ROW + 2)
                + ":$" + letter + "$" + (TABLE_ROW + 1 + Math.max(1, entries.size())));
    }

    private static CellStyle headerStyle(XSSFWorkbook workbook) {
        CellStyle style = workbook.createCellStyle();
        Font bold = workbook.createFont();
        bold.setBold(true);
        style.setFont(bold);
        style.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
        style.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        style.setBorderBottom(BorderStyle.THIN);
        style.setWrapText(true);
        style.setVerticalAlignment(VerticalAlignment.CENTER);
        return style;
    }

    private String text(String key, Locale locale, Object... arguments) {
        return messages.getMessage(key, arguments, key, locale);
    }
}
