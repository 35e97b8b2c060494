package vn.danvan.feedback.feedback;

/** Why a unit refuses an item; a fixed list so reports can count them. */
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
    ALREADY_RESOLVED
}
