package vn.danvan.feedback.api.events.v1;

import java.time.Instant;
import vn.danvan.kit.contract.DomainEvent;
import vn.danvan.kit.contract.EventType;

/** Moved to another unit; that unit's clock starts. No personal data. Generated from infra/codegen/feedback_events.py. */
@EventType(value = "vn.danvan.feedback.FeedbackTransferred", version = 1)
public record FeedbackTransferred(
        String feedbackId,
        FeedbackKind kind,
        Channel channel,
        String category,
        String fromUnitCode,
        String toUnitCode,
        Instant occurredAt,
        String reason,
        Instant deadline)
        implements DomainEvent {

    @Override
    public String aggregateId() {
        return feedbackId;
    }
}
