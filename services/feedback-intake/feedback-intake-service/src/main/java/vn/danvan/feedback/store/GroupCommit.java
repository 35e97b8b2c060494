package vn.danvan.feedback.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Group commit of writes from concurrent requests: a request queues what it has to write and, unless a write in flight
 * already took it, writes everything queued in one go. While one write is in flight the next requests queue up behind
 * it, so under load each write carries many requests' work (one command, one round trip) and an idle service writes
 * each at once, without waiting for company. A request returns only once its part is written, and throws what the
 * write that carried it threw.
 *
 * @param <T> what one request writes
 */
public final class GroupCommit<T> {

    private final int maxPerWrite;
    private final Consumer<List<T>> write;
    private final LinkedBlockingQueue<Queued<T>> queue = new LinkedBlockingQueue<>();
    private final ReentrantLock writing = new ReentrantLock();

    /**
     * @param maxPerWrite the most requests' parts one write carries (keeps a write far below the wire protocol's
     *     message limit)
     * @param write writes the parts of several requests at once; what it throws fails each of them
     */
    public GroupCommit(int maxPerWrite, Consumer<List<T>> write) {
        if (maxPerWrite < 1) {
            throw new IllegalArgumentException("maxPerWrite must be at least 1, not " + maxPerWrite);
        }
        this.maxPerWrite = maxPerWrite;
        this.write = write;
    }

    private static final class Queued<T> {

        final T part;
        volatile boolean done;
        volatile RuntimeException failure;

        Queued(T part) {
            this.part = part;
        }
    }

    /** Writes the part, alone or with others queued meanwhile; returns once it is written. */
    public void write(T part) {
        Queued<T> mine = new Queued<>(part);
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
    }

    /** Parts waiting for a write (for tests and diagnostics). */
    public int queued() {
        return queue.size();
    }

    /** Under the lock: one write of what is queued (the caller's part among them unless beyond the limit). */
    private void writeQueued() {
        List<Queued<T>> batch = new ArrayList<>();
        queue.drainTo(batch, maxPerWrite);
        if (batch.isEmpty()) {
            return;
        }
        List<T> parts = new ArrayList<>(batch.size());
        batch.forEach(queued -> parts.add(queued.part));
        RuntimeException failure = null;
        try {
            write.accept(parts);
        } catch (RuntimeException e) {
            // the whole write is reported failed: a part the store took before the failure may be stored, as with a
            // single write whose answer was lost
            failure = e;
        }
        for (Queued<T> queued : batch) {
            queued.failure = failure;
            queued.done = true;
        }
    }
}
