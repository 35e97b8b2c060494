package vn.danvan.feedback.api.events.v1;

import java.time.Instant;
import vn.danvan.kit.contract.DomainEvent;
import vn.danvan.kit.contract.EventType;

/** The citizen withdrew it before an answer (an accepted denunciation: when the resolver ends it on the denouncer's request, Luật Tố cáo 2018 Art. 33). No personal data. Generated from infra/codegen/feedback_events.py. */
@EventType(value = "vn.danvan.feedback.FeedbackWithdrawn", version = 1)
public record FeedbackWithdrawn(
        String feedbackId, FeedbackKind kind, Channel channel, String category, String unitCode, Instant occurredAt)
        implements DomainEvent {

    @Override
    public String aggregateId() {
        return feedbackId;
    }
}
