package vn.danvan.feedback.api.events.v1;

import java.util.List;
import vn.danvan.kit.contract.EventStream;

/** The events feedback-intake publishes, version 1 of its stream. */
public final class FeedbackEvents {

    /** Topic {@code danvan.feedback.v1}, source {@code /danvan/feedback-intake}. */
    public static final EventStream STREAM = new EventStream(
            "danvan.feedback.v1",
            "/danvan/feedback-intake",
            List.of(
                    FeedbackReceived.class,
                    FeedbackAccepted.class,
                    FeedbackRejected.class,
                    FeedbackTransferred.class,
                    FeedbackAssigned.class,
                    FeedbackAnswered.class,
                    FeedbackClosed.class,
                    FeedbackReopened.class,
                    FeedbackWithdrawn.class,
                    FeedbackDeadlineExtended.class,
                    FeedbackDueSoon.class,
                    FeedbackOverdue.class,
                    FeedbackRated.class,
                    ModelAssessed.class,
                    ConsultationOpened.class,
                    ConsultationClosed.class,
                    ConsultationCommentReceived.class));

    private FeedbackEvents() {}
}
