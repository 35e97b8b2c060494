package vn.danvan.feedback.importing;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import vn.danvan.kit.security.CurrentOfficer;
import vn.danvan.kit.security.Officer;
import vn.danvan.kit.security.Role;
import vn.danvan.kit.web.ViolationTexts;

/** Officers upload letters received on paper (CSV or XLSX) and follow the import. */
@RestController
@RequestMapping("/api/v1/feedback/imports")
class ImportController {

    private final ImportService imports;
    private final CurrentOfficer caller;

    ImportController(ImportService imports, CurrentOfficer caller) {
        this.imports = imports;
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
                    job.getStartedAt(),
                    job.getFinishedAt());
        }
    }

    /**
     * 201 with the finished report for a small file; 202 with the running job for a large one; 200 with the earlier
     * job when the same file was uploaded before for the unit (nothing imported again).
     */
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ApiResponse(responseCode = "201", description = "A small file, imported: the report", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "202", description = "A large file: the running job", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "200", description = "The same file again: the earlier job", useReturnTypeSchema = true)
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

    @GetMapping("/{jobId}")
    JobView progress(@PathVariable String jobId) {
        return JobView.of(imports.find(jobId, officer()));
    }

    private Officer officer() {
        return caller.requireAny(Role.COMMUNE_OFFICER, Role.PROVINCE_OFFICER);
    }
}
