package vn.danvan.feedback.api.events.v1;

import java.time.Instant;
import vn.danvan.kit.contract.DomainEvent;
import vn.danvan.kit.contract.EventType;

/** A citizen rated a mobilization model (for model-registry). No personal data. Generated from infra/codegen/feedback_events.py. */
@EventType(value = "vn.danvan.feedback.ModelAssessed", version = 1)
public record ModelAssessed(
        String feedbackId, String modelId, Integer rating, String communeCode, Channel channel, Instant occurredAt)
        implements DomainEvent {

    @Override
    public String aggregateId() {
        return feedbackId;
    }
}
