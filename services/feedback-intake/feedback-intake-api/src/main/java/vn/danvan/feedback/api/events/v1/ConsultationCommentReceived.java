package vn.danvan.feedback.api.events.v1;

import java.time.Instant;
import vn.danvan.kit.contract.DomainEvent;
import vn.danvan.kit.contract.EventType;

/**
 * A citizen commented on one article of a consultation. Carries neither the text nor anything about the commenter
 * beyond the optional commune code: statistics count these.
 *
 * @param commentId the comment's id, also the record key (comments spread over every partition)
 * @param consultationId the consultation commented on
 * @param articleId the article commented on, as the consultation names it
 * @param stance agree, disagree or propose a change
 * @param communeCode the commune the commenter said they live in; null when not given
 * @param channel how the comment arrived
 * @param receivedAt when the service accepted it
 */
@EventType(value = "vn.danvan.feedback.ConsultationCommentReceived", version = 1)
public record ConsultationCommentReceived(
        String commentId,
        String consultationId,
        String articleId,
        CommentStance stance,
        String communeCode,
        Channel channel,
        Instant receivedAt)
        implements DomainEvent {

    @Override
    public String aggregateId() {
        return commentId;
    }
}
