package vn.danvan.feedback.importing;

import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;
import vn.danvan.feedback.api.events.v1.Channel;
import vn.danvan.feedback.api.events.v1.FeedbackKind;
import vn.danvan.feedback.deadline.WorkingCalendar;
import vn.danvan.feedback.feedback.Contact;
import vn.danvan.feedback.feedback.FeedbackService;
import vn.danvan.feedback.feedback.Location;
import vn.danvan.feedback.feedback.SubmitFeedback;
import vn.danvan.feedback.identity.DenouncerIdentity;
import vn.danvan.kit.security.Officer;
import vn.danvan.kit.security.UnitScope;
import vn.danvan.kit.web.NotFoundException;
import vn.danvan.kit.web.RuleViolationException;
import vn.danvan.kit.web.ViolationTexts;

/**
 * Imports letters received on paper, row by row: a valid row becomes an item (channel IMPORT), an invalid row is
 * reported with its number and reason and the others go on. Small files are imported while the request waits; larger
 * ones run as a job whose progress can be read, and which another replica finishes if this one stops. A row's
 * idempotency key is its job and place (its row number, and its sheet in a workbook of several sheets of letters), so
 * no row is imported twice; the same file uploaded again by the same unit is answered with its first import.
 * Identical letters are still separate letters (a campaign of the same text): they are imported each, and duplicate
 * detection links them.
 */
@Service
class ImportService implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ImportService.class);

    private final FeedbackService feedback;
    private final ImportJobRepository jobs;
    private final ImportUploads uploads;
    private final Validator validator;
    private final UnitScope scope;
    private final ViolationTexts texts;
    private final LetterValues values;
    private final Clock clock;
    private final int inlineRows;
    private final int maxRows;
    private final LetterFile.Limits limits;
    private final MongoTemplate mongo;
    private final Duration lease;
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();

    /** Set when the service stops: running imports save their progress and leave the rest to another replica. */
    private volatile boolean stopping;

    ImportService(
            FeedbackService feedback,
            ImportJobRepository jobs,
            ImportUploads uploads,
            Validator validator,
            UnitScope scope,
            ViolationTexts texts,
            LetterValues values,
            Clock clock,
            MongoTemplate mongo,
            @Value("${danvan.feedback.import.inline-rows:200}") int inlineRows,
            // a job keeps its report (every row's result) in one document, which MongoDB caps at 16 MB: about
            // 60,000 rows; a larger file is refused, to be split
            @Value("${danvan.feedback.import.max-rows:" + LetterFile.MAX_ROWS + "}") int maxRows,
            // how long a replica that stopped holds its running imports before another takes them over
            @Value("${danvan.feedback.import.lease:60s}") Duration lease) {
        this.feedback = feedback;
        this.jobs = jobs;
        this.uploads = uploads;
        this.validator = validator;
        this.scope = scope;
        this.texts = texts;
        this.values = values;
        this.clock = clock;
        this.inlineRows = inlineRows;
        this.maxRows = maxRows;
        this.limits = new LetterFile.Limits(maxRows, LetterFile.MAX_WORKBOOK_BYTES);
        this.mongo = mongo;
        this.lease = lease;
        // one job per upload of a file at a time; sparse for jobs stored before the key existed
        mongo.getCollection("import_jobs")
                .createIndex(
                        Indexes.ascending("uploadKey"),
                        new IndexOptions().unique(true).sparse(true));
        // every replica looks for running jobs every 15 s, and every upload for the same file's earlier jobs
        mongo.getCollection("import_jobs").createIndex(Indexes.ascending("status"));
        mongo.getCollection("import_jobs").createIndex(Indexes.ascending("unitCode", "fileDigest"));
    }

    /** An import as started: a new job, or the earlier one of the same file. */
    record Started(ImportJob job, boolean again) {}

    /**
     * Reads the file and imports it: at once if small, else as a background job. Returns the job as it stands. The
     * same file (the same bytes) uploaded again for the same unit, say after a timeout, is answered with its earlier
     * job unless that one failed: its letters are not imported twice.
     */
    /** @param locale the importing officer's language: refused rows' reasons are written in it */
    Started start(Officer officer, String fileName, InputStream content, Locale locale) {
        byte[] bytes;
        LetterFile.Letters letters;
        try {
            bytes = content.readAllBytes();
            // a file of more letters than an import takes is refused as it is read, at the first letter too many
            letters = LetterFile.read(fileName, new ByteArrayInputStream(bytes), locale, limits);
        } catch (IOException | RuntimeException e) {
            if (e instanceof RuleViolationException rule) {
                throw rule;
            }
            throw new RuleViolationException("feedback.import.unreadable", fileName);
        }
        String digest = digest(bytes);
        List<ImportJob> earlier = jobs.findByUnitCodeAndFileDigest(officer.unitCode(), digest);
        Optional<ImportJob> live = earlier.stream()
                .filter(job -> job.getStatus() != ImportJob.Status.FAILED)
                .findFirst();
        if (live.isPresent()) {
            return new Started(live.get(), true);
        }
        int failedBefore = earlier.size();
        List<LetterFile.Line> lines = letters.lines();
        ImportJob accepted;
        try {
            accepted = accept(officer, fileName, bytes, lines.size(), letters.skippedSheets(), locale, failedBefore);
        } catch (DuplicateKeyException sameFileMeanwhile) {
            // the same file, uploaded again while this one was being read: the upload stored first answers both
            return new Started(
                    jobs.findByUploadKey(ImportJob.uploadKey(officer.unitCode(), digest, failedBefore))
                            .orElseThrow(() -> sameFileMeanwhile),
                    true);
        }
        if (lines.size() <= inlineRows) {
            return new Started(run(accepted, lines), false);
        }
        // the background's own copy: the one returned is read while the rows go on
        ImportJob running = jobs.findById(accepted.getId()).orElseThrow();
        background.submit(() -> run(running, lines));
        return new Started(accepted, false);
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Records an import as accepted, leased to this replica: for a job (more rows than are imported inline), its
     * file is kept, sealed, before the job exists, so that a job always has the rows it has still to import.
     */
    ImportJob accept(Officer officer, String fileName, byte[] content, int rows, Locale locale) {
        return accept(officer, fileName, content, rows, List.of(), locale, 0);
    }

    /**
     * @param failedBefore the imports of this file by this unit that failed: the job is the one attempt after them
     * @throws DuplicateKeyException when that attempt exists already (the same file, uploaded at the same time)
     */
    private ImportJob accept(
            Officer officer,
            String fileName,
            byte[] content,
            int rows,
            List<String> skippedSheets,
            Locale locale,
            int failedBefore) {
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        if (rows > inlineRows) {
            uploads.keep(id, content);
        }
        try {
            return jobs.save(ImportJob.start(
                    id,
                    fileName,
                    digest(content),
                    failedBefore,
                    officer,
                    locale.toLanguageTag(),
                    rows,
                    skippedSheets,
                    now,
                    now.plus(lease)));
        } catch (DuplicateKeyException sameFile) {
            // refused, so surely not stored: its file goes (after any other failure the job may be stored, its
            // answer lost, and it needs its file)
            if (rows > inlineRows) {
                uploads.delete(id);
            }
            throw sameFile;
        }
    }

    ImportJob find(String id, Officer officer) {
        ImportJob job = jobs.findById(id).orElseThrow(() -> new NotFoundException("import job " + id));
        scope.require(officer, job.getUnitCode());
        return job;
    }

    /**
     * Takes over the running imports whose lease has passed (their replica stopped) and goes on from the first row
     * they had not recorded; rows imported after that record are found by their idempotency keys, not imported twice.
     * Run by {@link ImportResumer} in every replica: a job is claimed by one (its version).
     *
     * @return the jobs taken over
     */
    int resumeAbandoned() {
        int resumed = 0;
        for (ImportJob job : jobs.findByStatus(ImportJob.Status.RUNNING)) {
            Instant now = clock.instant();
            if (stopping || (job.getLeaseUntil() != null && job.getLeaseUntil().isAfter(now))) {
                continue;
            }
            job.lease(now.plus(lease));
            ImportJob claimed;
            try {
                claimed = jobs.save(job);
            } catch (OptimisticLockingFailureException another) {
                continue; // another replica claimed it first
            }
            List<LetterFile.Line> lines;
            try {
                byte[] file = uploads.find(claimed.getId()).orElse(null);
                // accepted within the limit of its time, which a lower one since must not fail
                LetterFile.Limits accepted =
                        new LetterFile.Limits(Math.max(maxRows, claimed.getTotal()), LetterFile.MAX_WORKBOOK_BYTES);
                lines = file == null
                        ? null
                        : LetterFile.read(
                                        claimed.getFileName(),
                                        new ByteArrayInputStream(file),
                                        localeOf(claimed),
                                        accepted)
                                .lines();
            } catch (IOException | RuntimeException e) {
                log.error("Import job {}: its kept file cannot be read again", claimed.getId(), e);
                lines = null;
            }
            if (lines == null) {
                // an inline import whose request ended with its replica (the officer got no answer), or a job
                // accepted by a version that kept no file
                log.warn(
                        "Import job {} stopped at row {} of {} with its replica and has no kept file: failed",
                        claimed.getId(),
                        claimed.getProcessed(),
                        claimed.getTotal());
                claimed.fail(now);
                jobs.save(claimed);
                continue;
            }
            log.info(
                    "Import job {} taken over at row {} of {}: the replica running it stopped",
                    claimed.getId(),
                    claimed.getProcessed(),
                    claimed.getTotal());
            List<LetterFile.Line> rows = lines;
            background.submit(() -> run(claimed, rows));
            resumed++;
        }
        return resumed;
    }

    /**
     * Records the rows done since the last save: their results appended ({@code $push}), the counts and the lease
     * set, in one conditional update on the job's version, as a save would. A whole save every 50 rows rewrote the
     * job's growing report each time: O(n^2) bytes, megabytes per save near the end of a large file.
     *
     * @throws OptimisticLockingFailureException when another replica took the job over
     */
    private ImportJob saveProgress(ImportJob job) {
        if (!job.knowsStoredReport() || job.getVersion() == null) {
            return jobs.save(job).asStored();
        }
        Update update = new Update()
                .set("processed", job.getProcessed())
                .set("imported", job.getImported())
                .set("leaseUntil", job.getLeaseUntil())
                .inc("version", 1);
        List<ImportJob.RowError> errors = job.unstoredErrors();
        if (!errors.isEmpty()) {
            update.push("errors").each(errors.toArray());
        }
        List<ImportJob.ImportedRow> letters = job.unstoredLetters();
        if (!letters.isEmpty()) {
            update.push("letters").each(letters.toArray());
        }
        long version = job.getVersion();
        if (mongo.updateFirst(
                                Query.query(Criteria.where("_id")
                                        .is(job.getId())
                                        .and("version")
                                        .is(version)),
                                update,
                                ImportJob.class)
                        .getMatchedCount()
                == 0) {
            throw new OptimisticLockingFailureException("import job " + job.getId() + " was taken over");
        }
        job.stored(version + 1);
        return job;
    }

    /** The importing officer's language, Vietnamese for a job stored before it was kept. */
    private static Locale localeOf(ImportJob job) {
        return job.getLanguage() == null ? LetterValues.VIETNAMESE : Locale.forLanguageTag(job.getLanguage());
    }

    private ImportJob run(ImportJob job, List<LetterFile.Line> lines) {
        job.asStored(); // as read or saved by the caller
        Officer officer = job.officer();
        Locale locale = localeOf(job);
        try {
            for (LetterFile.Line line : lines.subList(Math.min(job.getProcessed(), lines.size()), lines.size())) {
                if (stopping) {
                    // left to another replica (or this one, restarted) at once
                    job.lease(clock.instant());
                    return jobs.save(job);
                }
                importRow(job, officer, line, locale);
                if (job.getProcessed() % 50 == 0) {
                    job.lease(clock.instant().plus(lease));
                    job = saveProgress(job);
                }
            }
            job.finish(clock.instant());
        } catch (OptimisticLockingFailureException taken) {
            log.warn("Import job {} was taken over by another replica at row {}", job.getId(), job.getProcessed());
            return jobs.findById(job.getId()).orElse(job);
        } catch (RuntimeException e) {
            if (stopping) {
                log.warn(
                        "Import job {} interrupted at row {} by the service stopping", job.getId(), job.getProcessed());
                return job;
            }
            log.error("Import job {} stopped at row {} of {}", job.getId(), job.getProcessed(), job.getTotal(), e);
            job.fail(clock.instant());
        }
        try {
            ImportJob ended = jobs.save(job);
            uploads.delete(job.getId());
            return ended;
        } catch (OptimisticLockingFailureException taken) {
            return jobs.findById(job.getId()).orElse(job);
        }
    }

    /** The columns beyond the submission's own: when the letter arrived, and the flags that change its limits. */
    private record Extras(Instant receivedOn, boolean secondTime, boolean emergency) {}

    /** A cell that does not read as its column's kind of value: the column as the file names it, and why. */
    private static final class BadCell extends Exception {
        final String column;
        final String reason;

        BadCell(String column, String reason) {
            super(column, null, false, false);
            this.column = column;
            this.reason = reason;
        }
    }

    private Extras extrasOf(Map<String, String> cell) throws BadCell {
        Instant receivedOn;
        try {
            receivedOn = receivedOn(cell.get("receivedon"));
        } catch (IllegalArgumentException e) {
            throw new BadCell("receivedOn", "feedback.import.received-on-invalid");
        }
        return new Extras(receivedOn, flagOf(cell, "secondtime", "secondTime"), flagOf(cell, "emergency", "emergency"));
    }

    /**
     * A complaint's day of receiving the decision or knowing of the act, as {@link #receivedOn} reads days; null when
     * empty. Whether it may be given, and not after the letter arrived, is the submission's rule.
     */
    private static LocalDate decisionKnownOf(Map<String, String> cell) throws BadCell {
        String text = cell.get("decisionknownon");
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return day(text.strip());
        } catch (IllegalArgumentException e) {
            throw new BadCell("decisionKnownOn", "feedback.import.decision-known-on-invalid");
        }
    }

    private static boolean flagOf(Map<String, String> cell, String column, String named) throws BadCell {
        try {
            return flag(cell.get(column));
        } catch (IllegalArgumentException e) {
            throw new BadCell(named, "feedback.import.flag-invalid");
        }
    }

    /** The first day a letter may have been received: before it, a date is a typo (2062 for 2026, 1026). */
    private static final LocalDate EARLIEST_RECEIPT = LocalDate.of(2015, 1, 1);

    /**
     * When the letter reached the unit, from {@code 2026-12-05} or {@code 05/12/2026}: midday of that day in Việt Nam
     * (the day is what the laws count), today's date meaning now; null when the column is empty.
     *
     * @throws IllegalArgumentException for another form, a date after today or before 2015
     */
    private Instant receivedOn(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.strip();
        LocalDate day = day(value);
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, WorkingCalendar.ZONE);
        if (day.isAfter(today) || day.isBefore(EARLIEST_RECEIPT)) {
            throw new IllegalArgumentException(value);
        }
        return day.equals(today)
                ? now
                : day.atTime(LocalTime.NOON).atZone(WorkingCalendar.ZONE).toInstant();
    }

    /** @throws IllegalArgumentException unless {@code 2026-12-05} or {@code 05/12/2026} */
    private static LocalDate day(String value) {
        try {
            return value.contains("/")
                    ? LocalDate.parse(
                            value, DateTimeFormatter.ofPattern("d/M/uuuu").withResolverStyle(ResolverStyle.STRICT))
                    : LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A yes/no column: empty is no; true/false, 1/0, x, có/không, yes/no in any case. */
    private static Boolean flag(String text) {
        if (text == null || text.isBlank()) {
            return false;
        }
        return switch (Normalizer.normalize(text.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT)) {
            case "true", "1", "x", "có", "co", "yes", "y" -> true;
            case "false", "0", "không", "khong", "no", "n" -> false;
            default -> throw new IllegalArgumentException(text);
        };
    }

    private void importRow(ImportJob job, Officer officer, LetterFile.Line line, Locale locale) {
        Map<String, String> cell = line.cells();
        if (line.strayColumn() > 0) {
            // a value under no named column: an unquoted comma in a text, or a cell past the header; cutting it off
            // would import a letter without part of what it says
            refuse(job, line, null, texts.text("feedback.import.stray-cell", locale, line.strayColumn()));
            return;
        }
        // by code or by name, in either language ("COMPLAINT", "khiếu nại", "Khieu nai")
        FeedbackKind kind = values.kind(cell.get("kind")).orElse(null);
        if (kind == null) {
            refuse(
                    job,
                    line,
                    "kind",
                    texts.text("feedback.import.kind-unknown", locale, String.join("; ", values.kindNames(locale))));
            return;
        }
        String category = cell.get("category");
        if (category != null) {
            category = values.category(category).orElse(null);
            if (category == null) {
                refuse(
                        job,
                        line,
                        "category",
                        texts.text(
                                "feedback.import.category-unknown",
                                locale,
                                String.join("; ", values.categoryNames(locale))));
                return;
            }
        }
        Extras extras;
        LocalDate decisionKnownOn;
        try {
            extras = extrasOf(cell);
            decisionKnownOn = decisionKnownOf(cell);
        } catch (BadCell bad) {
            refuse(job, line, bad.column, texts.text(bad.reason, locale));
            return;
        }
        SubmitFeedback row = new SubmitFeedback(
                kind,
                Channel.IMPORT,
                cell.get("subject"),
                cell.get("content"),
                category,
                new Location(cell.get("communecode"), cell.get("address"), null, null),
                contactOf(cell),
                identityOf(cell),
                null,
                null,
                null,
                extras.secondTime(),
                extras.emergency(),
                decisionKnownOn);
        Set<ConstraintViolation<SubmitFeedback>> violations = validator.validate(row);
        if (!violations.isEmpty()) {
            // the first, by the file's column name, in the officer's language
            ViolationTexts.Entry first = texts.describe(violations, locale).getFirst();
            refuse(job, line, first.field(), first.message());
            return;
        }
        if (!scope.covers(officer, row.location().communeCode())) {
            refuse(job, line, "communeCode", texts.text("feedback.import.outside-scope", locale));
            return;
        }
        try {
            FeedbackService.Receipt receipt = feedback.receive(
                    row, "import:" + job.getId() + ":" + line.place(), null, extras.receivedOn(), officer);
            job.imported(
                    line.sheet(),
                    line.number(),
                    receipt.item().getId(),
                    receipt.item().getTrackingCode());
        } catch (RuleViolationException rule) {
            String reason = texts.text(rule.code(), locale, rule.arguments());
            refuse(job, line, rule.field(), reason);
        }
    }

    /**
     * @param field the refused column by its English name ({@code communeCode}) or the submission's field
     *     ({@code location.communeCode}): reported as the file's header names it ("Mã xã")
     */
    private static void refuse(ImportJob job, LetterFile.Line line, String field, String reason) {
        job.refused(new ImportJob.RowError(line.sheet(), line.number(), line.columnOf(field), reason));
    }

    private static Contact contactOf(Map<String, String> cell) {
        if (cell.get("contactname") == null
                && cell.get("contactphone") == null
                && cell.get("contactemail") == null
                && cell.get("contactaddress") == null) {
            return null;
        }
        return new Contact(
                cell.get("contactname"),
                cell.get("contactphone"),
                cell.get("contactemail"),
                cell.get("contactaddress"));
    }

    private static DenouncerIdentity identityOf(Map<String, String> cell) {
        if (cell.get("denouncername") == null && cell.get("denounceridnumber") == null) {
            return null;
        }
        return new DenouncerIdentity(
                cell.get("denouncername"),
                cell.get("denounceridnumber"),
                cell.get("denounceraddress"),
                cell.get("denouncerphone"),
                List.of());
    }

    @Override
    public void destroy() throws InterruptedException {
        stopping = true;
        background.shutdown();
        // each running import saves its progress at its next row
        background.awaitTermination(10, TimeUnit.SECONDS);
    }
}
