package vn.danvan.devstack;

import de.bwaldvogel.mongo.backend.AbstractMongoCollection;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A shorter way through mongo-java-server for the update every counter takes: one document by {@code _id}, with
 * {@code $inc} and {@code $max} of 64-bit integers, {@code $set} and {@code $setOnInsert} of plain values, on dotted
 * paths through nested documents. mongo-java-server parses each dotted path again at every step (regular expressions, string
 * joins): at 1,000 events a second that was a third of the store's CPU and half of what it allocated
 * (bench/README.md, "Figures (2026-12-05, later: counter updates in the local store)"). Here the new document is
 * computed once and handed to mongo-java-server as a replacement, which it stores, indexes and reports as it would
 * have the update.
 *
 * <p>Only updates whose result is certain are taken: anything else (other operators, arrays on the way, a value of
 * another type, overflow, two paths in conflict, an empty operator, {@code _id} in a path) goes to mongo-java-server
 * unchanged, which then answers as it always did, errors included.
 */
final class CounterUpdates {

    private static final Set<String> OPERATORS = Set.of("$inc", "$max", "$set", "$setOnInsert");

    private CounterUpdates() {}

    /**
     * What a collection's {@code updateDocuments} hands on to mongo-java-server's: the replacement that does what
     * {@code update} does, or {@code update} itself when this class does not take it. Call it under the collection's
     * lock, with the one that then writes.
     *
     * @param read the stored document at a position of the collection (never changed here)
     */
    static <P> Document forStore(
            AbstractMongoCollection<P> collection,
            Document selector,
            Document update,
            ArrayFilters arrayFilters,
            boolean multi,
            boolean upsert,
            Function<P, Document> read) {
        if (multi || (arrayFilters != null && !arrayFilters.isEmpty()) || !takes(selector, update)) {
            return update;
        }
        Index<P> ids = idIndex(collection);
        if (ids == null) {
            return update;
        }
        P position = ids.getPosition(selector);
        Document stored = position == null ? null : read.apply(position);
        if (stored == null && !upsert) {
            return update;
        }
        Document updated = apply(stored, update);
        if (updated == null) {
            return update;
        }
        updated.remove("_id");
        return updated;
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
        Collections.sort(paths);
        for (int i = 1; i < paths.size(); i++) {
            String before = paths.get(i - 1);
            String path = paths.get(i);
            if (path.equals(before) || (path.startsWith(before) && path.charAt(before.length()) == '.')) {
                return false;
            }
        }
        return true;
    }

    /**
     * The document after the update: a copy of {@code stored} (null: the document an upsert inserts) with only the
     * documents on the updated paths copied again; null when the result is not certain.
     */
    static Document apply(Document stored, Document update) {
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
                if (!applyOne(result, name, field.getKey(), field.getValue(), fresh)) {
                    return null;
                }
            }
        }
        return result;
    }

    private static boolean applyOne(Document root, String operator, String path, Object value, Set<Document> fresh) {
        Document parent = root;
        int from = 0;
        for (int dot = path.indexOf('.'); dot >= 0; dot = path.indexOf('.', from)) {
            String part = path.substring(from, dot);
            Object child = parent.get(part);
            if (child == null && !parent.containsKey(part)) {
                child = new Document();
                fresh.add((Document) child);
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
                parent.put(leaf, value);
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
            }
            case "$max" -> {
                if (!(value instanceof Long candidate) || (present && !(current instanceof Long))) {
                    return false;
                }
                if (!present || candidate > (Long) current) {
                    parent.put(leaf, candidate);
                }
            }
            default -> {
                return false;
            }
        }
        return true;
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
    private static boolean isPlainPath(String path) {
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

    private static <P> Index<P> idIndex(AbstractMongoCollection<P> collection) {
        for (Index<P> index : collection.getIndexes()) {
            List<IndexKey> keys = index.getKeys();
            if (index.isUnique() && keys.size() == 1 && keys.get(0).getKey().equals("_id")) {
                return index;
            }
        }
        return null;
    }
}
