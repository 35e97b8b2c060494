package vn.danvan.feedback.importing;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Service;
import vn.danvan.feedback.api.events.v1.Channel;
import vn.danvan.feedback.api.events.v1.FeedbackKind;
import vn.danvan.feedback.feedback.Contact;
import vn.danvan.feedback.feedback.FeedbackService;
import vn.danvan.feedback.feedback.Location;
import vn.danvan.feedback.feedback.SubmitFeedback;
import vn.danvan.feedback.identity.DenouncerIdentity;
import vn.danvan.kit.security.Officer;
import vn.danvan.kit.security.UnitScope;
import vn.danvan.kit.web.NotFoundException;
import vn.danvan.kit.web.RuleViolationException;

/**
 * Imports letters received on paper, row by row: a valid row becomes an item (channel IMPORT), an invalid row is
 * reported with its number and reason and the others go on. Small files are imported while the request waits; larger
 * ones run as a job whose progress can be read. Each row's idempotency key is the job and row number, so nothing is
 * imported twice.
 */
@Service
class ImportService implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ImportService.class);

    private final FeedbackService feedback;
    private final ImportJobRepository jobs;
    private final Validator validator;
    private final UnitScope scope;
    private final MessageSource messages;
    private final Clock clock;
    private final int inlineRows;
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();

    ImportService(
            FeedbackService feedback,
            ImportJobRepository jobs,
            Validator validator,
            UnitScope scope,
            MessageSource messages,
            Clock clock,
            @Value("${danvan.feedback.import.inline-rows:200}") int inlineRows) {
        this.feedback = feedback;
        this.jobs = jobs;
        this.validator = validator;
        this.scope = scope;
        this.messages = messages;
        this.clock = clock;
        this.inlineRows = inlineRows;
    }

    /** Reads the file and imports it: at once if small, else as a background job. Returns the job as it stands. */
    ImportJob start(Officer officer, String fileName, InputStream content) {
        List<LetterFile.Line> lines;
        try {
            lines = LetterFile.read(fileName, content);
        } catch (IOException | RuntimeException e) {
            if (e instanceof RuleViolationException rule) {
                throw rule;
            }
            throw new RuleViolationException("feedback.import.unreadable", fileName);
        }
        ImportJob job = jobs.save(ImportJob.start(
                UUID.randomUUID().toString(),
                fileName,
                officer.id(),
                officer.unitCode(),
                lines.size(),
                clock.instant()));
        Locale locale = LocaleContextHolder.getLocale();
        if (lines.size() <= inlineRows) {
            return run(job, officer, lines, locale);
        }
        background.submit(() -> run(job, officer, lines, locale));
        return job;
    }

    ImportJob find(String id, Officer officer) {
        ImportJob job = jobs.findById(id).orElseThrow(() -> new NotFoundException("import job " + id));
        scope.require(officer, job.getUnitCode());
        return job;
    }

    private ImportJob run(ImportJob job, Officer officer, List<LetterFile.Line> lines, Locale locale) {
        try {
            for (LetterFile.Line line : lines) {
                importRow(job, officer, line, locale);
                if (job.getProcessed() % 50 == 0) {
                    jobs.save(job);
                }
            }
            job.finish(clock.instant());
        } catch (RuntimeException e) {
            log.error("Import job {} stopped at row {} of {}", job.getId(), job.getProcessed(), job.getTotal(), e);
            job.fail(clock.instant());
        }
        return jobs.save(job);
    }

    private void importRow(ImportJob job, Officer officer, LetterFile.Line line, Locale locale) {
        Map<String, String> cell = line.cells();
        FeedbackKind kind;
        try {
            kind = FeedbackKind.valueOf(String.valueOf(cell.get("kind")).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            job.refused(new ImportJob.RowError(
                    line.number(), "kind", "giá trị cho phép / allowed: " + Arrays.toString(FeedbackKind.values())));
            return;
        }
        SubmitFeedback row = new SubmitFeedback(
                kind,
                Channel.IMPORT,
                cell.get("subject"),
                cell.get("content"),
                cell.get("category"),
                new Location(cell.get("communecode"), cell.get("address"), null, null),
                contactOf(cell),
                identityOf(cell),
                null,
                null,
                null,
                false,
                false);
        for (ConstraintViolation<SubmitFeedback> violation : validator.validate(row)) {
            job.refused(new ImportJob.RowError(
                    line.number(), violation.getPropertyPath().toString(), violation.getMessage()));
            return;
        }
        if (!scope.covers(officer, row.location().communeCode())) {
            job.refused(new ImportJob.RowError(
                    line.number(),
                    "communeCode",
                    "ngoài phạm vi đơn vị của cán bộ nhập / outside the importing officer's unit"));
            return;
        }
        try {
            FeedbackService.Receipt receipt =
                    feedback.receive(row, "import:" + job.getId() + ":" + line.number(), null);
            job.imported(receipt.item().getId());
        } catch (RuleViolationException rule) {
            String reason = messages.getMessage(rule.code(), rule.arguments(), rule.code(), locale);
            job.refused(new ImportJob.RowError(line.number(), null, reason));
        }
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
    public void destroy() {
        background.shutdown();
    }
}
