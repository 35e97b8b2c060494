package vn.danvan.feedback.importing;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Transient;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;
import vn.danvan.kit.security.Officer;

/** A bulk import of paper letters: progress, and every refused row with its number and reason. */
@Document("import_jobs")
class ImportJob {

    enum Status {
        RUNNING,
        DONE,
        FAILED
    }

    /**
     * A row that was not imported: its sheet (only when a workbook has several sheets of letters), its number in the
     * file or sheet (header = row 1), the field and why.
     */
    record RowError(@JsonInclude(JsonInclude.Include.NON_NULL) String sheet, int row, String field, String reason) {}

    /**
     * A letter imported: its sheet (as for a refused row), its row, its item, and the tracking code the office sends
     * back to its writer (who has no other way to learn it: the letter came on paper).
     */
    record ImportedRow(
            @JsonInclude(JsonInclude.Include.NON_NULL) String sheet, int row, String feedbackId, String trackingCode) {}

    @Id
    private String id;

    @Version
    private Long version;

    private String fileName;

    /** SHA-256 of the uploaded bytes: the same file uploaded again for the unit finds this job. */
    private String fileDigest;

    /**
     * The unit, the file's digest and how many imports of it had failed before: unique (an index), so that the same
     * file uploaded twice at once (a double click, a retry while the first is still read) makes one job.
     */
    private String uploadKey;

    private String officerId;
    private String unitCode;
    private Status status;
    private int total;
    private int processed;
    private int imported;
    private List<RowError> errors = new ArrayList<>();
    private List<ImportedRow> letters = new ArrayList<>();

    /**
     * How many of {@link #errors} and {@link #letters} the store holds: a progress save appends the rest instead of
     * rewriting the whole report (a 20,000-row import rewrote megabytes every 50 rows).
     */
    @Transient
    private int storedErrors = -1;

    @Transient
    private int storedLetters = -1;

    /** The sheets of a workbook that were not read: their first row is not a header of the import's columns. */
    private List<String> skippedSheets = new ArrayList<>();

    private Instant startedAt;
    private Instant finishedAt;

    /** The language of the importing officer's request: refused rows' reasons are written in it. */
    private String language;

    /**
     * Until when the replica running the import holds it; renewed with each progress save. A running job whose lease
     * has passed was left by a replica that stopped, and another takes it over ({@code ImportResumer}).
     */
    private Instant leaseUntil;

    static ImportJob start(
            String id,
            String fileName,
            String fileDigest,
            int failedBefore,
            Officer officer,
            String language,
            int total,
            List<String> skippedSheets,
            Instant now,
            Instant leaseUntil) {
        ImportJob job = new ImportJob();
        job.id = id;
        job.fileName = fileName;
        job.fileDigest = fileDigest;
        job.uploadKey = uploadKey(officer.unitCode(), fileDigest, failedBefore);
        job.officerId = officer.id();
        job.unitCode = officer.unitCode();
        job.language = language;
        job.total = total;
        job.skippedSheets = new ArrayList<>(skippedSheets);
        job.status = Status.RUNNING;
        job.startedAt = now;
        job.leaseUntil = leaseUntil;
        return job;
    }

    static String uploadKey(String unitCode, String fileDigest, int failedBefore) {
        return unitCode + ":" + fileDigest + ":" + failedBefore;
    }

    /** The importing officer as far as rows are concerned: their unit scope. */
    Officer officer() {
        return new Officer(officerId, unitCode, Set.of());
    }

    String getLanguage() {
        return language;
    }

    Instant getLeaseUntil() {
        return leaseUntil;
    }

    void lease(Instant until) {
        leaseUntil = until;
    }

    void imported(String sheet, int row, String feedbackId, String trackingCode) {
        processed++;
        imported++;
        letters.add(new ImportedRow(sheet, row, feedbackId, trackingCode));
    }

    List<ImportedRow> getLetters() {
        return letters == null ? List.of() : List.copyOf(letters);
    }

    void refused(RowError error) {
        processed++;
        errors.add(error);
    }

    void finish(Instant now) {
        status = Status.DONE;
        finishedAt = now;
    }

    void fail(Instant now) {
        status = Status.FAILED;
        finishedAt = now;
    }

    String getId() {
        return id;
    }

    String getUnitCode() {
        return unitCode;
    }

    Status getStatus() {
        return status;
    }

    int getTotal() {
        return total;
    }

    int getProcessed() {
        return processed;
    }

    int getImported() {
        return imported;
    }

    List<RowError> getErrors() {
        return List.copyOf(errors);
    }

    /** Empty for a job stored before sheets were reported. */
    List<String> getSkippedSheets() {
        return skippedSheets == null ? List.of() : List.copyOf(skippedSheets);
    }

    /** The imported items' ids, in row order (a job stored before the letters were listed has none). */
    List<String> getFeedbackIds() {
        return getLetters().stream().map(ImportedRow::feedbackId).toList();
    }

    Long getVersion() {
        return version;
    }

    /** After an incremental save ({@code ImportService}): the store's version and report are this job's. */
    void stored(long newVersion) {
        version = newVersion;
        storedErrors = errors.size();
        storedLetters = letters.size();
    }

    /** Whether this job knows how much of its report the store holds (set by {@link #asStored}). */
    boolean knowsStoredReport() {
        return storedErrors >= 0 && storedLetters >= 0;
    }

    /** The refused rows the store does not hold yet (see {@link #knowsStoredReport}). */
    List<RowError> unstoredErrors() {
        return List.copyOf(errors.subList(storedErrors, errors.size()));
    }

    /** The imported letters the store does not hold yet (see {@link #knowsStoredReport}). */
    List<ImportedRow> unstoredLetters() {
        return List.copyOf(letters.subList(storedLetters, letters.size()));
    }

    /** Marks the report as the store holds it: call on a job just read or saved whole. */
    ImportJob asStored() {
        storedErrors = errors.size();
        storedLetters = letters.size();
        return this;
    }

    String getFileName() {
        return fileName;
    }

    Instant getStartedAt() {
        return startedAt;
    }

    Instant getFinishedAt() {
        return finishedAt;
    }
}
