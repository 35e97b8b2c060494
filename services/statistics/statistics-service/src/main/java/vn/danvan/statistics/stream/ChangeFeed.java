package vn.danvan.statistics.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
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
 *
 * <p>Each client has a bounded queue and a sender of its own: a servlet write blocks while the client's connection
 * is full, so one stalled dashboard (a phone on a poor network) written to inline would hold up every other client
 * and the consumer of the other replicas' changes. A client whose queue fills up is closed; its browser reconnects with
 * Last-Event-ID and resumes from the ring or gets a snapshot. A change is serialised once, whatever the number of
 * clients following it.
 *
 * <p>At most {@code maxSubscribers} clients at once: each holds a servlet connection for up to the stream's time limit,
 * and Tomcat's connections are shared with every other request of the service. A client beyond the bound gets no
 * subscriber (the controller answers 503) and holds nothing.
 */
class ChangeFeed implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChangeFeed.class);

    /** A change of one unit and period; {@code data} is the JSON every client gets (null when nobody followed it). */
    record Change(long sequence, String unit, String period, Map<String, Number> figures, String data) {}

    /** A stream client: the subtree it follows, and its own queue and sender. */
    static final class Subscriber {

        private final String unit;
        private final SseEmitter emitter;
        private final BlockingQueue<SseEmitter.SseEventBuilder> queue;
        private volatile Thread sender;
        private final AtomicBoolean closed = new AtomicBoolean();

        private Subscriber(String unit, SseEmitter emitter, int queueCapacity) {
            this.unit = unit;
            this.emitter = emitter;
            // linked: an idle client holds only what is queued for it, not an array of queueCapacity slots (40 KB
            // each at the default 10,000, for every open stream); the same bound, offer() refusing beyond it
            this.queue = new LinkedBlockingQueue<>(queueCapacity);
        }

        String unit() {
            return unit;
        }

        SseEmitter emitter() {
            return emitter;
        }
    }

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

    private final int clientQueue;
    private final int maxSubscribers;

    /** One permit per open stream, taken before its emitter answers and given back once when it ends. */
    private final Semaphore slots;

    /** The replica is stopping: its streams are ended and no new one is served ({@link #closeStreams}). */
    private volatile boolean closing;

    private final Counter tooSlow;
    private final Counter refused;

    private static final int MAX_EVENTS_PER_WRITE = 500;

    /** (unit, period) pairs whose last figures' time is kept: the current periods of every unit, many times over. */
    private static final int LATEST_KEPT = 200_000;

    /**
     * When the figures last sent for each unit and period were read. With several replicas a change reaches a replica's
     * clients twice as fast from itself as from the others (through the topic): figures another replica read earlier
     * would follow newer ones and a dashboard's count would go down, then up again. Older figures are not sent.
     */
    private final Map<String, java.time.Instant> latest = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, java.time.Instant> eldest) {
            return size() > LATEST_KEPT;
        }
    };

    /**
     * @param capacity changes kept for clients resuming with Last-Event-ID
     * @param clientQueue events waiting for one client before it is closed as too slow
     * @param maxSubscribers stream clients at once; more are refused
     */
    ChangeFeed(
            int capacity,
            int clientQueue,
            int maxSubscribers,
            StatisticsUnits units,
            JsonMapper json,
            MeterRegistry meters) {
        this.capacity = capacity;
        this.clientQueue = clientQueue;
        this.maxSubscribers = maxSubscribers;
        this.slots = new Semaphore(maxSubscribers);
        this.units = units;
        this.json = json;
        Gauge.builder("danvan.statistics.stream.subscribers", subscribers, List::size)
                .description("Open statistics streams")
                .register(meters);
        this.tooSlow = Counter.builder("danvan.statistics.stream.closed")
                .description("Stream clients closed because they did not keep up (they resume on reconnect)")
                .tag("reason", "too-slow")
                .register(meters);
        this.refused = Counter.builder("danvan.statistics.stream.refused")
                .description("Streams refused because the instance had as many open as it allows")
                .tag("reason", "full")
                .register(meters);
    }

    /**
     * A client of a unit's subtree, not yet following the feed ({@link #subscribe} starts it), holding one of the
     * instance's stream slots until {@link #unsubscribe}; empty when every slot is taken.
     */
    Optional<Subscriber> subscriber(String unit, SseEmitter emitter) {
        if (closing) {
            return Optional.empty();
        }
        if (!slots.tryAcquire()) {
            refused.increment();
            return Optional.empty();
        }
        return Optional.of(new Subscriber(unit, emitter, clientQueue));
    }

    int maxSubscribers() {
        return maxSubscribers;
    }

    /** Whether the replica is stopping (then no subscriber is handed out). */
    boolean closing() {
        return closing;
    }

    /** Records the changes of a unit and sends each to every subscriber whose subtree contains its unit. */
    synchronized void publish(StatisticsChanged event) {
        String unit = event.unitCode();
        List<Subscriber> following = new ArrayList<>();
        for (Subscriber subscriber : subscribers) {
            if (units.isWithin(unit, subscriber.unit())) {
                following.add(subscriber);
            }
        }
        for (StatisticsChanged.PeriodFigures period : event.periods()) {
            if (event.asOf() != null) {
                java.time.Instant sent = latest.get(unit + "|" + period.period());
                if (sent != null && event.asOf().isBefore(sent)) {
                    continue; // older than what the clients have: superseded
                }
                latest.put(unit + "|" + period.period(), event.asOf());
            }
            // serialised once for all its clients, and only if someone follows it (a resume serialises again)
            Change change = new Change(
                    ++sequence,
                    unit,
                    period.period(),
                    period.figures(),
                    following.isEmpty() ? null : data(unit, period.period(), period.figures()));
            ring.addLast(change);
            while (ring.size() > capacity) {
                ring.removeFirst();
            }
            for (Subscriber subscriber : following) {
                send(subscriber, change);
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
        closeStreams();
        localDelivery.shutdownNow();
    }

    /**
     * Ends every open stream and serves no new one: the replica is stopping. Each browser reconnects with its
     * Last-Event-ID, to another replica (a snapshot there), instead of holding this one's graceful shutdown until it
     * gives up. Does not wait for a client whose connection is full (its write holds the emitter).
     */
    void closeStreams() {
        synchronized (this) {
            // with subscribe(): a stream added from now on sees the flag and is ended there
            closing = true;
        }
        for (Subscriber subscriber : subscribers) {
            end(subscriber);
        }
    }

    /** Unsubscribes a client and completes its stream. */
    private void end(Subscriber subscriber) {
        unsubscribe(subscriber);
        // not on this thread: completing waits for the emitter's lock, which a write blocked on the client holds
        Thread.ofVirtual().name("stream-close").start(() -> {
            try {
                subscriber.emitter.complete();
            } catch (RuntimeException ignored) {
                // already ended
            }
        });
    }

    /**
     * Adds a subscriber, first sending what it missed since {@code lastEventId}; returns false when that id cannot be
     * resumed from the ring (the caller then sends a snapshot). Once the replica is stopping, the subscriber's stream
     * is ended instead (true: nothing to send).
     */
    synchronized boolean subscribe(Subscriber subscriber, String lastEventId) {
        if (closing) {
            // opened while the replica began to stop: ended at once, nothing to send (no snapshot either)
            end(subscriber);
            return true;
        }
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
        if (subscriber.closed.get()) {
            // its stream ended before it got here (the client left at once): it must not stay in the list
            subscribers.remove(subscriber);
            return resumed;
        }
        subscriber.sender = Thread.ofVirtual().name("stream-client").start(() -> sendQueued(subscriber));
        if (subscriber.closed.get()) {
            // unsubscribed while its sender started, perhaps before it could see the sender to interrupt it
            subscriber.sender.interrupt();
        }
        return resumed;
    }

    /**
     * The client's stream ended (completed, timed out, failed): it leaves the feed, its sender stops and its slot is
     * free again. Called once or several times for the same client (its emitter's callbacks, a failed write).
     */
    void unsubscribe(Subscriber subscriber) {
        // closed before it leaves the list: a subscribe() adding it meanwhile sees it closed and takes it out again
        if (subscriber.closed.compareAndSet(false, true)) {
            slots.release();
        }
        subscribers.remove(subscriber);
        Thread sender = subscriber.sender;
        if (sender != null) {
            sender.interrupt();
        }
    }

    /**
     * The client's sender: writes what is queued for it, in order, until the client goes or is closed. What queued up
     * during the last write goes in one write and one flush (a province's stream gets thousands of events a second).
     */
    private void sendQueued(Subscriber subscriber) {
        List<SseEmitter.SseEventBuilder> events = new ArrayList<>();
        try {
            while (!subscriber.closed.get()) {
                events.add(subscriber.queue.take());
                subscriber.queue.drainTo(events, MAX_EVENTS_PER_WRITE - 1);
                Set<ResponseBodyEmitter.DataWithMediaType> parts = new LinkedHashSet<>();
                events.forEach(event -> parts.addAll(event.build()));
                events.clear();
                try {
                    subscriber.emitter.send(parts);
                } catch (IOException | IllegalStateException e) {
                    // gone: Spring MVC ends the request itself after a failed write
                    log.debug("Stream client of {} gone: {}", subscriber.unit, e.toString());
                    unsubscribe(subscriber);
                }
            }
        } catch (InterruptedException e) {
            // unsubscribed
        }
    }

    int subscriberCount() {
        return subscribers.size();
    }

    /** The id of the latest change, to stamp snapshot events with. */
    synchronized String currentId() {
        return instance + "-" + sequence;
    }

    /** Queues a comment for every subscriber: keeps proxies from closing idle streams and finds dead clients. */
    void heartbeat() {
        for (Subscriber subscriber : subscribers) {
            enqueue(subscriber, SseEmitter.event().comment(" heartbeat"));
        }
    }

    void send(Subscriber subscriber, Change change) {
        enqueue(
                subscriber,
                SseEmitter.event()
                        .id(instance + "-" + change.sequence())
                        .name("figures")
                        .data(
                                change.data() != null
                                        ? change.data()
                                        : data(change.unit(), change.period(), change.figures())));
    }

    /** Queues figures read for one client (a snapshot). */
    void sendFigures(Subscriber subscriber, String id, String unit, String period, Map<String, Number> figures) {
        enqueue(subscriber, SseEmitter.event().id(id).name("figures").data(data(unit, period, figures)));
    }

    /** The event's data, serialised here: the emitter's converters do not write JSON under text/event-stream. */
    private String data(String unit, String period, Map<String, Number> figures) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("unit", unit);
        data.put("period", period);
        data.put("figures", figures);
        return json.writeValueAsString(data);
    }

    private void enqueue(Subscriber subscriber, SseEmitter.SseEventBuilder event) {
        if (subscriber.closed.get() || subscriber.queue.offer(event)) {
            return;
        }
        // it has not taken the last clientQueue events: stalled or too slow for this subtree's rate
        log.info(
                "Closing a stream client of {} that did not keep up ({} events waiting); it resumes on reconnect",
                subscriber.unit,
                clientQueue);
        tooSlow.increment();
        end(subscriber);
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
