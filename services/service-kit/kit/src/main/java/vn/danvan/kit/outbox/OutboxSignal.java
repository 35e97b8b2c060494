package vn.danvan.kit.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Lets a save wake the relay at once instead of waiting for its next poll (many wake-ups fold into one), and tells
 * it which aggregates were just saved, so it can claim them by id instead of searching the collection. The search
 * still runs periodically and catches everything else (other replicas' writes, failed publications).
 */
final class OutboxSignal {

    /** Hints kept per collection at most: beyond that the periodic search finds the rest. */
    private static final int MAX_HINTS = 100_000;

    private final Semaphore permits = new Semaphore(0);
    private final Map<String, Queue<Object>> hints = new ConcurrentHashMap<>();

    void wakeUp() {
        if (permits.availablePermits() == 0) {
            permits.release();
        }
    }

    /** An aggregate of this collection was saved with pending events. */
    void hint(String collection, Object id) {
        // bounded: offer drops the hint when full (the search finds it); a ConcurrentLinkedQueue's size() counts every
        // element, which every save paid for while a backlog grew
        hints.computeIfAbsent(collection, c -> new LinkedBlockingQueue<>(MAX_HINTS))
                .offer(id);
        wakeUp();
    }

    /** Up to {@code max} distinct ids hinted for a collection, oldest first, removed from the hints. */
    List<Object> takeHints(String collection, int max) {
        Queue<Object> queue = hints.get(collection);
        if (queue == null) {
            return List.of();
        }
        Set<Object> taken = new LinkedHashSet<>();
        Object id;
        while (taken.size() < max && (id = queue.poll()) != null) {
            taken.add(id);
        }
        return new ArrayList<>(taken);
    }

    /** Waits for a wake-up or the timeout; true if woken. */
    boolean await(Duration timeout) throws InterruptedException {
        boolean woken = permits.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
        permits.drainPermits();
        return woken;
    }
}
