package vn.danvan.feedback.consultation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Writes comments with group commit: a request queues its comment and, unless a write in flight already took it,
 * writes everything queued in one {@code insertMany}. While one write is in flight the next requests queue up
 * behind it, so under load each write carries many comments (one command, one round trip, one store operation)
 * and an idle service writes each comment at once, without waiting for company. Each comment is still its own
 * document with its own event in its outbox; a request returns only once its comment is stored.
 */
final class CommentWriter {

    /** Comments per write at most: a write's size stays far below the wire protocol's message limit. */
    static final int MAX_PER_WRITE = 500;

    private final MongoTemplate mongo;
    private final LinkedBlockingQueue<Queued> queue = new LinkedBlockingQueue<>();
    private final ReentrantLock writing = new ReentrantLock();

    CommentWriter(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    private static final class Queued {

        final ConsultationComment comment;
        volatile boolean done;
        volatile RuntimeException failure;

        Queued(ConsultationComment comment) {
            this.comment = comment;
        }
    }

    /** Stores the comment (with its event); throws what the store threw for the write that carried it. */
    ConsultationComment insert(ConsultationComment comment) {
        Queued mine = new Queued(comment);
        queue.add(mine);
        while (!mine.done) {
            writing.lock();
            try {
                if (!mine.done) {
                    writeQueued();
                }
            } finally {
                writing.unlock();
            }
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
        return comment;
    }

    /** Comments waiting for a write (for tests and diagnostics). */
    int queued() {
        return queue.size();
    }

    /** Under the lock: one write of what is queued (the caller's comment among them unless beyond the limit). */
    private void writeQueued() {
        List<Queued> batch = new ArrayList<>();
        queue.drainTo(batch, MAX_PER_WRITE);
        if (batch.isEmpty()) {
            return;
        }
        List<ConsultationComment> comments = new ArrayList<>(batch.size());
        batch.forEach(queued -> comments.add(queued.comment));
        RuntimeException failure = null;
        try {
            mongo.insert(comments, ConsultationComment.class);
        } catch (RuntimeException e) {
            // the whole write is reported failed: a comment the store took before the failure may be stored, as
            // with a single insert whose answer was lost (its event is published with it; the citizen may send again)
            failure = e;
        }
        for (Queued queued : batch) {
            queued.failure = failure;
            queued.done = true;
        }
    }
}
