package vn.danvan.devstack;

import de.bwaldvogel.mongo.backend.AbstractMongoCollection;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.oplog.Oplog;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A shorter way through mongo-java-server for the update every counter takes: one document by {@code _id}, with
 * {@code $inc} and {@code $max} of 64-bit integers, {@code $set} and {@code $setOnInsert} of plain values, on dotted
 * paths through nested documents; and for appends of plain values to an array, kept to its newest by {@code $slice}
 * (the duplicate detector's buckets in feedback-intake, 16 to 32 of them a submission). mongo-java-server parses each
 * dotted path again at every step (regular expressions, string joins): at 1,000 events a second that was a third of
 * the store's CPU and half of what it allocated
 * (bench/README.md, "Figures (2026-12-05, later: counter updates in the local store)"). Here the new document is
 * computed once, copying only the documents on the updated paths, and stored in place of the old one (or inserted,
 * for an upsert); in a collection with other indexes it is handed to mongo-java-server as a replacement, which it
 * stores, indexes and reports as it would have the update.
 *
 * <p>Only updates whose result is certain are taken: anything else (other operators, arrays on the way, a value of
 * another type, overflow, two paths in conflict, an empty operator, {@code _id} in a path) goes to mongo-java-server
 * unchanged, which then answers as it always did, errors included.
 */
final class CounterUpdates {

    private static final Set<String> OPERATORS = Set.of("$inc", "$max", "$set", "$setOnInsert", "$push");

    private CounterUpdates() {}

    /** How a local collection stores a document it already holds, replaced by an update this class computed. */
    interface Replacing<P> {
        /**
         * Stores {@code updated} at {@code position} in place of {@code stored}, and adds {@code sizeChange} (bytes of
         * BSON) to the collection's data size; the collection holds no index but {@code _id}'s, which the update
         * leaves as it is.
         */
        void replace(P position, Document stored, Document updated, int sizeChange);
    }

    /**
     * A collection's {@code updateDocuments}: an update this class takes, in a collection with no index but
     * {@code _id}'s, is computed and stored here (a document the collection holds through {@code replacing}, one an
     * upsert inserts as mongo-java-server's upsert would) and answered as mongo-java-server answers it; in a collection
     * with other indexes it goes to mongo-java-server ({@code mongoJavaServers}, its own {@code updateDocuments} with
     * the same other arguments) as a replacement that does what the update does; anything else goes to it
     * unchanged. mongo-java-server's own way through an update deep-copies the stored document, compares the copy
     * with the result field by field and encodes both to count the collection's size: a quarter of the H2 store's CPU
     * at 1,000 events a second, for counter documents whose only index never changes (bench/README.md). Call it under
     * the collection's lock.
     *
     * @param read the stored document at a position of the collection (never changed here)
     */
    static <P> Document update(
            AbstractMongoCollection<P> collection,
            Document selector,
            Document update,
            ArrayFilters arrayFilters,
            boolean multi,
            boolean upsert,
            Oplog oplog,
            Function<P, Document> read,
            Replacing<P> replacing,
            UnaryOperator<Document> mongoJavaServers) {
        if (multi || (arrayFilters != null && !arrayFilters.isEmpty()) || !takes(selector, update)) {
            return mongoJavaServers.apply(update);
        }
        Index<P> ids = idIndex(collection);
        if (ids == null) {
            return mongoJavaServers.apply(update);
        }
        P position = ids.getPosition(selector);
        Document stored = position == null ? null : read.apply(position);
        if (stored == null && !upsert) {
            return mongoJavaServers.apply(update);
        }
        Changed changed = new Changed();
        Document updated = apply(stored, update, changed);
        if (updated == null) {
            return mongoJavaServers.apply(update);
        }
        if (collection.getIndexes().size() != 1) {
            updated.remove("_id");
            return mongoJavaServers.apply(updated);
        }
        if (stored == null) {
            // an upsert that inserts: the document mongo-java-server builds ({_id} from the selector, then the
            // fields), without its deep copy of the replacement and its search for the document first
            Document inserted = new Document("_id", selector.get("_id"));
            inserted.putAll(updated);
            collection.addDocument(inserted);
            oplog.handleInsert(collection.getFullName(), List.of(inserted));
            Document result = new Document();
            result.put("upserted", inserted.get("_id"));
            result.put("n", 0);
            result.put("nModified", 0);
            return result;
        }
        // what mongo-java-server decides by comparing the whole documents (Java equality, types and field order
        // included): a leaf written with a value not equal to the one before, or added
        if (changed.any) {
            replacing.replace(position, stored, updated, changed.size);
        }
        oplog.handleUpdate(
                collection.getFullName(), selector, update, changed.any ? List.of(stored.get("_id")) : List.of());
        Document result = new Document();
        result.put("n", 1);
        result.put("nModified", changed.any ? 1 : 0);
        return result;
    }

    /** Whether an update changed anything in the document, and by how many bytes it changed its BSON size. */
    static final class Changed {
        boolean any;
        int size;
    }

    /** An update of one document by an {@code _id} of a plain value, with only the operators taken and no conflict. */
    static boolean takes(Document selector, Document update) {
        if (selector.size() != 1 || !isPlainId(selector.get("_id")) || update.isEmpty()) {
            return false;
        }
        List<String> paths = new ArrayList<>();
        for (Map.Entry<String, Object> operator : update.entrySet()) {
            if (!OPERATORS.contains(operator.getKey())
                    || !(operator.getValue() instanceof Document fields)
                    || fields.isEmpty()) {
                return false;
            }
            for (String path : fields.keySet()) {
                if (!isPlainPath(path)) {
                    return false;
                }
                paths.add(path);
            }
        }
        // MongoDB refuses two operators on one path, or on a path and a field within it
        return !anyHoldsAnother(paths);
    }

    /** Whether two of the paths are the same, or one is of a field within the other's. */
    static boolean anyHoldsAnother(List<String> paths) {
        List<String> sorted = new ArrayList<>(paths);
        Collections.sort(sorted);
        for (int i = 1; i < sorted.size(); i++) {
            String before = sorted.get(i - 1);
            String path = sorted.get(i);
            if (path.equals(before) || (path.startsWith(before) && path.charAt(before.length()) == '.')) {
                return true;
            }
        }
        return false;
    }

    /**
     * The document after the update: a copy of {@code stored} (null: the document an upsert inserts) with only the
     * documents on the updated paths copied again; null when the result is not certain.
     */
    static Document apply(Document stored, Document update) {
        return apply(stored, update, new Changed());
    }

    static Document apply(Document stored, Document update, Changed changed) {
        boolean inserting = stored == null;
        Document result = copy(stored);
        // the documents copied for this update: changed in place by its later paths instead of copied again
        Set<Document> fresh = Collections.newSetFromMap(new IdentityHashMap<>());
        fresh.add(result);
        for (Map.Entry<String, Object> operator : update.entrySet()) {
            String name = operator.getKey();
            if (name.equals("$setOnInsert") && !inserting) {
                continue;
            }
            for (Map.Entry<String, Object> field : ((Document) operator.getValue()).entrySet()) {
                if (!applyOne(result, name, field.getKey(), field.getValue(), fresh, changed)) {
                    return null;
                }
            }
        }
        return result;
    }

    private static boolean applyOne(
            Document root, String operator, String path, Object value, Set<Document> fresh, Changed changed) {
        Document parent = root;
        int from = 0;
        for (int dot = path.indexOf('.'); dot >= 0; dot = path.indexOf('.', from)) {
            String part = path.substring(from, dot);
            Object child = parent.get(part);
            if (child == null && !parent.containsKey(part)) {
                child = new Document();
                fresh.add((Document) child);
                // an embedded document: type, name, length and terminator
                changed.size += 1 + cStringSize(part) + 5;
            } else if (child instanceof Document nested) {
                if (!fresh.contains(nested)) {
                    child = copy(nested);
                    fresh.add((Document) child);
                }
            } else {
                return false; // an array, a scalar or null on the way: MongoDB's rules for those are not repeated here
            }
            parent.put(part, child);
            parent = (Document) child;
            from = dot + 1;
        }
        String leaf = path.substring(from);
        boolean present = parent.containsKey(leaf);
        Object current = parent.get(leaf);
        switch (operator) {
            case "$set", "$setOnInsert" -> {
                if (value instanceof Document || value instanceof java.util.Collection<?>) {
                    return false; // what mongo-java-server checks in a nested value is not repeated here
                }
                int size = valueSize(value);
                int before = present ? valueSize(current) : -1 - cStringSize(leaf);
                if (size < 0 || (present && before < 0)) {
                    return false; // a value BSON does not know: mongo-java-server's answer is left to it
                }
                parent.put(leaf, value);
                changed.any |= !present || !Objects.equals(current, value);
                changed.size += size - before;
            }
            case "$inc" -> {
                if (!(value instanceof Long amount) || (present && !(current instanceof Long))) {
                    return false;
                }
                long before = present ? (Long) current : 0L;
                long sum = before + amount;
                if (((before ^ sum) & (amount ^ sum)) < 0) {
                    return false; // overflow: MongoDB refuses it
                }
                parent.put(leaf, sum);
                changed.any |= !present || amount != 0;
                changed.size += present ? 0 : 1 + cStringSize(leaf) + Long.BYTES;
            }
            case "$max" -> {
                if (!(value instanceof Long candidate) || (present && !(current instanceof Long))) {
                    return false;
                }
                if (!present || candidate > (Long) current) {
                    parent.put(leaf, candidate);
                    changed.any = true;
                    changed.size += present ? 0 : 1 + cStringSize(leaf) + Long.BYTES;
                }
            }
            case "$push" -> {
                List<Object> pushed = pushed(value);
                if (pushed == null || (present && !(current instanceof List<?>))) {
                    return false; // other modifiers, or not an array: mongo-java-server's rules and errors
                }
                List<Object> list = new ArrayList<>(present ? (List<?>) current : List.of());
                list.addAll(pushed);
                if (value instanceof Document modifiers && modifiers.get("$slice") instanceof Integer slice) {
                    list = new ArrayList<>(
                            slice < 0
                                    ? list.subList(Math.max(0, list.size() + slice), list.size())
                                    : list.subList(0, Math.min(slice, list.size())));
                }
                int size = valueSize(list);
                int before = present ? valueSize(current) : -1 - cStringSize(leaf);
                if (size < 0 || (present && before < 0)) {
                    return false;
                }
                parent.put(leaf, list);
                changed.any |= !present || !list.equals(current);
                changed.size += size - before;
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /**
     * The plain values a {@code $push} appends: one value, or {@code {$each: [...]}} with an integer {@code $slice}
     * or none; null for anything else (other modifiers, documents or arrays pushed).
     */
    private static List<Object> pushed(Object value) {
        List<Object> values = new ArrayList<>();
        if (value instanceof Document modifiers) {
            if (!(modifiers.get("$each") instanceof List<?> each)
                    || !Set.of("$each", "$slice").containsAll(modifiers.keySet())
                    || (modifiers.containsKey("$slice") && !(modifiers.get("$slice") instanceof Integer))) {
                return null;
            }
            values.addAll(each);
        } else {
            values.add(value);
        }
        for (Object pushed : values) {
            if (pushed instanceof Document || pushed instanceof java.util.Collection<?>) {
                return null;
            }
        }
        return values;
    }

    /** The BSON size of a field name: its UTF-8 bytes and a terminating zero. */
    private static int cStringSize(String name) {
        int size = name.length();
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) >= 0x80) {
                return name.getBytes(StandardCharsets.UTF_8).length + 1;
            }
        }
        return size + 1;
    }

    /**
     * The BSON size of a plain value (that of a document holding it under an empty name, less the rest), or -1 for a
     * value BSON does not know.
     */
    private static int valueSize(Object value) {
        if (value instanceof Long || value instanceof Instant) {
            return Long.BYTES;
        }
        ByteBuf buffer = Unpooled.buffer();
        try {
            BsonEncoder.encodeDocument(new Document("", value), buffer);
            // length (4), type (1), empty name (1), terminator (1)
            return buffer.writerIndex() - 7;
        } catch (RuntimeException unknown) {
            return -1;
        } finally {
            buffer.release();
        }
    }

    private static Document copy(Document document) {
        Document copy = new Document();
        if (document != null) {
            copy.putAll(document);
        }
        return copy;
    }

    private static boolean isPlainId(Object id) {
        return id instanceof String || id instanceof Long || id instanceof Integer || id instanceof ObjectId;
    }

    /** Field names without operators or {@code _id}: a.b.c. */
    static boolean isPlainPath(String path) {
        if (path.isEmpty() || path.equals("_id") || path.startsWith("_id.")) {
            return false;
        }
        int from = 0;
        while (from <= path.length()) {
            int dot = path.indexOf('.', from);
            int end = dot < 0 ? path.length() : dot;
            // a segment of digits is a field name too: only in an array would it be a position, and arrays on
            // the way are left to mongo-java-server (a unit's children are kept under their codes, all digits)
            if (end == from || path.charAt(from) == '$') {
                return false;
            }
            if (dot < 0) {
                return true;
            }
            from = dot + 1;
        }
        return false; // a path ending in a dot
    }

    /** The collection's unique index on {@code _id} alone, or null. */
    static <P> Index<P> idIndex(AbstractMongoCollection<P> collection) {
        for (Index<P> index : collection.getIndexes()) {
            List<IndexKey> keys = index.getKeys();
            if (index.isUnique() && keys.size() == 1 && keys.get(0).getKey().equals("_id")) {
                return index;
            }
        }
        return null;
    }
}
