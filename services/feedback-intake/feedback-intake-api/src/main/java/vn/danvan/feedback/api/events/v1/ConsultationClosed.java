package vn.danvan.feedback.api.events.v1;

import java.time.Instant;
import vn.danvan.kit.contract.DomainEvent;
import vn.danvan.kit.contract.EventType;

/**
 * An officer closed a consultation; no comment is accepted afterwards. The totals count the comments stored when it
 * closed.
 *
 * @param consultationId the consultation's id, also the record key
 * @param closedAt when it closed
 * @param totalComments every comment received
 * @param agreeCount comments with stance {@link CommentStance#AGREE}
 * @param disagreeCount comments with stance {@link CommentStance#DISAGREE}
 * @param proposeChangeCount comments with stance {@link CommentStance#PROPOSE_CHANGE}
 */
@EventType(value = "vn.danvan.feedback.ConsultationClosed", version = 1)
public record ConsultationClosed(
        String consultationId,
        Instant closedAt,
        long totalComments,
        long agreeCount,
        long disagreeCount,
        long proposeChangeCount)
        implements DomainEvent {

    @Override
    public String aggregateId() {
        return consultationId;
    }
}
