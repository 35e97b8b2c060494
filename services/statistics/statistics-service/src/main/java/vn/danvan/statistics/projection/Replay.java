package vn.danvan.statistics.projection;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.danvan.kit.consumer.ReceivedEvent;
import vn.danvan.statistics.figures.CounterIds;
import vn.danvan.statistics.figures.Delta;

/**
 * A rebuild's replay into a fresh generation, folded in memory (docs/adr/0005).
 *
 * <p>The live projector writes every counter document an event touches once per batch, because it shares the
 * generation with readers and guards each document against redelivery. A replay writes a generation nobody reads
 * yet, from the beginning of each partition in order, so it can sum every event's deltas in memory and write each
 * document once, as a plain insert, when the memory budget ({@code flushDocuments} counter documents and items) is
 * reached and at the end. Events spread over years touch about 16 documents each (with their province's children
 * documents); a live batch can merge only what
 * it holds, the fold merges what the whole replay holds.
 *
 * <p>What the replay writes is what the live projector would have written for the same events: the same counters,
 * items, overdue list, applied event ids and partition positions, and in each counter document the offset of the last
 * event it counted from each partition ({@code at.p<n>}), so the live projector, continuing on this generation after
 * the switch from its own committed offsets, skips what the replay counted. After a flush the items are read back
 * from the store when a later event needs them, and a later flush adds to the documents already written (read,
 * summed, replaced: nobody else writes the generation before its switch).
 *
 * <p>Not thread-safe: one replay thread.
 */
public final class Replay {

    private static final Logger log = LoggerFactory.getLogger(Replay.class);

    /** Documents per write request, so that no request grows past the wire protocol's message size. */
    private static final int CHUNK = 5_000;

    private final Projector projector;
    private final String generation;
    private final int flushDocuments;
    private final Clock clock;

    /** Sums and last offsets per counter document id, since the last flush. */
    private final Map<String, Folded> counters = new HashMap<>();

    private final Map<String, Item> items = new HashMap<>();

    /** Items of {@link #items} read back from the store (written by an earlier flush): replaced, the others inserted. */
    private final Set<String> stored = new HashSet<>();

    private final Map<String, Document> overdue = new LinkedHashMap<>();
    private final Set<String> appliedIds = new LinkedHashSet<>();
    private final Map<Integer, Long> positions = new HashMap<>();

    /** How far each partition's records have been read, by time ({@link Projector#reached}), since the last flush. */
    private final Map<Integer, Instant> reached = new HashMap<>();

    /**
     * Hashes of the counter document ids written by earlier flushes, sorted: a later flush inserts the documents
     * that are new (most of them: a day's document of a commune is seldom met twice) and adds to the others. A
     * collision only makes an insert an upsert, which is also right.
     */
    private long[] written = new long[0];

    private boolean flushedBefore;
    /** Events counted so far (duplicates and events of no projection left out), for the flush log. */
    private long counted;

    Replay(Projector projector, String generation, int flushDocuments, Clock clock) {
        if (flushDocuments < 1) {
            throw new IllegalArgumentException("flushDocuments must be positive");
        }
        this.projector = projector;
        this.generation = generation;
        this.flushDocuments = flushDocuments;
        this.clock = clock;
    }

    private static final class Folded {
        final Map<String, Long> sums = new HashMap<>(8);
        final Map<Integer, Long> at = new HashMap<>(4);
    }

    /** Folds a batch of the replay (records in partition order); writes when the memory budget is reached. */
    public void add(List<ReceivedEvent> batch) {
        // every record read moves its partition's position, as in the live projector
        for (ReceivedEvent event : batch) {
            if (event.partition() != null && event.offset() != null) {
                positions.merge(Projector.guardOf(event.topic(), event.partition()), event.offset(), Math::max);
            }
        }
        projector.reached(batch, List.of()).forEach((partition, time) -> reached.merge(partition, time, Replay::later));
        batch = projector.counted(batch);
        if (batch.isEmpty()) {
            return;
        }
        Map<String, ReceivedEvent> byId = projector.distinct(batch);
        Set<String> known = new HashSet<>();
        for (String id : byId.keySet()) {
            if (appliedIds.contains(id)) {
                known.add(id);
            }
        }
        if (flushedBefore) {
            projector.addApplied(byId.keySet(), generation, known);
        }
        projector.duplicates.increment(known.size());

        List<String> toMark = new ArrayList<>();
        List<Projector.Pending> pending = projector.readNew(byId.values(), known, toMark);
        appliedIds.addAll(toMark);

        if (flushedBefore) {
            Set<String> missing = new LinkedHashSet<>();
            pending.forEach(p -> {
                if (!items.containsKey(p.itemKey())) {
                    missing.add(p.itemKey());
                }
            });
            if (!missing.isEmpty()) {
                projector
                        .collection("items", generation)
                        .find(Filters.in("_id", missing))
                        .forEach(doc -> {
                            String key = doc.getString("_id");
                            items.put(key, new Item(key, doc));
                            stored.add(key);
                        });
            }
        }

        int batchCounted = 0;
        for (Projector.Pending p : pending) {
            int partition = p.partition();
            long offset = p.offset();
            Item item = items.computeIfAbsent(p.itemKey(), k -> new Item(k, new Document("_id", k)));
            Changes changes = Projector.applyTo(p, item, partition, offset);
            if (changes == null) {
                continue;
            }
            batchCounted++;
            for (Delta delta : changes.deltas) {
                projector.targets(delta, (id, field) -> {
                    Folded folded = counters.computeIfAbsent(id, k -> new Folded());
                    folded.sums.merge(field, delta.amount(), Long::sum);
                    if (partition >= 0) {
                        folded.at.merge(partition, offset, Math::max);
                    }
                });
            }
            projector.collectOverdue(changes, overdue);
        }
        counted += batchCounted;
        projector.applied.increment(batchCounted);
        if (counters.size() + items.size() >= flushDocuments) {
            write(false);
        }
    }

    /** Writes everything folded so far; call it once more after the last batch. */
    public void flush() {
        write(true);
    }

    /**
     * Writes what is folded so far. Unless {@code all}, the counter documents an earlier flush wrote stay folded in
     * memory while they take at most three quarters of the budget: they are the ones events keep returning to (a
     * commune's months, quarters, years and term, a province's days), and adding to a stored document (read, sum,
     * replace) costs several inserts of a new one. Held, each is added to once more at the end instead of at every
     * flush. Nothing reads a generation before the switch, and the switch follows the last, complete flush.
     */
    private void write(boolean all) {
        long start = System.nanoTime();
        int itemCount = items.size();
        Map<String, Folded> held = all ? Map.of() : heldBack();
        int[] counts = writeCounters(held);
        long countersWritten = System.nanoTime();
        writeItems();
        projector.writeOverdue(overdue, generation);
        projector.markApplied(projector.collection("applied", generation), List.copyOf(appliedIds));
        projector.writePositions(positions, reached, generation);
        counters.clear();
        counters.putAll(held);
        items.clear();
        stored.clear();
        overdue.clear();
        appliedIds.clear();
        positions.clear();
        reached.clear();
        flushedBefore = true;
        log.info(
                "Replay into generation {}: {} events so far; wrote {} new and added to {} counter documents in {} ms"
                        + " ({} held in memory), {} items and the rest in {} ms",
                generation,
                counted,
                counts[0],
                counts[1],
                (countersWritten - start) / 1_000_000,
                held.size(),
                itemCount,
                (System.nanoTime() - countersWritten) / 1_000_000);
    }

    /** The folded documents written by an earlier flush, if they fit in three quarters of the budget; else none. */
    private Map<String, Folded> heldBack() {
        Map<String, Folded> held = new HashMap<>();
        long limit = flushDocuments * 3L / 4;
        for (Map.Entry<String, Folded> entry : counters.entrySet()) {
            if (Arrays.binarySearch(written, hash(entry.getKey())) >= 0) {
                if (held.size() >= limit) {
                    return Map.of();
                }
                held.put(entry.getKey(), entry.getValue());
            }
        }
        return held;
    }

    /** Writes the folded counter documents but the held ones: {new documents inserted, documents added to}. */
    private int[] writeCounters(Map<String, Folded> held) {
        int[] counts = new int[2];
        if (counters.size() == held.size()) {
            return counts;
        }
        MongoCollection<Document> figures = projector.collection("figures", generation);
        Date now = Date.from(clock.instant());
        List<WriteModel<Document>> writes = new ArrayList<>(Math.min(counters.size(), CHUNK));
        List<String> toAddTo = new ArrayList<>();
        long[] added = new long[counters.size() - held.size()];
        int n = 0;
        for (Map.Entry<String, Folded> entry : counters.entrySet()) {
            String id = entry.getKey();
            if (held.containsKey(id)) {
                continue;
            }
            Folded folded = entry.getValue();
            long hash = hash(id);
            added[n++] = hash;
            if (Arrays.binarySearch(written, hash) < 0) {
                // nothing of this generation has this id yet: a plain insert, nested as $inc would have nested it
                writes.add(new InsertOneModel<>(document(id, folded.sums, folded.at, now)));
                counts[0]++;
            } else {
                toAddTo.add(id);
                counts[1]++;
            }
            if (writes.size() == CHUNK) {
                figures.bulkWrite(writes, new BulkWriteOptions().ordered(false));
                writes.clear();
            }
        }
        if (!writes.isEmpty()) {
            figures.bulkWrite(writes, new BulkWriteOptions().ordered(false));
        }
        for (int from = 0; from < toAddTo.size(); from += CHUNK) {
            addToStored(figures, toAddTo.subList(from, Math.min(toAddTo.size(), from + CHUNK)), now);
        }
        written = merge(written, added);
        return counts;
    }

    /**
     * Adds the folded sums to documents an earlier flush wrote: read, summed here, replaced. Nobody else writes a
     * generation before its switch, so nothing changes them between the read and the write; and an {@code $inc} of
     * the few dozen dotted fields of a month's or year's document took mongo-java-server about 0.5 ms each (2,000
     * documents a second at the end of a 200,000-event replay), several times a read and a replace.
     */
    private void addToStored(MongoCollection<Document> figures, List<String> ids, Date now) {
        Map<String, Document> stored = new HashMap<>();
        figures.find(Filters.in("_id", ids)).forEach(doc -> stored.put(doc.getString("_id"), doc));
        List<WriteModel<Document>> writes = new ArrayList<>(ids.size());
        for (String id : ids) {
            Folded folded = counters.get(id);
            Document doc = stored.get(id);
            if (doc == null) {
                // the hashes of written ids collide now and then: this one was never written
                writes.add(new InsertOneModel<>(document(id, folded.sums, folded.at, now)));
            } else {
                addTo(doc, folded.sums, folded.at, now);
                writes.add(new ReplaceOneModel<>(Filters.eq("_id", id), doc));
            }
        }
        figures.bulkWrite(writes, new BulkWriteOptions().ordered(false));
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static long hash(String id) {
        long h = 1125899906842597L;
        for (int i = 0; i < id.length(); i++) {
            h = 31 * h + id.charAt(i);
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        return h ^ (h >>> 33);
    }

    /** The sorted union of a sorted array and unsorted hashes. */
    private static long[] merge(long[] sorted, long[] added) {
        Arrays.sort(added);
        long[] union = new long[sorted.length + added.length];
        int i = 0, j = 0, k = 0;
        while (i < sorted.length || j < added.length) {
            long next = j >= added.length || (i < sorted.length && sorted[i] <= added[j]) ? sorted[i++] : added[j++];
            if (k == 0 || union[k - 1] != next) {
                union[k++] = next;
            }
        }
        return Arrays.copyOf(union, k);
    }

    /** A counter document as the live projector's upserts would leave it. */
    static Document document(String id, Map<String, Long> sums, Map<Integer, Long> at, Date now) {
        Document doc = new Document("_id", id);
        addTo(doc, sums, at, now);
        doc.put("unit", CounterIds.unitOf(id));
        doc.put("period", CounterIds.periodOf(id));
        return doc;
    }

    /** What the live projector's {@code $inc}, {@code $max} and {@code $set} do to a counter document. */
    static void addTo(Document doc, Map<String, Long> sums, Map<Integer, Long> at, Date now) {
        sums.forEach((field, amount) -> {
            Document parent = doc;
            int from = 0;
            for (int dot = field.indexOf('.'); dot >= 0; dot = field.indexOf('.', from)) {
                String part = field.substring(from, dot);
                Object child = parent.get(part);
                if (!(child instanceof Document)) {
                    child = new Document();
                    parent.put(part, child);
                }
                parent = (Document) child;
                from = dot + 1;
            }
            String leaf = field.substring(from);
            parent.put(leaf, parent.get(leaf) instanceof Number before ? before.longValue() + amount : amount);
        });
        if (!at.isEmpty()) {
            Document offsets = doc.get("at") instanceof Document stored ? stored : new Document();
            at.forEach((partition, offset) -> offsets.merge(
                    "p" + partition, offset, (before, next) -> Math.max(((Number) before).longValue(), (Long) next)));
            doc.put("at", offsets);
        }
        doc.put("updatedAt", now);
    }

    private void writeItems() {
        if (items.isEmpty()) {
            return;
        }
        MongoCollection<Document> store = projector.collection("items", generation);
        List<WriteModel<Document>> writes = new ArrayList<>(Math.min(items.size(), CHUNK));
        for (Item item : items.values()) {
            if (!item.changed()) {
                continue;
            }
            writes.add(
                    stored.contains(item.key())
                            ? new ReplaceOneModel<>(
                                    Filters.eq("_id", item.key()), item.state(), new ReplaceOptions().upsert(true))
                            : new InsertOneModel<>(item.state()));
            if (writes.size() == CHUNK) {
                store.bulkWrite(writes, new BulkWriteOptions().ordered(false));
                writes.clear();
            }
        }
        if (!writes.isEmpty()) {
            store.bulkWrite(writes, new BulkWriteOptions().ordered(false));
        }
    }
}
