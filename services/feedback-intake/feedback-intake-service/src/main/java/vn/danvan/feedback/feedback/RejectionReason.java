package vn.danvan.feedback.feedback;

import vn.danvan.feedback.api.events.v1.FeedbackKind;
import vn.danvan.feedback.text.Invisible;

/**
 * Why a unit refuses an item; a fixed list so reports can count them. Two name a rule of one law and apply only where
 * it does ({@link #appliesTo}): a refusal for a reason that does not fit the item would reach the citizen and the
 * figures as if it did.
 */
public enum RejectionReason {
    /** not something the platform's units handle */
    OUT_OF_SCOPE,
    /** a complaint must name its author (Luật Khiếu nại 2011) */
    ANONYMOUS_COMPLAINT,
    /** filed after the legal time limit (complaints: 90 days from the act) */
    TIME_LIMIT_PASSED,
    /** the same matter is already being handled */
    DUPLICATE,
    /** not enough information to act on, after a request to complete it */
    INSUFFICIENT_INFORMATION,
    /** already settled by a decision in force */
    ALREADY_RESOLVED;

    /**
     * Whether this reason can be given for the item. ANONYMOUS_COMPLAINT: a complaint without its complainant's name
     * and a way to reach them, a denunciation without its denouncer's identity (what intake requires of each; items
     * entered before it did may lack them). TIME_LIMIT_PASSED: a complaint, unless its filing limit is known and had
     * not passed when it arrived (the obstacles the law allows only extend the limit), or it was reopened here (a
     * second complaint sent within the reopening window). Every other reason: any item.
     */
    boolean appliesTo(Feedback item) {
        return switch (this) {
            case ANONYMOUS_COMPLAINT ->
                switch (item.getKind()) {
                    case COMPLAINT -> !named(item.getContact());
                    case DENUNCIATION -> !item.hasProtectedIdentity();
                    default -> false;
                };
            // a complaint reopened on the platform came within the reopening window, the second complaint's own
            // limit: the first filing's limit (which the first resolver already judged) says nothing of it
            case TIME_LIMIT_PASSED ->
                item.getKind() == FeedbackKind.COMPLAINT
                        && item.getReopenCount() == 0
                        && (item.filingLimit() == null || item.filingLimit().passedOnArrival());
            default -> true;
        };
    }

    private static boolean named(Contact contact) {
        return contact != null && contact.canBeReached() && !Invisible.only(contact.name());
    }
}
