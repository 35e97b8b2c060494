package vn.danvan.feedback.feedback;

/** A suspected duplicate: flagged on intake, confirmed or dismissed by an officer. Never dropped silently. */
public record DuplicateLink(String feedbackId, double similarity, State state) {

    public enum State {
        FLAGGED,
        CONFIRMED,
        DISMISSED
    }

    DuplicateLink decide(boolean confirmed) {
        return new DuplicateLink(feedbackId, similarity, confirmed ? State.CONFIRMED : State.DISMISSED);
    }
}
