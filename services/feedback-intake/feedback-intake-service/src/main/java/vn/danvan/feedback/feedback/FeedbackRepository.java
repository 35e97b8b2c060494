package vn.danvan.feedback.feedback;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Pageable;
import org.springframework.data.mongodb.repository.MongoRepository;

interface FeedbackRepository extends MongoRepository<Feedback, String> {

    Optional<Feedback> findByTrackingCode(String trackingCode);

    Optional<Feedback> findByIdempotencyKey(String idempotencyKey);

    Optional<Feedback> findByDialogueRecommendationId(String dialogueRecommendationId);

    /** The items whose next deadline alert is due, by id only (DeadlineWatch reads each one on its own). */
    List<Due> findByNextAlertAtLessThanEqual(Instant now, Pageable page);

    interface Due {
        String getId();
    }
}
