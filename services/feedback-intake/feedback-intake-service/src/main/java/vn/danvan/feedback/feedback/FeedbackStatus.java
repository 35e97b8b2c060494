package vn.danvan.feedback.feedback;

import java.util.EnumSet;
import java.util.Set;

/** Where an item stands. The citizen sees it on the tracking page. */
public enum FeedbackStatus {
    RECEIVED,
    /** thụ lý */
    ACCEPTED,
    REJECTED,
    /**
     * moved to another unit, whose clock starts; it accepts, rejects or transfers again. Also a reopened complaint or
     * denunciation sent to the superior of the unit that answered it, for the law's second round
     */
    TRANSFERRED,
    ASSIGNED,
    IN_PROGRESS,
    ANSWERED,
    CLOSED,
    /** the citizen reopened an unsatisfactory answer: back in the queue with its history */
    REOPENED,
    WITHDRAWN;

    /** Waiting for the responsible unit to accept or refuse it. */
    static final Set<FeedbackStatus> AWAITING_ACCEPTANCE = EnumSet.of(RECEIVED, TRANSFERRED);

    /** Accepted and not yet answered. */
    static final Set<FeedbackStatus> IN_RESOLUTION = EnumSet.of(ACCEPTED, ASSIGNED, IN_PROGRESS, REOPENED);

    /** Nothing more happens unless the citizen reopens an answered item. */
    public boolean isFinished() {
        return this == REJECTED || this == CLOSED || this == WITHDRAWN || this == ANSWERED;
    }
}
