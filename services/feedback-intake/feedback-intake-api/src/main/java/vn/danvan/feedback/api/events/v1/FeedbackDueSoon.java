package vn.danvan.feedback.api.events.v1;

import java.time.Instant;
import vn.danvan.kit.contract.DomainEvent;
import vn.danvan.kit.contract.EventType;

/** A deadline is near (raised once per deadline). No personal data. Generated from infra/codegen/feedback_events.py. */
@EventType(value = "vn.danvan.feedback.FeedbackDueSoon", version = 1)
public record FeedbackDueSoon(
        String feedbackId,
        FeedbackKind kind,
        Channel channel,
        String category,
        String unitCode,
        Instant occurredAt,
        String stage,
        Instant deadline)
        implements DomainEvent {

    @Override
    public String aggregateId() {
        return feedbackId;
    }
}
