package vn.danvan.feedback.feedback;

import java.time.Instant;

/**
 * One change in an item's life: who (an officer id, {@code citizen} or {@code system}), when, what, why.
 *
 * @param publicNote what the citizen may read on the tracking page (never the actor)
 * @param note what an officer wrote for colleagues (a transfer's explanation): shown to officers only, never in an
 *     event
 */
public record TimelineEntry(
        Instant at,
        String actor,
        String action,
        FeedbackStatus fromStatus,
        FeedbackStatus toStatus,
        String reason,
        String publicNote,
        String note) {}
