package vn.danvan.feedback.dialogue;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.danvan.dialogues.api.events.v1.RecommendationRaised;
import vn.danvan.feedback.api.events.v1.Channel;
import vn.danvan.feedback.api.events.v1.FeedbackKind;
import vn.danvan.feedback.feedback.FeedbackService;
import vn.danvan.feedback.feedback.Location;
import vn.danvan.feedback.feedback.SubmitFeedback;
import vn.danvan.kit.consumer.EventReader;
import vn.danvan.kit.consumer.PoisonEventException;
import vn.danvan.kit.consumer.ReceivedEvent;
import vn.danvan.kit.web.ConflictException;
import vn.danvan.kit.web.RuleViolationException;

/**
 * Turns each recommendation raised at a dialogue into a feedback item (kind {@code RECOMMENDATION}, channel
 * {@code DIALOGUE}) linked to it, routed and given its deadline like any other item.
 *
 * <p>Exactly once: the item's idempotency key is the recommendation's id, unique in the store, so a redelivered
 * event, the same recommendation published twice, or two replicas racing on it all end with one item. An event that
 * can never become an item (a field out of its limits, an unknown or pre-2025 commune code) is refused whole and goes
 * to the dead-letter topic after the binding's attempts: nothing of it is stored, and nothing is lost.
 */
class RecommendationIntake {

    private static final Logger log = LoggerFactory.getLogger(RecommendationIntake.class);

    /** The idempotency keys of dialogue items: never sent by a citizen's client, which cannot submit this channel. */
    static final String KEY_PREFIX = "dialogue-recommendation:";

    /** The contract's limit on ids (RecommendationRaised.schema.json). */
    static final int MAX_ID_LENGTH = 64;

    private final FeedbackService feedback;
    private final EventReader reader;
    private final Validator validator;
    private final List<String> categories;
    private final String defaultCategory;

    RecommendationIntake(
            FeedbackService feedback,
            EventReader reader,
            Validator validator,
            List<String> categories,
            String defaultCategory) {
        if (!categories.contains(defaultCategory)) {
            throw new IllegalStateException("danvan.feedback.dialogue-category: " + defaultCategory
                    + " is not one of danvan.feedback.categories / không thuộc danh mục lĩnh vực");
        }
        this.feedback = feedback;
        this.reader = reader;
        this.validator = validator;
        this.categories = List.copyOf(categories);
        this.defaultCategory = defaultCategory;
    }

    /** Applies one event of the dialogue stream; the types other than {@link RecommendationRaised} pass. */
    void apply(ReceivedEvent event) {
        Optional<RecommendationRaised> read = reader.read(event)
                .filter(RecommendationRaised.class::isInstance)
                .map(RecommendationRaised.class::cast);
        if (read.isEmpty()) {
            return;
        }
        RecommendationRaised raised = read.get();
        if (raised.recommendationId() == null
                || raised.recommendationId().isBlank()
                || raised.recommendationId().length() > MAX_ID_LENGTH) {
            throw new PoisonEventException(
                    "event " + event.id() + ": recommendationId is missing or longer than " + MAX_ID_LENGTH);
        }
        SubmitFeedback submission = submissionOf(raised);
        List<ConstraintViolation<SubmitFeedback>> violations = validator.validate(submission).stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .toList();
        if (!violations.isEmpty()) {
            // the field and the rule only: the values may be long free text
            ConstraintViolation<SubmitFeedback> first = violations.getFirst();
            throw new PoisonEventException("recommendation " + raised.recommendationId() + " (event " + event.id()
                    + "): " + first.getPropertyPath() + " " + first.getMessage());
        }
        try {
            FeedbackService.Receipt receipt =
                    feedback.receive(submission, KEY_PREFIX + raised.recommendationId(), raised.recommendationId());
            if (receipt.created()) {
                log.info(
                        "Recommendation {} of dialogue {} received as feedback {}",
                        raised.recommendationId(),
                        raised.dialogueId(),
                        receipt.item().getId());
            } else {
                log.info(
                        "Recommendation {} was received already as feedback {}",
                        raised.recommendationId(),
                        receipt.item().getId());
            }
        } catch (ConflictException changed) {
            // the same recommendation published again with other text or place: the item of the first stays, and
            // an officer edits it if needed; a retry could never succeed
            log.warn(
                    "Recommendation {} (event {}) was received before with other content; the first item stays",
                    raised.recommendationId(),
                    event.id());
        } catch (RuleViolationException rule) {
            throw new PoisonEventException(
                    "recommendation " + raised.recommendationId() + " (event " + event.id() + "): " + rule.code(),
                    rule);
        }
    }

    private SubmitFeedback submissionOf(RecommendationRaised raised) {
        String category = raised.category() != null && categories.contains(raised.category())
                ? raised.category()
                : defaultCategory;
        return new SubmitFeedback(
                FeedbackKind.RECOMMENDATION,
                Channel.DIALOGUE,
                raised.subject(),
                raised.content(),
                category,
                new Location(raised.communeCode(), null, null, null),
                null,
                null,
                null,
                null,
                null,
                false,
                false,
                null);
    }
}
