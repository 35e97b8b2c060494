package vn.danvan.feedback.api.events.v1;

import java.time.Instant;
import vn.danvan.kit.contract.DomainEvent;
import vn.danvan.kit.contract.EventType;

/** A recorded decision extended the resolution deadline. No personal data. Generated from infra/codegen/feedback_events.py. */
@EventType(value = "vn.danvan.feedback.FeedbackDeadlineExtended", version = 1)
public record FeedbackDeadlineExtended(
        String feedbackId,
        FeedbackKind kind,
        Channel channel,
        String category,
        String unitCode,
        Instant occurredAt,
        Instant previousDeadline,
        Instant deadline,
        Integer extension)
        implements DomainEvent {

    @Override
    public String aggregateId() {
        return feedbackId;
    }
}
