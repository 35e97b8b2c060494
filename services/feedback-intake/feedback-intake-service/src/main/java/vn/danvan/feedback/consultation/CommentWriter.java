package vn.danvan.feedback.consultation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.dao.DuplicateKeyException;
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
        /** The comment as stored: this one, or the one stored earlier under its id (a retry with its key). */
        volatile ConsultationComment stored;

        Queued(ConsultationComment comment) {
            this.comment = comment;
        }
    }

    /**
     * Stores the comment (with its event); throws what the store threw for the write that carried it.
     *
     * @return the comment as stored: this one, or the one stored earlier with the same id (its Idempotency-Key's)
     */
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
        return mine.stored;
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
        try {
            mongo.insert(comments, ConsultationComment.class);
            batch.forEach(queued -> queued.stored = queued.comment);
        } catch (DuplicateKeyException e) {
            // the write stopped at a comment sent again with its Idempotency-Key (its id is taken): each is written
            // again on its own, so that one retry fails no other comment, and those the write had stored are found
            batch.forEach(this::writeAlone);
        } catch (RuntimeException e) {
            // the whole write is reported failed: a comment the store took before the failure may be stored, as
            // with a single insert whose answer was lost (its event is published with it; the citizen may send again)
            batch.forEach(queued -> queued.failure = e);
        }
        for (Queued queued : batch) {
            queued.done = true;
        }
    }

    private void writeAlone(Queued queued) {
        try {
            mongo.insert(queued.comment);
            queued.stored = queued.comment;
        } catch (DuplicateKeyException taken) {
            ConsultationComment earlier = mongo.findById(queued.comment.getId(), ConsultationComment.class);
            if (earlier != null) {
                queued.stored = earlier;
            } else {
                queued.failure = taken;
            }
        } catch (RuntimeException e) {
            queued.failure = e;
        }
    }
}
