package vn.danvan.feedback.api.events.v1;

import java.time.Instant;
import vn.danvan.kit.contract.DomainEvent;
import vn.danvan.kit.contract.EventType;

/** Refused, with a reason from the list. No personal data. Generated from infra/codegen/feedback_events.py. */
@EventType(value = "vn.danvan.feedback.FeedbackRejected", version = 1)
public record FeedbackRejected(
        String feedbackId,
        FeedbackKind kind,
        Channel channel,
        String category,
        String unitCode,
        Instant occurredAt,
        String reason,
        Boolean onTime)
        implements DomainEvent {

    @Override
    public String aggregateId() {
        return feedbackId;
    }
}
