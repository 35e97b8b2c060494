package vn.danvan.statistics.stream;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;
import vn.danvan.statistics.api.events.v1.StatisticsChanged;
import vn.danvan.statistics.units.StatisticsUnits;

/**
 * The changes this instance has seen on {@code danvan.statistics.v1}, kept in a bounded ring with increasing ids, and
 * the stream clients following them. An id is {@code <instance>-<sequence>}: a client resuming with an id of this
 * instance that is still in the ring gets every later change of its subtree; any other id (older than the ring,
 * another replica's, or from before a restart) gets a snapshot of the subtree's current figures instead, so nothing
 * is lost either way.
 *
 * <p>Changes this instance projected reach its own clients at once ({@link #deliverLocally}), on a thread of their own
 * so that sending never holds up the projector; their copies from the topic are then skipped by event id. The other
 * replicas' changes arrive through the topic. An id forgotten before its copy arrives (more than
 * {@code capacity} changes later) only sends the same figures twice.
 */
class ChangeFeed implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChangeFeed.class);

    record Change(long sequence, String unit, String period, Map<String, Number> figures) {}

    record Subscriber(String unit, SseEmitter emitter) {}

    private final String instance = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    private final int capacity;
    private final StatisticsUnits units;
    private final JsonMapper json;
    private final ArrayDeque<Change> ring = new ArrayDeque<>();
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private long sequence;

    /** Event ids of changes delivered locally whose copy from the topic has not arrived yet, oldest first. */
    private final java.util.LinkedHashSet<String> deliveredLocally = new java.util.LinkedHashSet<>();

    private final ExecutorService localDelivery = Executors.newSingleThreadExecutor(
            Thread.ofVirtual().name("stream-local").factory());

    ChangeFeed(int capacity, StatisticsUnits units, JsonMapper json, MeterRegistry meters) {
        this.capacity = capacity;
        this.units = units;
        this.json = json;
        Gauge.builder("danvan.statistics.stream.subscribers", subscribers, List::size)
                .description("Open statistics streams")
                .register(meters);
    }

    /** Records the changes of a unit and sends each to every subscriber whose subtree contains its unit. */
    synchronized void publish(StatisticsChanged event) {
        for (StatisticsChanged.PeriodFigures period : event.periods()) {
            Change change = new Change(++sequence, event.unitCode(), period.period(), period.figures());
            ring.addLast(change);
            while (ring.size() > capacity) {
                ring.removeFirst();
            }
            for (Subscriber subscriber : subscribers) {
                if (units.isWithin(change.unit(), subscriber.unit())) {
                    send(subscriber, change);
                }
            }
        }
    }

    /** Sends changes this instance has just recorded (event id to change, in order) to its own clients. */
    void deliverLocally(List<Map.Entry<String, StatisticsChanged>> changes) {
        synchronized (deliveredLocally) {
            for (Map.Entry<String, StatisticsChanged> change : changes) {
                deliveredLocally.add(change.getKey());
            }
            Iterator<String> oldest = deliveredLocally.iterator();
            while (deliveredLocally.size() > capacity && oldest.hasNext()) {
                oldest.next();
                oldest.remove();
            }
        }
        try {
            localDelivery.execute(() -> changes.forEach(change -> publish(change.getValue())));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // shutting down: the clients are being closed anyway
        }
    }

    /** Whether a change read from the topic was delivered locally already (then it is not sent again). */
    boolean deliveredLocally(String eventId) {
        synchronized (deliveredLocally) {
            return deliveredLocally.remove(eventId);
        }
    }

    @Override
    public void close() {
        localDelivery.shutdownNow();
    }

    /**
     * Adds a subscriber, first sending what it missed since {@code lastEventId}; returns false when that id cannot be
     * resumed from the ring (the caller then sends a snapshot).
     */
    synchronized boolean subscribe(Subscriber subscriber, String lastEventId) {
        boolean resumed = false;
        long after = parse(lastEventId);
        if (after >= 0 && (ring.isEmpty() ? after <= sequence : ring.peekFirst().sequence() <= after + 1)) {
            for (Change change : ring) {
                if (change.sequence() > after && units.isWithin(change.unit(), subscriber.unit())) {
                    send(subscriber, change);
                }
            }
            resumed = true;
        }
        subscribers.add(subscriber);
        return resumed;
    }

    void unsubscribe(Subscriber subscriber) {
        subscribers.remove(subscriber);
    }

    int subscriberCount() {
        return subscribers.size();
    }

    /** The id of the latest change, to stamp snapshot events with. */
    synchronized String currentId() {
        return instance + "-" + sequence;
    }

    /** Sends a comment to every subscriber: keeps proxies from closing idle streams and finds dead clients. */
    void heartbeat() {
        for (Subscriber subscriber : subscribers) {
            try {
                subscriber.emitter().send(SseEmitter.event().comment(" heartbeat"));
            } catch (IOException | IllegalStateException e) {
                drop(subscriber, e);
            }
        }
    }

    void send(Subscriber subscriber, Change change) {
        sendFigures(subscriber, instance + "-" + change.sequence(), change.unit(), change.period(), change.figures());
    }

    void sendFigures(Subscriber subscriber, String id, String unit, String period, Map<String, Number> figures) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("unit", unit);
        data.put("period", period);
        data.put("figures", figures);
        try {
            // serialised here: the emitter's converters do not write JSON under text/event-stream
            subscriber.emitter().send(SseEmitter.event().id(id).name("figures").data(json.writeValueAsString(data)));
        } catch (IOException | IllegalStateException e) {
            drop(subscriber, e);
        }
    }

    private void drop(Subscriber subscriber, Exception cause) {
        log.debug("Stream client of {} gone: {}", subscriber.unit(), cause.toString());
        subscribers.remove(subscriber);
        try {
            subscriber.emitter().completeWithError(cause);
        } catch (RuntimeException ignored) {
            // already completed
        }
    }

    private long parse(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return -1;
        }
        int dash = lastEventId.lastIndexOf('-');
        if (dash <= 0 || !lastEventId.substring(0, dash).equals(instance)) {
            return -1;
        }
        try {
            return Long.parseLong(lastEventId.substring(dash + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Changes in the ring, oldest first (for tests and diagnostics). */
    synchronized List<Change> recent() {
        List<Change> copy = new ArrayList<>(ring);
        return copy;
    }

    Iterator<Subscriber> subscribers() {
        return subscribers.iterator();
    }
}
