package vn.danvan.feedback.api.events.v1;

import java.time.Instant;
import vn.danvan.kit.contract.DomainEvent;
import vn.danvan.kit.contract.EventType;

/** An item was received (any channel). No personal data. Generated from infra/codegen/feedback_events.py. */
@EventType(value = "vn.danvan.feedback.FeedbackReceived", version = 1)
public record FeedbackReceived(
        String feedbackId,
        FeedbackKind kind,
        Channel channel,
        String category,
        String unitCode,
        Instant occurredAt,
        String communeCode,
        Instant deadline,
        String duplicateOf,
        String dialogueRecommendationId,
        String consultationId,
        String modelId)
        implements DomainEvent {

    @Override
    public String aggregateId() {
        return feedbackId;
    }
}
