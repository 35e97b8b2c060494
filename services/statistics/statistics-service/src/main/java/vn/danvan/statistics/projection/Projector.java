package vn.danvan.statistics.projection;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import vn.danvan.kit.consumer.DeadLetters;
import vn.danvan.kit.consumer.EventReader;
import vn.danvan.kit.consumer.PoisonEventException;
import vn.danvan.kit.consumer.ReceivedEvent;
import vn.danvan.kit.contract.DomainEvent;
import vn.danvan.kit.contract.EventStream;
import vn.danvan.statistics.figures.CounterIds;
import vn.danvan.statistics.figures.Delta;
import vn.danvan.statistics.figures.FigureSource;
import vn.danvan.statistics.figures.Generations;
import vn.danvan.statistics.period.Period;
import vn.danvan.statistics.period.PeriodKind;
import vn.danvan.statistics.units.StatisticsUnits;

/**
 * Applies a batch of events to one generation of the statistics collections, exactly once, with a handful of bulk
 * writes whatever the batch size (docs/adr/0005-statistics-counters.md):
 *
 * <ol>
 *   <li>events already applied (their id is in {@code applied_<g>}, keyed by event id) are dropped: the relay may
 *       publish an event twice;
 *   <li>the items the events need are read by id, the events applied to them in order, and each counter delta fanned
 *       out to every period containing the event's date and to every unit the figures roll up into;
 *   <li>each counter document gets one {@code $inc} upsert by id holding the sum of its deltas, and records the
 *       offset of the last event it counted from each partition ({@code at.p<n>}, read before the write): a batch
 *       redelivered after a crash counts in a document only the events it had not counted yet. The read-then-write
 *       relies on Kafka giving a partition to one consumer of the group at a time;
 *   <li>then the items (with the offset of their last event), the overdue list, the applied ids and the partitions'
 *       positions are written. A crash before these is repaired by the redelivery: the items still hold their old
 *       state, so the same deltas are computed again and the guards skip what was counted.
 * </ol>
 */
public class Projector {

    private static final Logger log = LoggerFactory.getLogger(Projector.class);

    /**
     * The number of each source topic in the guards. The counters' guards ({@code at.p<n>}), the items' ({@code p})
     * and the generation's positions ({@code p<n>}) are kept per source partition, numbered {@code k * 1000 + n} for
     * partition {@code n} of the source numbered {@code k}: feedback-intake's topic is 0, so its guards read as the
     * plain partition numbers they always were, and another source's partition 3 never passes for the feedback
     * topic's (a counter document holds every source's figures of its unit and period). Numbers are never reused:
     * a topic's next version gets a new one.
     */
    static final Map<String, Integer> SOURCE_TOPICS =
            Map.of("danvan.feedback.v1", 0, "danvan.dialogues.v1", 1, "danvan.models.v1", 2);

    /** Partitions a source topic may have: its guard numbers must not reach the next source's. */
    static final int PARTITIONS_PER_SOURCE = 1000;

    /**
     * The guard number of a record's partition, or -1 for a record without one. A record without a topic counts as
     * the feedback topic's (events built by hand).
     */
    public static int guardOf(String topic, Integer partition) {
        if (partition == null) {
            return -1;
        }
        Integer source = topic == null ? Integer.valueOf(0) : SOURCE_TOPICS.get(topic);
        if (source == null) {
            throw new IllegalStateException("statistics has no guard number for topic " + topic
                    + ": add it to Projector.SOURCE_TOPICS before binding the projector to it");
        }
        if (partition >= PARTITIONS_PER_SOURCE) {
            throw new IllegalStateException(
                    "topic " + topic + " has more than " + PARTITIONS_PER_SOURCE + " partitions");
        }
        return source * PARTITIONS_PER_SOURCE + partition;
    }

    private final MongoTemplate mongo;
    private final EventReader reader;
    private final List<Projection> projections;

    /** The CloudEvents types some projection counts: a record of any other type is passed over by its header. */
    private final Set<String> countedTypes;

    private final StatisticsUnits units;
    private final Clock clock;
    private final DeadLetters deadLetters;
    final Counter applied;
    final Counter duplicates;
    private final Counter unreadable;
    private final Counter behindPosition;
    /** Field prefixes of the sources' slices ({@code feedback.byKind.}, ...): what is not a total. */
    private final List<String> slicePrefixes;

    /**
     * One instance of each field name, and of each children document field: a replay holds hundreds of thousands of
     * folded documents repeating a few hundred names.
     */
    private final Map<String, String> fieldNames = new ConcurrentHashMap<>();

    private final Map<String, Map<String, String>> childFields = new ConcurrentHashMap<>();
    /** The periods of the children documents by date (a few hundred dates a year). */
    private final Map<LocalDate, List<Period>> childPeriods = new ConcurrentHashMap<>();

    public Projector(
            MongoTemplate mongo,
            EventReader reader,
            List<Projection> projections,
            List<FigureSource> sources,
            StatisticsUnits units,
            Clock clock,
            DeadLetters deadLetters,
            MeterRegistry meters) {
        this.mongo = mongo;
        this.deadLetters = deadLetters;
        this.reader = reader;
        this.projections = List.copyOf(projections);
        Set<String> types = new HashSet<>();
        projections.forEach(projection -> projection.counts().forEach(type -> types.add(EventStream.typeOf(type))));
        this.countedTypes = Set.copyOf(types);
        this.slicePrefixes = sources.stream()
                .flatMap(source -> source.slices().values().stream().map(f -> source.section() + "." + f + "."))
                .toList();
        this.units = units;
        this.clock = clock;
        this.applied = meters.counter("danvan.statistics.events", "outcome", "applied");
        this.duplicates = meters.counter("danvan.statistics.events", "outcome", "duplicate");
        this.unreadable = meters.counter("danvan.statistics.events", "outcome", "unreadable");
        this.behindPosition = meters.counter("danvan.statistics.events", "outcome", "behind-position");
    }

    /** What a batch changed: counter document ids whose values changed, and how many events counted. */
    public record Result(Set<String> changedIds, int applied) {

        static final Result NOTHING = new Result(Set.of(), 0);
    }

    /**
     * Thrown when another writer created a counter document concurrently: the batch is retried, guards make it safe.
     * A concurrency failure, so the kit's batch retry takes it for passing trouble, not a bug.
     */
    public static class ConcurrentWriteException extends ConcurrencyFailureException {
        ConcurrentWriteException(Throwable cause) {
            super("a counter document was written concurrently; retrying the batch", cause);
        }
    }

    /**
     * A replay of the topics into a fresh generation (a rebuild), folded in memory: see {@link Replay}.
     *
     * @param flushDocuments counter documents and items held in memory before they are written
     */
    public Replay replay(String generation, int flushDocuments) {
        return new Replay(this, generation, flushDocuments, clock);
    }

    public Result apply(List<ReceivedEvent> batch, String generation) {
        return apply(batch, generation, List.of());
    }

    /**
     * Applies a batch, and records how far each of its partitions has got ({@link #reached}).
     *
     * @param caughtUp the consumer's partitions with nothing left to read after this batch
     */
    public Result apply(List<ReceivedEvent> batch, String generation, Collection<TopicPartition> caughtUp) {
        Map<Integer, Long> recorded = positions(generation);
        // every record moves its partition's position, counted or not: a position short of the last record would
        // read as records left out (MissedRecords)
        Map<Integer, Long> positions = lastOffsetsPast(batch, recorded);
        Map<Integer, Instant> reached = reached(batch, caughtUp);
        batch = pastPositions(counted(batch), recorded);
        if (batch.isEmpty()) {
            writePositions(positions, reached, generation);
            return Result.NOTHING;
        }
        Map<String, ReceivedEvent> byId = distinct(batch);
        MongoCollection<Document> appliedIds = collection("applied", generation);
        Set<String> known = new HashSet<>();
        addApplied(byId.keySet(), generation, known);
        duplicates.increment(known.size());

        List<String> toMark = new ArrayList<>();
        List<Pending> pending = readNew(byId.values(), known, toMark);

        Map<String, Item> items = new HashMap<>();
        Set<String> keys = new LinkedHashSet<>();
        pending.forEach(p -> keys.add(p.itemKey()));
        if (!keys.isEmpty()) {
            collection("items", generation).find(Filters.in("_id", keys)).forEach(doc -> {
                String key = doc.getString("_id");
                items.put(key, new Item(key, doc));
            });
        }

        Map<String, List<Contribution>> contributions = new LinkedHashMap<>();
        Map<String, Document> overdue = new LinkedHashMap<>();
        int counted = 0;
        for (Pending p : pending) {
            int partition = p.partition();
            long offset = p.offset();
            Item item = items.computeIfAbsent(p.itemKey(), k -> new Item(k, new Document("_id", k)));
            Changes changes = applyTo(p, item, partition, offset);
            if (changes == null) {
                continue; // applied before a crash that lost the applied-id record
            }
            counted++;
            for (Delta delta : changes.deltas) {
                fanOut(delta, partition, offset, contributions);
            }
            collectOverdue(changes, overdue);
        }

        Set<String> changed = writeCounters(contributions, generation);
        writeItems(items, generation);
        writeOverdue(overdue, generation);
        markApplied(appliedIds, toMark);
        writePositions(positions, reached, generation);
        applied.increment(counted);
        return new Result(changed, counted);
    }

    /**
     * How far each partition of a batch has got, by guard number ({@link #guardOf}): the time of its newest record
     * ({@code ce_time}), or now for a partition the consumer has read to its end (every record of it up to now is
     * applied once this batch is). Kept in the generation's positions ({@code time}); the oldest of them is the
     * figures' {@code asOf}.
     */
    Map<Integer, Instant> reached(List<ReceivedEvent> batch, Collection<TopicPartition> caughtUp) {
        Map<Integer, Instant> reached = new HashMap<>();
        for (ReceivedEvent event : batch) {
            if (event.partition() != null && event.time() != null) {
                reached.merge(guardOf(event.topic(), event.partition()), event.time(), Projector::later);
            }
        }
        Instant now = clock.instant();
        for (TopicPartition partition : caughtUp) {
            if (SOURCE_TOPICS.containsKey(partition.topic())) {
                reached.merge(guardOf(partition.topic(), partition.partition()), now, Projector::later);
            }
        }
        return reached;
    }

    /**
     * Records that these partitions have been read to their end with nothing to apply (the consumer found nothing
     * more): their figures are complete up to now. Only partitions the generation has a position for.
     */
    public void markCaughtUp(Collection<TopicPartition> caughtUp, String generation) {
        writePositions(Map.of(), reached(List.of(), caughtUp), generation);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /**
     * The records of a batch past the generation's recorded position in their partition. A position is written after
     * everything else of a batch (or of a rebuild's flush), and each partition is applied in order, so every record
     * at or before it was applied, or found a duplicate or of no projection, already. Skipping them costs one small
     * read: after a rebuild counted a topic's history, the live projector, continuing from its own older offsets,
     * passes over what the replay counted without reading ids, items and guards for each batch. Positions are kept
     * per guard number ({@link #guardOf}), as the counters' guards.
     */
    private List<ReceivedEvent> pastPositions(List<ReceivedEvent> batch, Map<Integer, Long> positions) {
        if (batch.isEmpty() || positions.isEmpty()) {
            return batch;
        }
        List<ReceivedEvent> past = new ArrayList<>(batch.size());
        for (ReceivedEvent event : batch) {
            Long position = event.partition() == null ? null : positions.get(guardOf(event.topic(), event.partition()));
            if (position == null || event.offset() == null || event.offset() > position) {
                past.add(event);
            }
        }
        behindPosition.increment(batch.size() - past.size());
        return past;
    }

    /**
     * The last offset of each partition's records in a batch (by guard number), where it is past the position
     * already recorded: what the batch's positions write.
     */
    static Map<Integer, Long> lastOffsetsPast(List<ReceivedEvent> batch, Map<Integer, Long> known) {
        Map<Integer, Long> last = new HashMap<>();
        for (ReceivedEvent event : batch) {
            if (event.partition() != null && event.offset() != null) {
                last.merge(guardOf(event.topic(), event.partition()), event.offset(), Math::max);
            }
        }
        last.entrySet().removeIf(entry -> {
            Long position = known.get(entry.getKey());
            return position != null && position >= entry.getValue();
        });
        return last;
    }

    /**
     * The records of a batch whose type some projection counts, by their {@code ce_type} header. The others (a
     * consultation's comments above all) cost nothing more: no parse, no read of the applied ids, no write.
     */
    List<ReceivedEvent> counted(List<ReceivedEvent> batch) {
        List<ReceivedEvent> counted = null;
        for (int i = 0; i < batch.size(); i++) {
            boolean wanted = countedTypes.contains(batch.get(i).type());
            if (!wanted && counted == null) {
                counted = new ArrayList<>(batch.subList(0, i));
            } else if (wanted && counted != null) {
                counted.add(batch.get(i));
            }
        }
        return counted == null ? batch : counted;
    }

    /** A batch's events by id, the first copy of each (the relay may publish an event twice). */
    Map<String, ReceivedEvent> distinct(List<ReceivedEvent> batch) {
        Map<String, ReceivedEvent> byId = new LinkedHashMap<>();
        for (ReceivedEvent event : batch) {
            if (byId.putIfAbsent(event.id(), event) != null) {
                duplicates.increment();
            }
        }
        return byId;
    }

    /** Adds to {@code known} those of the event ids that a generation has applied already. */
    void addApplied(Collection<String> ids, String generation, Set<String> known) {
        collection("applied", generation)
                .find(Filters.in("_id", ids))
                .projection(Projections.include("_id"))
                .forEach(doc -> known.add(doc.getString("_id")));
    }

    record Pending(ReceivedEvent received, DomainEvent event, Projection projection, String itemKey) {
        /** The guard number of the record's partition ({@link #guardOf}); -1 without one. */
        int partition() {
            return guardOf(received.topic(), received.partition());
        }

        long offset() {
            return received.offset() == null ? -1 : received.offset();
        }
    }

    /**
     * The events of a batch that are not known yet, read, each with the projection and item it concerns; unreadable
     * ones are dead-lettered. The ids of the events a projection counts, and of the dead-lettered ones, go to
     * {@code toMark}. The others (a consultation's comments, events of types no projection counts) are not recorded:
     * a second copy of one is passed over like the first, and recording them cost statistics one write per comment
     * of a national consultation.
     */
    List<Pending> readNew(Iterable<ReceivedEvent> events, Set<String> known, List<String> toMark) {
        List<Pending> pending = new ArrayList<>();
        for (ReceivedEvent event : events) {
            if (known.contains(event.id())) {
                continue;
            }
            Optional<DomainEvent> read;
            try {
                read = reader.read(event);
            } catch (PoisonEventException e) {
                // one unreadable event must not stop the figures of everyone else: dead-lettered, counted, skipped
                log.warn("Dead-lettering unreadable {}", event, e);
                unreadable.increment();
                if (deadLetters != null) {
                    deadLetters.send(event, e.getMessage());
                }
                toMark.add(event.id()); // dead-lettered once, not again for the relay's copy
                continue;
            }
            if (read.isEmpty()) {
                continue;
            }
            for (Projection projection : projections) {
                String key = projection.itemKey(read.get());
                if (key != null) {
                    pending.add(new Pending(event, read.get(), projection, key));
                    toMark.add(event.id());
                    break;
                }
            }
        }
        return pending;
    }

    /** Applies an event to its item; null if the item has seen it already (its partition offset is past it). */
    static Changes applyTo(Pending p, Item item, int partition, long offset) {
        Integer itemPartition = item.state().getInteger("p");
        Long itemOffset = item.state().getLong("o");
        if (partition >= 0 && itemPartition != null && itemPartition == partition && itemOffset >= offset) {
            return null;
        }
        Changes changes = new Changes();
        p.projection().apply(p.event(), item, changes);
        if (partition >= 0) {
            item.set("p", partition);
            item.set("o", offset);
        }
        return changes;
    }

    void collectOverdue(Changes changes, Map<String, Document> overdue) {
        changes.overdue.forEach((key, entry) -> {
            if (entry != null) {
                entry.put("_id", key);
                entry.put("chain", units.chain(entry.getString("unit")));
            }
            overdue.put(key, entry);
        });
    }

    /**
     * Where a delta adds: to its field in the document of the unit and of each ancestor, for each stored period
     * containing its date (or the gauges); and, for a total (not a slice), to {@code children.<unit>.<field>} in the
     * parent's children document of each period containing it but the day, halves and 9 months included. Field
     * names are handed out as one instance each.
     */
    void targets(Delta delta, BiConsumer<String, String> into) {
        // once per delta, not per unit of the chain: computing the periods shows in the projector's profile
        // (composed periods, halves and 9 months, are summed from these when read)
        List<Period> periods = delta.date() == null ? List.of() : Period.storedContaining(delta.date());
        List<String> chain = units.chain(delta.unit());
        String field = fieldNames.computeIfAbsent(delta.field(), f -> f);
        boolean total = isTotal(field);
        // children documents are stored for the halves and the 9 months too: a batch adds to each at most once per
        // parent, and summing three quarters' documents of a hundred children each read slowly (ADR 0005)
        List<Period> periodsOfChildren = !total || chain.size() < 2 || delta.date() == null
                ? List.of()
                : childPeriods.computeIfAbsent(delta.date(), date -> Period.containing(date).stream()
                        .filter(period -> period.kind() != PeriodKind.DAY)
                        .toList());
        for (int i = 0; i < chain.size(); i++) {
            String unit = chain.get(i);
            String parent = total && i + 1 < chain.size() ? chain.get(i + 1) : null;
            String childField = parent == null ? null : childField(unit, field);
            if (delta.date() == null) {
                into.accept(CounterIds.now(unit), field);
                if (parent != null) {
                    into.accept(CounterIds.children(parent, CounterIds.NOW), childField);
                }
                continue;
            }
            for (Period period : periods) {
                into.accept(CounterIds.of(unit, period.key()), field);
            }
            if (parent != null) {
                for (Period period : periodsOfChildren) {
                    into.accept(CounterIds.children(parent, period.key()), childField);
                }
            }
        }
    }

    private boolean isTotal(String field) {
        for (String prefix : slicePrefixes) {
            if (field.startsWith(prefix)) {
                return false;
            }
        }
        return true;
    }

    /** {@code children.<unit>.<field>}, made once per unit and field (the projector's hot path). */
    private String childField(String unit, String field) {
        return childFields
                .computeIfAbsent(unit, u -> new ConcurrentHashMap<>())
                .computeIfAbsent(field, f -> CounterIds.CHILDREN_FIELD + "." + CounterIds.childKey(unit) + "." + f);
    }

    private record Contribution(int partition, long offset, String field, long amount) {}

    private void fanOut(Delta delta, int partition, long offset, Map<String, List<Contribution>> contributions) {
        Contribution contribution = new Contribution(partition, offset, delta.field(), delta.amount());
        targets(delta, (id, field) -> contributions
                .computeIfAbsent(id, k -> new ArrayList<>())
                .add(
                        field.equals(delta.field())
                                ? contribution
                                : new Contribution(partition, offset, field, delta.amount())));
    }

    private Set<String> writeCounters(Map<String, List<Contribution>> contributions, String generation) {
        if (contributions.isEmpty()) {
            return Set.of();
        }
        MongoCollection<Document> figures = collection("figures", generation);
        Map<String, Document> stored = new HashMap<>();
        figures.find(Filters.in("_id", contributions.keySet()))
                .projection(Projections.include("at"))
                .forEach(doc -> stored.put(doc.getString("_id"), doc.get("at", Document.class)));
        List<WriteModel<Document>> writes = new ArrayList<>();
        Set<String> changed = new LinkedHashSet<>();
        Date now = Date.from(clock.instant());
        contributions.forEach((id, list) -> {
            Document at = stored.get(id);
            Map<String, Long> sums = new LinkedHashMap<>();
            Map<Integer, Long> last = new HashMap<>();
            for (Contribution c : list) {
                if (c.partition() >= 0 && at != null) {
                    Object before = at.get("p" + c.partition());
                    if (before instanceof Number n && n.longValue() >= c.offset()) {
                        continue;
                    }
                }
                sums.merge(c.field(), c.amount(), Long::sum);
                if (c.partition() >= 0) {
                    last.merge(c.partition(), c.offset(), Math::max);
                }
            }
            if (sums.isEmpty() && last.isEmpty()) {
                return;
            }
            // the guard is the read above, by the partition's only consumer
            writes.add(counterUpsert(id, sums, last, now));
            if (!CounterIds.isChildren(id)) {
                changed.add(id); // a children document changes with its children's own, which are announced
            }
        });
        if (!writes.isEmpty()) {
            try {
                figures.bulkWrite(writes, new BulkWriteOptions().ordered(false));
            } catch (MongoBulkWriteException e) {
                boolean raced = e.getWriteErrors().stream()
                        .allMatch(error -> ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY);
                if (raced) {
                    throw new ConcurrentWriteException(e);
                }
                throw e;
            }
        }
        return changed;
    }

    /**
     * Adds the sums and records the offsets in a counter document, creating it if needed. By {@code _id} alone:
     * mongo-java-server scans the collection for any other filter (a guard in the filter made each update ~8x slower
     * at 40,000 documents).
     */
    static UpdateOneModel<Document> counterUpsert(
            String id, Map<String, Long> sums, Map<Integer, Long> offsets, Date now) {
        // a plain document, not Updates.combine: the driver encodes it once instead of building a BsonDocument first
        Document update = new Document();
        if (!sums.isEmpty()) {
            update.append("$inc", new Document(sums));
        }
        if (!offsets.isEmpty()) {
            Document max = new Document();
            offsets.forEach((partition, offset) -> max.append("at.p" + partition, offset));
            update.append("$max", max);
        }
        update.append(
                "$setOnInsert", new Document("unit", CounterIds.unitOf(id)).append("period", CounterIds.periodOf(id)));
        update.append("$set", new Document("updatedAt", now));
        return new UpdateOneModel<>(new Document("_id", id), update, new UpdateOptions().upsert(true));
    }

    private void writeItems(Map<String, Item> items, String generation) {
        List<WriteModel<Document>> writes = new ArrayList<>();
        for (Item item : items.values()) {
            if (item.changed()) {
                writes.add(new ReplaceOneModel<>(
                        Filters.eq("_id", item.key()), item.state(), new ReplaceOptions().upsert(true)));
            }
        }
        if (!writes.isEmpty()) {
            collection("items", generation).bulkWrite(writes, new BulkWriteOptions().ordered(true));
        }
    }

    void writeOverdue(Map<String, Document> overdue, String generation) {
        List<WriteModel<Document>> writes = new ArrayList<>();
        overdue.forEach((key, entry) -> writes.add(
                entry == null
                        ? new DeleteOneModel<>(Filters.eq("_id", key))
                        : new ReplaceOneModel<>(Filters.eq("_id", key), entry, new ReplaceOptions().upsert(true))));
        if (!writes.isEmpty()) {
            collection("overdue", generation).bulkWrite(writes, new BulkWriteOptions().ordered(true));
        }
    }

    void markApplied(MongoCollection<Document> appliedIds, List<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        Date now = Date.from(clock.instant());
        List<Document> docs = ids.stream()
                .map(id -> new Document("_id", id).append("at", now))
                .toList();
        try {
            appliedIds.insertMany(docs, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            // recorded already by a concurrent redelivery: fine; anything else is not
            boolean duplicatesOnly = e.getWriteErrors().stream()
                    .allMatch(error -> ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY);
            if (!duplicatesOnly) {
                throw e;
            }
        }
    }

    void writePositions(Map<Integer, Long> positions, String generation) {
        writePositions(positions, Map.of(), generation);
    }

    /**
     * Moves partitions' positions ({@code offset}) and how far their records have been applied ({@code time}), each
     * only forward. A time alone does not make a position: a partition without one is not in the generation yet.
     */
    void writePositions(Map<Integer, Long> positions, Map<Integer, Instant> reached, String generation) {
        if (positions.isEmpty() && reached.isEmpty()) {
            return;
        }
        Set<Integer> partitions = new TreeSet<>(positions.keySet());
        partitions.addAll(reached.keySet());
        List<WriteModel<Document>> writes = new ArrayList<>();
        for (Integer partition : partitions) {
            Long offset = positions.get(partition);
            Instant time = reached.get(partition);
            Document max = new Document();
            if (offset != null) {
                max.append("offset", offset);
            }
            if (time != null) {
                max.append("time", Date.from(time));
            }
            writes.add(new UpdateOneModel<>(
                    Filters.eq("_id", "p" + partition),
                    new Document("$max", max),
                    new UpdateOptions().upsert(offset != null)));
        }
        collection("positions", generation).bulkWrite(writes, new BulkWriteOptions().ordered(false));
    }

    /** The last offset applied from each source partition to a generation, by guard number ({@link #guardOf}). */
    public Map<Integer, Long> positions(String generation) {
        Map<Integer, Long> positions = new HashMap<>();
        collection("positions", generation).find().forEach(doc -> {
            if (doc.get("offset") instanceof Number offset) {
                positions.put(Integer.parseInt(doc.getString("_id").substring(1)), offset.longValue());
            }
        });
        return positions;
    }

    /** The date an event counts on, in Vietnam. */
    public static LocalDate dateOf(java.time.Instant instant) {
        return Period.dateOf(instant);
    }

    MongoCollection<Document> collection(String base, String generation) {
        return mongo.getCollection(Generations.collection(base, generation));
    }
}
