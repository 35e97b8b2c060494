package vn.danvan.feedback.feedback;

/**
 * A step that is the citizen's own (rate, reopen, withdraw), tried by someone signed in with a staff role: 403
 * {@code forbidden} with the code {@link #CODE}, written by {@link CitizensOwnStepProblem}.
 */
final class CitizensOwnStepException extends RuntimeException {

    static final String CODE = "feedback.citizen-action.staff-forbidden";

    /** @param action for the log only */
    CitizensOwnStepException(String action) {
        super("a caller with a staff role tried the citizen's " + action, null, false, false);
    }
}
