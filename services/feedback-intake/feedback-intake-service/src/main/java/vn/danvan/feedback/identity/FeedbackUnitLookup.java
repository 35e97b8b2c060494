package vn.danvan.feedback.identity;

import java.util.Optional;

/**
 * Which unit is responsible for a feedback item; the feedback feature provides it as a bean. An inspector may read
 * a denouncer's identity only for items whose responsible unit lies within their own unit.
 */
public interface FeedbackUnitLookup {

    /** The code of the unit responsible for the item, or empty if there is no such item. */
    Optional<String> responsibleUnit(String feedbackId);
}
