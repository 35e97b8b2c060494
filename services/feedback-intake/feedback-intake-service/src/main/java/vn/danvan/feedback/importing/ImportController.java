package vn.danvan.feedback.importing;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import vn.danvan.kit.security.CurrentOfficer;
import vn.danvan.kit.security.Officer;
import vn.danvan.kit.security.Role;
import vn.danvan.kit.web.ViolationTexts;

/**
 * Officers upload letters received on paper (CSV, comma- or semicolon-separated, or XLSX, one or more sheets of letters)
 * and follow the import; a template to fill is there to download.
 */
@RestController
@RequestMapping("/api/v1/feedback/imports")
class ImportController {

    private static final String XLSX_VALUE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final ImportService imports;
    private final LetterTemplate template;
    private final CurrentOfficer caller;

    ImportController(ImportService imports, LetterTemplate template, CurrentOfficer caller) {
        this.imports = imports;
        this.template = template;
        this.caller = caller;
    }

    record JobView(
            String id,
            String fileName,
            String status,
            int total,
            int processed,
            int imported,
            List<ImportJob.RowError> errors,
            List<String> feedbackIds,
            List<ImportJob.ImportedRow> letters,
            List<String> skippedSheets,
            Instant startedAt,
            Instant finishedAt) {

        static JobView of(ImportJob job) {
            return new JobView(
                    job.getId(),
                    job.getFileName(),
                    job.getStatus().name(),
                    job.getTotal(),
                    job.getProcessed(),
                    job.getImported(),
                    job.getErrors(),
                    job.getFeedbackIds(),
                    job.getLetters(),
                    job.getSkippedSheets(),
                    job.getStartedAt(),
                    job.getFinishedAt());
        }
    }

    /** The members of an import's report, for the API documentation of both the upload and the progress. */
    private static final String REPORT =
            """
            The report: `total`, `processed` and `imported` rows; `errors`, one per refused row (`row`, `field`: \
            its column as the file's header writes it, `reason` in the officer's language); `letters`, one per \
            imported letter (`row`, `feedbackId`, `trackingCode`). `row` is the number the spreadsheet or editor \
            shows (title rows and the header count); in `errors` and `letters`, `sheet` names the row's sheet when a \
            workbook has more than one sheet of letters (the numbers start again in each). \
            `skippedSheets`: the workbook's sheets that were not read: hidden sheets, and sheets with no header of \
            the import's columns in their first 10 rows (notes, instructions, empty sheets).""";

    /**
     * 201 with the finished report for a small file; 202 with the running job for a large one; 200 with the earlier
     * job when the same file was uploaded before for the unit (nothing imported again).
     */
    @Operation(
            summary = "Import letters received on paper from a CSV or XLSX file",
            description =
                    """
                    A header row names the file's columns, in English or in Vietnamese (case, diacritics, spaces \
                    and punctuation ignored: "Mã xã/phường", "MA XA PHUONG" and `ma_xa_phuong` are one name): \
                    `kind` ("Loại đơn", "Loại"), `subject` ("Tiêu đề", "Trích yếu"), `content` ("Nội dung"), \
                    `category` ("Lĩnh vực"), `communeCode` ("Mã xã/phường", "Mã xã"), `address` ("Địa điểm", \
                    "Địa chỉ nơi xảy ra"), `contactName` ("Họ tên người gửi", "Người gửi"), `contactPhone` \
                    ("Điện thoại người gửi", "Số điện thoại"), `contactEmail` ("Email người gửi", "Email"), \
                    `contactAddress` ("Địa chỉ người gửi"), `denouncerName` ("Họ tên người tố cáo"), \
                    `denouncerIdNumber` ("Số định danh người tố cáo", "CCCD người tố cáo"), `denouncerAddress` \
                    ("Địa chỉ người tố cáo"), `denouncerPhone` ("Điện thoại người tố cáo"), `receivedOn` ("Ngày \
                    nhận đơn", "Ngày nhận"; 2026-12-05 or 05/12/2026), `secondTime` ("Khiếu nại lần hai", "Lần \
                    hai"), `emergency` ("Khẩn cấp"; có/không, yes/no, 1/0, x), `decisionKnownOn` ("Ngày biết \
                    quyết định", "Ngày nhận quyết định"). The columns a list keeps for itself are allowed and \
                    ignored: its row numbers ("STT", "Số thứ tự", "TT", "No", "No.", "#") and notes ("Ghi chú", \
                    "Notes", "Note"); their values are imported nowhere, and a row with values in them only (a list \
                    numbered ahead of its letters) is no letter, as an empty row is not. Any other unknown column \
                    (the error lists the columns in the caller's language), or a column named twice in either \
                    language, refuses the whole file (422, nothing imported). `kind` is a code (`COMPLAINT`) or \
                    its name in Vietnamese or English ("khiếu nại", "tố cáo", "kiến nghị", "phản ánh", "ý kiến", "góp ý dự thảo"); `category` a code \
                    (`land`) or its name ("Đất đai", "Land"); both without regard to case or diacritics. A refused \
                    row's `field` is its column as the file's header writes it ("Mã xã"; `communeCode` for English \
                    names). `GET /api/v1/feedback/imports/template` gives a file to fill.

                    The header is the first of the first 10 rows (lines in a CSV file) that names at least one of \
                    the columns: the title block of an official list above it (the unit's name, "DANH SÁCH ĐƠN THƯ \
                    TIẾP NHẬN THÁNG 11/2026", blank rows) is not read as letters, and the rows keep the numbers the \
                    spreadsheet or editor shows.

                    CSV: UTF-8 (a byte order mark is allowed), fields separated by commas, or by semicolons as Excel \
                    saves "CSV" where the comma is the decimal mark (vi-VN): the separator is told from the header \
                    row. A text holding the separator is quoted.

                    XLSX: every visible sheet with such a header is read, in workbook order (a sheet per month, say); \
                    hidden sheets and sheets without one are skipped and listed in the report. The workbook's parts \
                    (sheets, shared strings, styles and any other) hold at most 16 MB together unpacked (some 15,000 \
                    letters of a few hundred characters each): a larger workbook is `feedback.import.sheet-too-large`.

                    A file of more letters than an import takes (`danvan.feedback.import.max-rows`, 20,000 by \
                    default) is refused whole (`feedback.import.too-many-rows`), read no further than the first \
                    letter too many: split it into several files.

                    """
                            + REPORT)
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ApiResponse(responseCode = "201", description = "A small file, imported: the report", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "202", description = "A large file: the running job", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "200", description = "The same file again: the earlier job", useReturnTypeSchema = true)
    @ApiResponse(
            responseCode = "422",
            description = "`rule-violation`, nothing imported; `code`: `feedback.import.unsupported-file`,"
                    + " `feedback.import.unreadable`, `feedback.import.not-utf8`, `feedback.import.no-rows`,"
                    + " `feedback.import.sheet-too-large`, `feedback.import.unknown-column`,"
                    + " `feedback.import.duplicate-column`, `feedback.import.too-many-rows`. A refused row is no"
                    + " 422: it is listed in the report's"
                    + " `errors`")
    ResponseEntity<JobView> upload(
            @RequestPart("file") MultipartFile file,
            @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String language)
            throws IOException {
        Officer officer = officer();
        ImportService.Started started;
        try (InputStream in = file.getInputStream()) {
            started = imports.start(officer, file.getOriginalFilename(), in, ViolationTexts.localeFor(language));
        }
        ImportJob job = started.job();
        HttpStatus status = started.again()
                ? HttpStatus.OK
                : job.getStatus() == ImportJob.Status.RUNNING ? HttpStatus.ACCEPTED : HttpStatus.CREATED;
        return ResponseEntity.status(status)
                .location(URI.create("/api/v1/feedback/imports/" + job.getId()))
                .body(JobView.of(job));
    }

    @Operation(
            summary = "A file to fill with letters for the import: XLSX or CSV",
            description =
                    """
                    The import's columns named in Vietnamese ("Loại đơn", "Mã xã/phường", ...), or by their English \
                    names (`kind`, `communeCode`, ...) when Accept-Language ranks English above Vietnamese.

                    XLSX: a sheet "Đơn thư" ("Letters") whose first row is the header (frozen), with text cells for \
                    commune codes, phone and ID numbers (their leading zeros stay), dd/MM/yyyy date cells, and \
                    drop-down lists for the kind (the names of the kinds an import takes), the category (the \
                    deployment's categories by name) and the yes/no columns; and a sheet "Hướng dẫn" \
                    ("Instructions") saying what each column holds, whether it is required and how to write it \
                    (and that a row number column, "STT", and a notes column, "Ghi chú", may stay: the import \
                    ignores them), which the import skips (it is listed in `skippedSheets`). CSV: UTF-8 with a \
                    byte order mark, the header row only.""")
    @GetMapping("/template")
    @ApiResponse(
            responseCode = "200",
            description = "The template as a file to save (Content-Disposition: attachment;"
                    + " `mau-nhap-don-thu.xlsx`, `letters-import-template.csv` in English)",
            content = {
                @Content(mediaType = XLSX_VALUE, schema = @Schema(type = "string", format = "binary")),
                @Content(mediaType = "text/csv", schema = @Schema(type = "string"))
            })
    @ApiResponse(
            responseCode = "400",
            description = "`invalid-value` (`field`: `format`, `allowed`): a format other than `xlsx` or `csv`")
    ResponseEntity<byte[]> template(
            @Parameter(description = "The file's format") @RequestParam(defaultValue = "xlsx")
                    LetterTemplate.Format format,
            @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String language) {
        officer();
        Locale locale = ViolationTexts.localeFor(language);
        return ResponseEntity.ok()
                .contentType(
                        format == LetterTemplate.Format.csv
                                ? new MediaType("text", "csv", StandardCharsets.UTF_8)
                                : MediaType.parseMediaType(XLSX_VALUE))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(template.fileName(format, locale))
                                .build()
                                .toString())
                .body(template.render(format, locale));
    }

    @Operation(summary = "The progress and report of an import", description = REPORT)
    @GetMapping("/{jobId}")
    JobView progress(@PathVariable String jobId) {
        return JobView.of(imports.find(jobId, officer()));
    }

    private Officer officer() {
        return caller.requireAny(Role.COMMUNE_OFFICER, Role.PROVINCE_OFFICER);
    }
}
