package vn.danvan.feedback.consultation;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import vn.danvan.feedback.api.events.v1.Channel;
import vn.danvan.feedback.api.events.v1.CommentStance;
import vn.danvan.feedback.api.events.v1.ConsultationCommentReceived;
import vn.danvan.kit.outbox.OutboxAggregate;

/**
 * One citizen's comment on one article: its own document, written once with its event in the same insert, so the
 * hot path is a single write that never contends with other comments. Nothing names the commenter.
 */
@Document(ConsultationComment.COLLECTION)
class ConsultationComment extends OutboxAggregate {

    static final String COLLECTION = "consultation_comments";

    @Id
    private String id;

    private String consultationId;
    private String articleId;
    private CommentStance stance;
    private String text;
    private String communeCode;
    private Channel channel;
    private Instant receivedAt;

    /** With an Idempotency-Key only: what a retry with the same key must repeat (a hash of its fields). */
    private String requestFingerprint;

    static ConsultationComment receive(
            String id,
            String consultationId,
            String articleId,
            CommentStance stance,
            String text,
            String communeCode,
            Channel channel,
            Instant now) {
        ConsultationComment comment = new ConsultationComment();
        comment.id = id;
        comment.consultationId = consultationId;
        comment.articleId = articleId;
        comment.stance = stance;
        comment.text = text;
        comment.communeCode = communeCode;
        comment.channel = channel;
        comment.receivedAt = now;
        // the event leaves the text out: it may hold anything a citizen wrote about themselves
        comment.record(
                new ConsultationCommentReceived(id, consultationId, articleId, stance, communeCode, channel, now));
        return comment;
    }

    /** A comment sent with an Idempotency-Key: its id comes from the key, and a retry must repeat what it sent. */
    ConsultationComment keyed(String requestFingerprint) {
        this.requestFingerprint = requestFingerprint;
        return this;
    }

    String getId() {
        return id;
    }

    String getRequestFingerprint() {
        return requestFingerprint;
    }

    Instant getReceivedAt() {
        return receivedAt;
    }

    String getArticleId() {
        return articleId;
    }

    CommentStance getStance() {
        return stance;
    }

    String getText() {
        return text;
    }

    String getCommuneCode() {
        return communeCode;
    }

    Channel getChannel() {
        return channel;
    }
}
