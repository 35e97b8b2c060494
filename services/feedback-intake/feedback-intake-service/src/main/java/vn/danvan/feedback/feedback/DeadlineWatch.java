package vn.danvan.feedback.feedback;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.PageRequest;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Raises {@code FeedbackDueSoon} and {@code FeedbackOverdue} exactly once per deadline. Every replica may run it:
 * each alert is saved with the item's optimistic lock, so only one replica's save (and event) wins.
 */
@Component
class DeadlineWatch {

    private static final Logger log = LoggerFactory.getLogger(DeadlineWatch.class);
    private static final int BATCH = 500;

    private final FeedbackRepository repository;
    private final FeedbackService feedback;
    private final Clock clock;

    DeadlineWatch(FeedbackRepository repository, FeedbackService feedback, Clock clock) {
        this.repository = repository;
        this.feedback = feedback;
        this.clock = clock;
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

    /** One round; returns how many alerts were raised. */
    int check() {
        int raised = 0;
        for (Feedback due : repository.findByNextAlertAtLessThanEqual(clock.instant(), PageRequest.of(0, BATCH))) {
            if (feedback.raiseDeadlineAlert(due.getId())) {
                raised++;
            }
        }
        return raised;
    }
}
