package vn.danvan.statistics.export;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.danvan.statistics.figures.FigureReader;
import vn.danvan.statistics.period.Period;
import vn.danvan.statistics.query.Params;
import vn.danvan.statistics.query.StatisticsQueries.Compare;
import vn.danvan.statistics.units.StatisticsUnits;

/** The report table as CSV (UTF-8 with BOM, for spreadsheet programs) or XLSX (Apache POI). */
@RestController
class ExportController {

    enum Format {
        CSV,
        XLSX
    }

    private static final String XLSX_VALUE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static final MediaType XLSX = MediaType.parseMediaType(XLSX_VALUE);

    private final StatisticsUnits units;
    private final FigureReader reader;
    private final MessageSource messages;

    ExportController(StatisticsUnits units, FigureReader reader, MessageSource messages) {
        this.units = units;
        this.reader = reader;
        this.messages = messages;
    }

    @Operation(summary = "The report table of a unit for a period (rows per child unit and a subtotal), CSV or XLSX")
    @GetMapping("/api/v1/statistics/export")
    @ApiResponse(
            responseCode = "200",
            description = "The table as a file to save (Content-Disposition: attachment): CSV in UTF-8 with a byte"
                    + " order mark, or an XLSX workbook, as `format` asks",
            content = {
                @Content(mediaType = "text/csv", schema = @Schema(type = "string")),
                @Content(mediaType = XLSX_VALUE, schema = @Schema(type = "string", format = "binary"))
            })
    @ApiResponse(responseCode = "404", description = "`not-found`: the statistics know no such unit")
    ResponseEntity<byte[]> export(
            @RequestParam String unit,
            @RequestParam String period,
            @Parameter(schema = @Schema(allowableValues = {"csv", "xlsx"})) @RequestParam(defaultValue = "csv")
                    String format,
            @Parameter(
                            description = "Language of the headers (Vietnamese by default)",
                            schema = @Schema(allowableValues = {"vi", "en"}))
                    @RequestParam(required = false)
                    String lang,
            @Parameter(schema = @Schema(allowableValues = {"previous", "year"}))
                    @RequestParam(defaultValue = "previous")
                    String compare)
            throws IOException {
        StatisticsUnits.UnitView view = Params.unit(units, unit);
        Period p = Params.period(period);
        Format f = Params.choose("format", format, Format.class);
        Compare c = Params.choose("compare", compare, Compare.class);
        Locale locale = Params.english(lang).orElse(false) ? Locale.ENGLISH : Locale.forLanguageTag("vi");
        ReportTable table = ReportTable.build(
                units, reader, messages, view, p, c == Compare.YEAR ? p.yearEarlier() : p.previous(), locale);
        // no ':' in a file name (Windows refuses it): a province's unattributed bucket, a term
        String name = "thong-ke-" + view.code().replace(':', '-') + "-"
                + p.key().replace(':', '-') + (f == Format.CSV ? ".csv" : ".xlsx");
        byte[] body = f == Format.CSV ? csv(table) : xlsx(table, locale);
        return ResponseEntity.ok()
                .contentType(f == Format.CSV ? new MediaType("text", "csv", StandardCharsets.UTF_8) : XLSX)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(name).build().toString())
                .body(body);
    }

    private static byte[] csv(ReportTable table) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}); // BOM: spreadsheet programs read UTF-8 then
        try (CSVPrinter printer =
                new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8), CSVFormat.RFC4180)) {
            printer.printRecord(table.headers());
            for (var row : table.rows()) {
                printer.printRecord(row.stream().map(v -> v == null ? "" : v).toList());
            }
        }
        return out.toByteArray();
    }

    private byte[] xlsx(ReportTable table, Locale locale) throws IOException {
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(100)) {
            SXSSFSheet sheet = workbook.createSheet(messages.getMessage("export.sheet", null, "Statistics", locale));
            CellStyle bold = workbook.createCellStyle();
            Font font = workbook.createFont();
            font.setBold(true);
            bold.setFont(font);
            Row header = sheet.createRow(0);
            for (int i = 0; i < table.headers().size(); i++) {
                Cell cell = header.createCell(i);
                cell.setCellValue(table.headers().get(i));
                cell.setCellStyle(bold);
            }
            int r = 1;
            for (var values : table.rows()) {
                Row row = sheet.createRow(r++);
                for (int i = 0; i < values.size(); i++) {
                    Object value = values.get(i);
                    if (value instanceof Number n) {
                        row.createCell(i).setCellValue(n.doubleValue());
                    } else if (value != null) {
                        row.createCell(i).setCellValue(value.toString());
                    }
                }
                if (r == table.rows().size() + 1) {
                    row.forEach(cell -> cell.setCellStyle(bold));
                }
            }
            sheet.createFreezePane(2, 1);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            return out.toByteArray();
        }
    }
}
