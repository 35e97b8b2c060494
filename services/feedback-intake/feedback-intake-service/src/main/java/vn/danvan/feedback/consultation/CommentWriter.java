package vn.danvan.feedback.consultation;

import org.springframework.data.mongodb.core.MongoTemplate;
import vn.danvan.feedback.store.GroupCommit;

/**
 * Writes comments with group commit ({@link GroupCommit}): under load each {@code insertMany} carries many comments
 * (one command, one round trip, one store operation), and an idle service writes each comment at once. Each comment is
 * still its own document with its own event in its outbox; a request returns only once its comment is stored.
 */
final class CommentWriter {

    /** Comments per write at most: a write's size stays far below the wire protocol's message limit. */
    static final int MAX_PER_WRITE = 500;

    private final GroupCommit<ConsultationComment> commits;

    CommentWriter(MongoTemplate mongo) {
        this.commits = new GroupCommit<>(MAX_PER_WRITE, comments -> mongo.insert(comments, ConsultationComment.class));
    }

    /** Stores the comment (with its event); throws what the store threw for the write that carried it. */
    ConsultationComment insert(ConsultationComment comment) {
        commits.write(comment);
        return comment;
    }

    /** Comments waiting for a write (for tests and diagnostics). */
    int queued() {
        return commits.queued();
    }
}
