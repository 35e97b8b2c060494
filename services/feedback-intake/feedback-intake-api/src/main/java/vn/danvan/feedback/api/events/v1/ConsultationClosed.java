package vn.danvan.feedback.api.events.v1;

import java.time.Instant;
import vn.danvan.kit.contract.DomainEvent;
import vn.danvan.kit.contract.EventType;

/**
 * A consultation closed: an officer closed it, or its closing time passed (then published within the closer's interval,
 * 30 s by default, with {@code closedAt} the closing time). No comment is accepted afterwards. The totals count the
 * comments stored when it closed.
 *
 * @param consultationId the consultation's id, also the record key
 * @param closedAt when it closed: the officer's action, or the consultation's closing time
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
