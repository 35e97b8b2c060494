package vn.danvan.kit.outbox;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import vn.danvan.kit.consumer.TransientFailures;
import vn.danvan.kit.events.CloudEventHeaders;

/**
 * Publishes the events waiting in aggregates' outboxes and removes them once the broker has acknowledged them.
 *
 * <p>One round per collection: claim a batch of aggregates with pending events (a lease written with one
 * {@code updateMany}, safe with any number of relays since each document is claimed by one lease token at a time),
 * send their events in outbox order with the aggregate id as key (acks=all, idempotent producer: one partition per
 * aggregate keeps the order), wait for every acknowledgement, then pull exactly the acknowledged events and bump the
 * version. A relay that dies between publish and removal leaves its lease to lapse; the next claim publishes the same
 * events again and consumers, being idempotent, apply them once. If the broker is down nothing is removed and the
 * relay backs off until it returns.
 */
public class OutboxRelay implements SmartLifecycle, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    /** MongoDB's error codes for a drop of an index, or in a collection, that does not exist. */
    private static final int INDEX_NOT_FOUND = 27;

    private static final int NAMESPACE_NOT_FOUND = 26;

    private final MongoTemplate mongo;
    private final List<String> collections;
    private final KafkaTemplate<String, byte[]> kafka;
    private final String topic;
    private final OutboxProperties properties;
    private final Clock clock;
    private final OutboxSignal signal;
    private final String owner;

    private final Counter published;
    private final Timer publishLatency;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong oldestPendingMillis = new AtomicLong();

    /** How often the relay searches its collections when saves keep giving it work by id. */
    private static final Duration SEARCH_INTERVAL = Duration.ofSeconds(5);

    private final Map<String, Instant> lastSearches = new ConcurrentHashMap<>();

    private volatile boolean running;
    private volatile Thread worker;
    private Instant backlogMeasuredAt = Instant.EPOCH;

    OutboxRelay(
            MongoTemplate mongo,
            List<String> collections,
            KafkaTemplate<String, byte[]> kafka,
            String topic,
            OutboxProperties properties,
            Clock clock,
            OutboxSignal signal,
            MeterRegistry meters,
            String owner) {
        this.mongo = mongo;
        this.collections = List.copyOf(collections);
        this.kafka = kafka;
        this.topic = topic;
        this.properties = properties;
        this.clock = clock;
        this.signal = signal;
        this.owner = owner;
        this.published = Counter.builder("danvan.outbox.published")
                .description("Events published from the outbox")
                .tag("owner", "relay")
                .register(meters);
        this.publishLatency = Timer.builder("danvan.outbox.publish.latency")
                .description("From the write of an event to the broker's acknowledgement")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
        Gauge.builder("danvan.outbox.backlog", backlog, AtomicLong::get)
                .description("Aggregates with events not yet published")
                .register(meters);
        Gauge.builder("danvan.outbox.oldest.pending.seconds", oldestPendingMillis, m -> m.get() / 1000.0)
                .description("Age of the oldest unpublished event")
                .register(meters);
    }

    /**
     * A filter on two fields' values, written as a plain document: {@code Filters.and} renders {@code $and}, which the
     * embedded store never matches to an index (MongoDB plans both forms alike).
     */
    private static Bson exactly(String field, Object value, String otherField, Object otherValue) {
        return new Document(field, value).append(otherField, otherValue);
    }

    /** The index of the aggregates with events to publish; only they are in it. */
    static final String PENDING_INDEX = "outboxPending";

    /**
     * Indexes earlier versions made: one on every document's pending time (published ones too, as null: on MongoDB an
     * entry per consultation comment ever received) and one on the lease token, which no query used (the token is
     * always looked up with the {@code _id}). Dropped at start-up.
     */
    static final List<String> FORMER_INDEXES = List.of("outboxPendingSince_1", "outboxLease.token_1");

    private static final List<List<String>> EXACT_MATCH_KEYS = List.of(
            List.of("_id", OutboxAggregate.VERSION),
            List.of("_id", OutboxAggregate.LEASE),
            List.of("_id", OutboxAggregate.LEASE + ".token"));

    /**
     * Ensures the indexes the relay's queries use, and only those. Idempotent, and safe with replicas starting
     * together (a drop that another replica made first is fine).
     */
    void createIndexes() {
        for (String name : collections) {
            MongoCollection<Document> collection = mongo.getCollection(name);
            // partial: the claim and the backlog look only for aggregates with something to publish, a few among
            // millions of documents (every comment of a consultation keeps its document)
            collection.createIndex(
                    Indexes.ascending(OutboxAggregate.PENDING_SINCE),
                    new IndexOptions()
                            .name(PENDING_INDEX)
                            .partialFilterExpression(Filters.exists(OutboxAggregate.PENDING_SINCE, true)));
            FORMER_INDEXES.forEach(index -> dropIfPresent(collection, index));
            for (List<String> keys : EXACT_MATCH_KEYS) {
                if (properties.exactMatchIndexes()) {
                    // unique because _id is; each matches one hot filter's keys exactly (see OutboxProperties)
                    collection.createIndex(Indexes.ascending(keys), new IndexOptions().unique(true));
                } else {
                    // turned off on MongoDB: the ones an earlier start made cost every write and serve nothing
                    dropIfPresent(collection, String.join("_1_", keys) + "_1");
                }
            }
        }
    }

    private static void dropIfPresent(MongoCollection<Document> collection, String index) {
        // listed first: a drop of a missing index is an error the store logs with its stack, at every start
        boolean present = false;
        for (Document existing : collection.listIndexes()) {
            present |= index.equals(existing.getString("name"));
        }
        if (!present) {
            return;
        }
        try {
            collection.dropIndex(index);
            log.info("Dropped index {} of {}", index, collection.getNamespace().getCollectionName());
        } catch (MongoCommandException e) {
            // another replica starting at the same time dropped it first
            if (e.getErrorCode() != INDEX_NOT_FOUND && e.getErrorCode() != NAMESPACE_NOT_FOUND) {
                throw e;
            }
        }
    }

    @Override
    public void start() {
        if (running) {
            return;
        }
        createIndexes();
        running = true;
        Thread thread = new Thread(this::loop, "outbox-relay");
        thread.setDaemon(true);
        worker = thread;
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread thread = worker;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(properties.sendTimeout().toMillis() + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        worker = null;
    }

    @Override
    public void destroy() {
        stop();
        kafka.getProducerFactory().reset();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Start after the web server and Kafka infrastructure, stop before them. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }

    private void loop() {
        int failures = 0;
        while (running) {
            try {
                int relayed = relayOnce();
                if (failures > 0) {
                    log.info("Outbox relay publishing again after {} failed rounds", failures);
                }
                failures = 0;
                if (relayed == 0) {
                    signal.await(properties.pollInterval());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                failures++;
                if (failures == 1 || failures % 20 == 0) {
                    // the events stay in the outbox; only the cause is logged, never event data
                    log.warn("Outbox relay round failed ({} in a row), retrying: {}", failures, e.toString());
                }
                long backoff = Math.min(properties.maxBackoff().toMillis(), 100L << Math.min(failures, 10));
                try {
                    signal.await(Duration.ofMillis(backoff));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** One round over every outbox collection; returns how many events were published. */
    int relayOnce() {
        try {
            int total = 0;
            for (String collection : collections) {
                Batch batch = claim(collection);
                if (!batch.aggregates().isEmpty()) {
                    total += acknowledge(publish(batch));
                }
            }
            return total;
        } finally {
            // whatever the round's outcome: a broker outage fails every round, and that is when the backlog grows
            measureBacklogQuietly();
        }
    }

    /** A claimed batch: aggregates (id and pending events in order) under one lease token. */
    record Batch(String collection, String token, List<Claimed> aggregates) {}

    /** A claimed aggregate: its id, its pending events in order, and its version when claimed. */
    record Claimed(Object id, List<Document> events, Object version) {}

    /** What the broker acknowledged: per aggregate, the ids of the published prefix of its outbox. */
    record Published(Batch batch, List<List<String>> acknowledgedIds) {}

    /**
     * Aggregates with events to publish. {@code $exists} is the pending index's filter, which MongoDB must find in a
     * query to plan it on that partial index; {@code $ne: null} keeps out a pending time written as null.
     */
    private static Bson pending() {
        return and(exists(OutboxAggregate.PENDING_SINCE, true), ne(OutboxAggregate.PENDING_SINCE, null));
    }

    Batch claim(String collectionName) {
        MongoCollection<Document> collection = mongo.getCollection(collectionName);
        Date now = Date.from(clock.instant());
        Bson claimable = and(pending(), or(eq(OutboxAggregate.LEASE, null), lt(OutboxAggregate.LEASE + ".until", now)));
        // aggregates this replica just saved are claimed by id (the _id index); the search over the collection runs
        // only when there are none or its interval has passed, since without a usable secondary index it is a scan
        List<Object> ids = signal.takeHints(collectionName, properties.batchSize());
        Instant lastSearch = lastSearches.getOrDefault(collectionName, Instant.EPOCH);
        Duration sinceSearch = Duration.between(lastSearch, clock.instant());
        boolean search = ids.isEmpty()
                ? sinceSearch.compareTo(properties.pollInterval()) >= 0
                : ids.size() < properties.batchSize() && sinceSearch.compareTo(SEARCH_INTERVAL) >= 0;
        if (search) {
            lastSearches.put(collectionName, clock.instant());
            Set<Object> found = new LinkedHashSet<>(ids);
            collection
                    .find(claimable)
                    .projection(Projections.include("_id"))
                    .sort(Sorts.ascending(OutboxAggregate.PENDING_SINCE))
                    .limit(properties.batchSize())
                    .map(document -> document.get("_id"))
                    .forEach(found::add);
            ids = new ArrayList<>(found);
        }
        String token = UUID.randomUUID().toString();
        if (ids.isEmpty()) {
            return new Batch(collectionName, token, List.of());
        }
        Document lease = new Document("owner", owner)
                .append("token", token)
                .append("until", Date.from(clock.instant().plus(properties.lease())));
        if (search) {
            // found ones may hold a lapsed claim of a stopped replica
            collection.updateMany(and(in("_id", ids), claimable), Updates.set(OutboxAggregate.LEASE, lease));
        } else {
            // just saved here: unclaimed unless another replica's search got there first
            List<WriteModel<Document>> claims = new ArrayList<>(ids.size());
            for (Object id : ids) {
                claims.add(new UpdateOneModel<>(
                        exactly("_id", id, OutboxAggregate.LEASE, null), Updates.set(OutboxAggregate.LEASE, lease)));
            }
            collection.bulkWrite(claims, new BulkWriteOptions().ordered(false));
        }
        List<Claimed> claimed = new ArrayList<>();
        for (Document document : collection
                .find(in("_id", ids))
                .projection(Projections.include(
                        "_id", OutboxAggregate.OUTBOX, OutboxAggregate.LEASE, OutboxAggregate.VERSION))) {
            Document held = document.get(OutboxAggregate.LEASE, Document.class);
            if (held != null && token.equals(held.getString("token"))) {
                claimed.add(new Claimed(
                        document.get("_id"),
                        document.getList(OutboxAggregate.OUTBOX, Document.class, List.of()),
                        document.get(OutboxAggregate.VERSION)));
            }
        }
        return new Batch(collectionName, token, claimed);
    }

    /**
     * Sends the batch's events and waits for their acknowledgements. A send that fails at once because the broker is
     * away (no metadata within {@code max.block.ms}: each such send blocks that long) ends the sending: the rest of
     * the batch is released for a later round, so a round during an outage lasts one blocked send, not one per event
     * (200 aggregates took ~17 minutes, outliving the claim's lease). Any send that fails at once also holds back the
     * later events of its aggregate, which would otherwise be published ahead of it.
     */
    Published publish(Batch batch) {
        List<List<CompletableFuture<?>>> sends = new ArrayList<>();
        boolean brokerAway = false;
        for (Claimed aggregate : batch.aggregates()) {
            List<CompletableFuture<?>> perAggregate = new ArrayList<>();
            for (Document event : brokerAway ? List.<Document>of() : aggregate.events()) {
                CompletableFuture<?> sent = send(event);
                perAggregate.add(sent);
                if (sent.isCompletedExceptionally()) {
                    brokerAway = TransientFailures.isTransient(sent.exceptionNow());
                    break;
                }
            }
            sends.add(perAggregate);
        }
        long deadline = System.nanoTime() + properties.sendTimeout().toNanos();
        List<List<String>> acknowledged = new ArrayList<>();
        boolean anyFailed = false;
        for (int i = 0; i < sends.size(); i++) {
            List<Document> events = batch.aggregates().get(i).events();
            List<String> prefix = new ArrayList<>();
            for (int j = 0; j < events.size(); j++) {
                if (j >= sends.get(i).size() || !awaitAck(sends.get(i).get(j), deadline)) {
                    anyFailed = true;
                    break; // later events of this aggregate wait so that order holds on the next try
                }
                prefix.add(events.get(j).getString("eventId"));
                Date time = events.get(j).getDate("time");
                if (time != null) {
                    publishLatency.record(Duration.between(time.toInstant(), clock.instant()));
                }
            }
            acknowledged.add(prefix);
        }
        Published result = new Published(batch, acknowledged);
        if (anyFailed) {
            acknowledge(result);
            throw new IllegalStateException(
                    brokerAway
                            ? "broker unreachable: sending stopped at the first event it could not take"
                            : "broker did not acknowledge every event of the batch");
        }
        return result;
    }

    private CompletableFuture<?> send(Document event) {
        String key = event.getString("subject");
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, bytes(event.getString("data")));
        header(record, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        header(record, CloudEventHeaders.ID, event.getString("eventId"));
        header(record, CloudEventHeaders.SOURCE, event.getString("source"));
        header(record, CloudEventHeaders.TYPE, event.getString("type"));
        header(record, CloudEventHeaders.SUBJECT, key);
        Date time = event.getDate("time");
        if (time != null) {
            header(record, CloudEventHeaders.TIME, time.toInstant().toString());
        }
        header(record, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        header(record, CloudEventHeaders.TRACEPARENT, event.getString("traceparent"));
        header(record, CloudEventHeaders.CORRELATION_ID, event.getString("correlationId"));
        try {
            return kafka.send(record);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        if (value != null) {
            record.headers().add(new RecordHeader(name, bytes(value)));
        }
    }

    private static byte[] bytes(String value) {
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }

    private static boolean awaitAck(CompletableFuture<?> future, long deadlineNanos) {
        try {
            future.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    /**
     * Removes the acknowledged events and releases the claim in one single-document update per aggregate, bumping
     * the version: a copy of the aggregate loaded before this point can no longer be saved, so it can write back
     * neither published events nor a lapsed claim. An aggregate whose claim was lost meanwhile (a save replaced it)
     * still has exactly its published events pulled, matched by event id.
     */
    int acknowledge(Published result) {
        Batch batch = result.batch();
        MongoCollection<Document> collection = mongo.getCollection(batch.collection());
        int count = 0;
        for (List<String> eventIds : result.acknowledgedIds()) {
            count += eventIds.size();
        }
        if (settledAtOnce(collection, result)) {
            published.increment(count);
            return count;
        }
        List<WriteModel<Document>> underLease = new ArrayList<>();
        List<WriteModel<Document>> byEventId = new ArrayList<>();
        List<Object> ids = new ArrayList<>();
        for (int i = 0; i < batch.aggregates().size(); i++) {
            Object id = batch.aggregates().get(i).id();
            ids.add(id);
            List<String> eventIds = result.acknowledgedIds().get(i);
            if (eventIds.isEmpty()) {
                continue;
            }
            Bson pull = pull(eventIds);
            underLease.add(new UpdateOneModel<>(
                    exactly("_id", id, OutboxAggregate.LEASE + ".token", batch.token()),
                    Updates.combine(
                            pull, Updates.inc(OutboxAggregate.VERSION, 1L), Updates.unset(OutboxAggregate.LEASE))));
            byEventId.add(new UpdateOneModel<>(
                    and(eq("_id", id), in(OutboxAggregate.OUTBOX + ".eventId", eventIds)),
                    Updates.combine(pull, Updates.inc(OutboxAggregate.VERSION, 1L))));
        }
        if (!underLease.isEmpty() && collection.bulkWrite(underLease).getMatchedCount() < underLease.size()) {
            // some claims were lost to a save in between: pull by event id where the events are still there
            collection.bulkWrite(byEventId);
        }
        // an aggregate with nothing left to publish leaves the relay's work list, unless a save added to it since
        List<WriteModel<Document>> settle = new ArrayList<>();
        for (Document document : collection
                .find(in("_id", ids))
                .projection(Projections.include(
                        "_id", OutboxAggregate.VERSION, OutboxAggregate.OUTBOX, OutboxAggregate.PENDING_SINCE))) {
            if (document.get(OutboxAggregate.PENDING_SINCE) != null
                    && document.getList(OutboxAggregate.OUTBOX, Document.class, List.of())
                            .isEmpty()) {
                settle.add(new UpdateOneModel<>(
                        exactly(
                                "_id",
                                document.get("_id"),
                                OutboxAggregate.VERSION,
                                document.get(OutboxAggregate.VERSION)),
                        Updates.unset(OutboxAggregate.PENDING_SINCE)));
            }
        }
        // claims on aggregates with nothing acknowledged (a failed send, an empty outbox) are released for the next
        // round
        for (int i = 0; i < batch.aggregates().size(); i++) {
            if (result.acknowledgedIds().get(i).isEmpty()) {
                settle.add(new UpdateOneModel<>(
                        exactly("_id", ids.get(i), OutboxAggregate.LEASE + ".token", batch.token()),
                        Updates.unset(OutboxAggregate.LEASE)));
            }
        }
        if (!settle.isEmpty()) {
            collection.bulkWrite(settle, new BulkWriteOptions().ordered(false));
        }
        published.increment(count);
        return count;
    }

    /**
     * The usual round, in one update per aggregate: every claimed event was acknowledged and nothing saved the
     * aggregate since its claim (its version is the one claimed; a save bumps it), so its outbox is exactly what was
     * published: pulled, the claim released and the aggregate off the relay's work list together. False when any
     * aggregate does not qualify or its version moved; then {@link #acknowledge} does the general case, which is safe
     * after this (what was settled here no longer matches its claim or its event ids, and has no pending mark).
     */
    private boolean settledAtOnce(MongoCollection<Document> collection, Published result) {
        List<Claimed> aggregates = result.batch().aggregates();
        List<WriteModel<Document>> settle = new ArrayList<>(aggregates.size());
        for (int i = 0; i < aggregates.size(); i++) {
            Claimed aggregate = aggregates.get(i);
            List<String> eventIds = result.acknowledgedIds().get(i);
            if (aggregate.version() == null
                    || eventIds.isEmpty()
                    || eventIds.size() != aggregate.events().size()) {
                return false;
            }
            settle.add(new UpdateOneModel<>(
                    exactly("_id", aggregate.id(), OutboxAggregate.VERSION, aggregate.version()),
                    Updates.combine(
                            pull(eventIds),
                            Updates.inc(OutboxAggregate.VERSION, 1L),
                            Updates.unset(OutboxAggregate.LEASE),
                            Updates.unset(OutboxAggregate.PENDING_SINCE))));
        }
        return !settle.isEmpty()
                && collection
                                .bulkWrite(settle, new BulkWriteOptions().ordered(false))
                                .getMatchedCount()
                        == settle.size();
    }

    /** Removes exactly these events from the outbox, by event id (never by position). */
    private static Bson pull(List<String> eventIds) {
        return new Document(
                "$pull", new Document(OutboxAggregate.OUTBOX, new Document("eventId", new Document("$in", eventIds))));
    }

    private void measureBacklogQuietly() {
        try {
            measureBacklog();
        } catch (RuntimeException e) {
            // the store is away too: the gauges keep their last values, the round's own failure is what is logged
            log.debug("Could not measure the outbox backlog: {}", e.toString());
        }
    }

    private void measureBacklog() {
        Instant now = clock.instant();
        if (Duration.between(backlogMeasuredAt, now).compareTo(SEARCH_INTERVAL) < 0) {
            return;
        }
        backlogMeasuredAt = now;
        long pending = 0;
        Instant oldest = null;
        for (String name : collections) {
            MongoCollection<Document> collection = mongo.getCollection(name);
            Bson hasPending = pending();
            pending += collection.countDocuments(hasPending);
            Document first = collection
                    .find(hasPending)
                    .projection(Projections.include(OutboxAggregate.PENDING_SINCE))
                    .sort(Sorts.ascending(OutboxAggregate.PENDING_SINCE))
                    .first();
            if (first != null && first.getDate(OutboxAggregate.PENDING_SINCE) != null) {
                Instant since = first.getDate(OutboxAggregate.PENDING_SINCE).toInstant();
                oldest = oldest == null || since.isBefore(oldest) ? since : oldest;
            }
        }
        backlog.set(pending);
        oldestPendingMillis.set(
                oldest == null ? 0 : Duration.between(oldest, now).toMillis());
    }

    /** Aggregates with pending events, as of the last measurement. */
    long backlog() {
        return backlog.get();
    }

    String owner() {
        return owner;
    }
}
