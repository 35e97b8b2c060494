package vn.danvan.feedback.feedback;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Raises {@code FeedbackDueSoon} and {@code FeedbackOverdue} exactly once per deadline. Every replica may run it:
 * each alert is saved with the item's optimistic lock, so only one replica's save (and event) wins.
 *
 * <p>A round raises every alert that is due, oldest first, a batch at a time: many deadlines fall on the same
 * instant (16:59:59 of a working day), and one batch a minute would raise them late. An item that fails is logged by
 * its id, counted, and left for the next round; it stops neither the round nor the others.
 */
@Component
class DeadlineWatch {

    private static final Logger log = LoggerFactory.getLogger(DeadlineWatch.class);

    private final FeedbackRepository repository;
    private final FeedbackService feedback;
    private final Clock clock;
    private final int batch;
    private final Counter raised;
    private final Counter failed;

    @Autowired
    DeadlineWatch(
            FeedbackRepository repository,
            FeedbackService feedback,
            Clock clock,
            MeterRegistry meters,
            @Value("${danvan.feedback.watch-batch:500}") int batch) {
        this.repository = repository;
        this.feedback = feedback;
        this.clock = clock;
        this.batch = batch;
        this.raised = Counter.builder("danvan.feedback.deadline.alerts")
                .description("Due-soon and overdue alerts raised by this replica's deadline watch")
                .tag("outcome", "raised")
                .register(meters);
        this.failed = Counter.builder("danvan.feedback.deadline.alerts")
                .description("Due-soon and overdue alerts raised by this replica's deadline watch")
                .tag("outcome", "failed")
                .register(meters);
    }

    @Scheduled(
            fixedDelayString = "${danvan.feedback.watch-interval:PT1M}",
            initialDelayString = "${danvan.feedback.watch-interval:PT1M}")
    void scheduled() {
        try {
            check();
        } catch (RuntimeException e) {
            log.warn("Deadline watch round failed, next round retries: {}", e.toString());
        }
    }

    /** One round; returns how many alerts this replica raised. */
    int check() {
        Instant now = clock.instant();
        // every item this round tried: one whose alert failed, or whose next alert is somehow still due, is tried once
        Set<String> tried = new HashSet<>();
        int count = 0;
        while (true) {
            int wanted = batch + tried.size();
            // ids only: a document that no longer maps to an item fails alone, in raiseDeadlineAlert, not the query
            List<FeedbackRepository.Due> due = repository.findByNextAlertAtLessThanEqual(
                    now, PageRequest.of(0, wanted, Sort.by("nextAlertAt", "id")));
            boolean anyNew = false;
            for (FeedbackRepository.Due item : due) {
                if (!tried.add(item.getId())) {
                    continue;
                }
                anyNew = true;
                try {
                    if (feedback.raiseDeadlineAlert(item.getId())) {
                        count++;
                        raised.increment();
                    }
                } catch (RuntimeException e) {
                    failed.increment();
                    log.warn(
                            "Deadline alert of feedback {} failed, next round retries: {}", item.getId(), e.toString());
                }
            }
            if (!anyNew || due.size() < wanted) {
                return count;
            }
        }
    }
}
