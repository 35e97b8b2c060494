package vn.danvan.devstack;

import de.bwaldvogel.mongo.backend.AbstractMongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A shorter way through mongo-java-server for the find the statistics projector sends with every batch: documents by
 * a list of string ids, {@code {_id: {$in: [...]}}}. mongo-java-server looks them up in the {@code _id} index and then
 * matches every document found against the whole list again, element by element: a batch of n ids costs about n²/2
 * comparisons (11 % of the H2 store's CPU at 1,000 events a second, bench/README.md). The documents the index gives
 * for a list of strings are exactly the matching ones, so here they are not matched again. And a projection that
 * leaves fields out (the statistics readers' totals leave out the slices) made mongo-java-server copy each whole
 * document first (5 %): here only the documents on the excluded paths are copied. Sorting, skipping, limiting, other
 * projections and lists on an excluded path are left to mongo-java-server, as is any other query, or a list with
 * anything but strings (numbers of several types, regular expressions, null).
 */
final class IdFinds {

    private IdFinds() {}

    /**
     * A local collection's {@code queryDocuments}: a find by a list of string ids from the {@code _id} index, or
     * mongo-java-server's own ({@code mongoJavaServers}).
     *
     * @param answer mongo-java-server's answer of documents found ({@code createQueryResult})
     * @param unmatched mongo-java-server's answer of the documents at positions, sorted, skipped, limited and
     *     projected but matched against nothing ({@code matchDocuments} with an empty query)
     */
    static <P> QueryResult query(
            AbstractMongoCollection<P> collection,
            Document query,
            Document orderBy,
            int skip,
            int limit,
            Document fieldSelector,
            Function<P, Document> read,
            Supplier<QueryResult> mongoJavaServers,
            Function<List<Document>, QueryResult> answer,
            Function<Iterable<P>, QueryResult> unmatched) {
        Iterable<P> byIds = positions(collection, query);
        if (byIds == null) {
            return mongoJavaServers.get();
        }
        List<Document> found = projected(byIds, read, orderBy, skip, limit, fieldSelector);
        return found != null ? answer.apply(found) : unmatched.apply(byIds);
    }

    /**
     * The positions of the documents a find by a list of string ids matches, from the {@code _id} index; null when the
     * query is not of that shape (or the collection has no {@code _id} index). Match them against an empty query.
     */
    private static <P> Iterable<P> positions(AbstractMongoCollection<P> collection, Document query) {
        if (!takes(query)) {
            return null;
        }
        Index<P> index = CounterUpdates.idIndex(collection);
        return index == null ? null : index.getPositions(query);
    }

    /** A find by a list of string ids, and nothing else. */
    static boolean takes(Document query) {
        if (query.size() != 1
                || !(query.get("_id") instanceof Document condition)
                || condition.size() != 1
                || !(condition.get("$in") instanceof Collection<?> ids)) {
            return false;
        }
        for (Object id : ids) {
            if (!(id instanceof String)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The documents at the positions as a find with this projection returns them, when it is none or leaves out
     * fields (and nothing is sorted, skipped or limited); null otherwise, and when a list is on an excluded path.
     */
    private static <P> List<Document> projected(
            Iterable<P> positions,
            Function<P, Document> read,
            Document orderBy,
            int skip,
            int limit,
            Document fieldSelector) {
        if ((orderBy != null && !orderBy.isEmpty()) || skip != 0 || limit != 0) {
            return null;
        }
        List<String> excluded = exclusions(fieldSelector);
        if (excluded == null) {
            return null;
        }
        List<Document> found = new ArrayList<>();
        for (P position : positions) {
            Document document = read.apply(position);
            for (String path : excluded) {
                document = without(document, path);
                if (document == null) {
                    return null;
                }
            }
            found.add(document);
        }
        return found;
    }

    /** The paths a projection leaves out (none for no projection); null when it is not only exclusions. */
    private static List<String> exclusions(Document fieldSelector) {
        if (fieldSelector == null || fieldSelector.isEmpty()) {
            return List.of();
        }
        List<String> paths = new ArrayList<>(fieldSelector.size());
        for (var field : fieldSelector.entrySet()) {
            String path = field.getKey();
            boolean excludes = field.getValue() instanceof Boolean b
                    ? !b
                    : (field.getValue() instanceof Integer || field.getValue() instanceof Long)
                            && ((Number) field.getValue()).longValue() == 0;
            if (!excludes || !CounterUpdates.isPlainPath(path)) {
                return null;
            }
            paths.add(path);
        }
        // two paths of which one holds the other: left to mongo-java-server's rules on collisions
        if (CounterUpdates.anyHoldsAnother(paths)) {
            return null;
        }
        return paths;
    }

    /**
     * The document without the field at the path, sharing all but the documents on the path; the document itself
     * when the path is not there (or meets a plain value); null when a list is on the way.
     */
    private static Document without(Document document, String path) {
        int dot = path.indexOf('.');
        String field = dot < 0 ? path : path.substring(0, dot);
        if (!document.containsKey(field)) {
            return document;
        }
        Document copy;
        if (dot < 0) {
            copy = new Document(document);
            copy.remove(field);
            return copy;
        }
        Object child = document.get(field);
        if (child instanceof List<?>) {
            return null;
        }
        if (!(child instanceof Document nested)) {
            return document;
        }
        Document changed = without(nested, path.substring(dot + 1));
        if (changed == null || changed == nested) {
            return changed == null ? null : document;
        }
        copy = new Document(document);
        copy.put(field, changed);
        return copy;
    }
}
