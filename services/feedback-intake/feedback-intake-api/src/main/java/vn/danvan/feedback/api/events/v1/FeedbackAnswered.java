package vn.danvan.feedback.api.events.v1;

import java.time.Instant;
import vn.danvan.kit.contract.DomainEvent;
import vn.danvan.kit.contract.EventType;

/** The unit answered. No personal data. Generated from infra/codegen/feedback_events.py. */
@EventType(value = "vn.danvan.feedback.FeedbackAnswered", version = 1)
public record FeedbackAnswered(
        String feedbackId,
        FeedbackKind kind,
        Channel channel,
        String category,
        String unitCode,
        Instant occurredAt,
        Instant deadline,
        Boolean onTime,
        Integer workingDaysTaken)
        implements DomainEvent {

    @Override
    public String aggregateId() {
        return feedbackId;
    }
}
