package vn.danvan.devstack;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import java.util.List;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 file backend with its maps typed by {@link BsonMapTypes}: the same maps under the same
 * names, opened with those types before mongo-java-server opens them by name (H2 hands back a map already open).
 *
 * <p>A file written by the untyped backend cannot be read with these types: {@link LocalStores} opens such a file
 * with the untyped backend, as before.
 */
final class H2BsonBackend extends H2Backend {

    /** The store a database being constructed opens its maps in: its constructor opens them before it returns. */
    private static final ThreadLocal<MVStore> OPENING = new ThreadLocal<>();

    H2BsonBackend(MVStore store) {
        super(store);
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        OPENING.set(getMvStore());
        try {
            return new Database(databaseName, getMvStore(), getCursorRegistry());
        } finally {
            OPENING.remove();
        }
    }

    private static final class Database extends H2Database {

        private final MVStore store;

        Database(String databaseName, MVStore store, CursorRegistry cursors) {
            super(databaseName, store, cursors);
            this.store = store;
        }

        private MVStore store() {
            return store != null ? store : OPENING.get();
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(
                String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
            // the name H2Database gives an index's map
            store().openMap(
                            getFullCollectionNamespace(collectionName) + "._index_" + indexName,
                            new MVMap.Builder<KeyValue, Object>()
                                    .keyType(BsonMapTypes.KEY)
                                    .valueType(BsonMapTypes.VALUE));
            return super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse);
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            // the names H2Database gives a collection's maps: its documents, and plain strings and numbers in "meta."
            String namespace = getFullCollectionNamespace(collectionName);
            MVMap<Object, Document> documents = store().openMap(
                            "databases." + namespace,
                            new MVMap.Builder<Object, Document>()
                                    .keyType(BsonMapTypes.VALUE)
                                    .valueType(BsonMapTypes.DOCUMENT));
            MVMap<String, Object> meta = store().openMap("meta." + namespace);
            return new Collection(this, collectionName, options, documents, meta, cursorRegistry);
        }
    }

    /**
     * H2Database's collection, with counter updates through {@link CounterUpdates} and finds by ids through
     * {@link IdFinds}.
     */
    private static final class Collection extends H2Collection {

        Collection(
                MongoDatabase database,
                String collectionName,
                CollectionOptions options,
                MVMap<Object, Document> documents,
                MVMap<String, Object> meta,
                CursorRegistry cursors) {
            super(database, collectionName, options, documents, meta, cursors);
        }

        @Override
        public synchronized Document updateDocuments(
                Document selector,
                Document update,
                ArrayFilters arrayFilters,
                boolean multi,
                boolean upsert,
                Oplog oplog) {
            return CounterUpdates.update(
                    this,
                    selector,
                    update,
                    arrayFilters,
                    multi,
                    upsert,
                    oplog,
                    this::getDocument,
                    this::replace,
                    forStore -> super.updateDocuments(selector, forStore, arrayFilters, multi, upsert, oplog));
        }

        private void replace(Object position, Document stored, Document updated, int sizeChange) {
            updateDataSize(sizeChange);
            // the new document at the position (the stored one, which readers may still hold, is left as it was)
            handleUpdate(position, stored, updated);
        }

        @Override
        protected QueryResult queryDocuments(
                Document query, Document orderBy, int skip, int limit, int batchSize, Document fieldSelector) {
            return IdFinds.query(
                    this,
                    query,
                    orderBy,
                    skip,
                    limit,
                    fieldSelector,
                    this::getDocument,
                    () -> super.queryDocuments(query, orderBy, skip, limit, batchSize, fieldSelector),
                    found -> createQueryResult(found, batchSize),
                    byIds -> matchDocuments(new Document(), byIds, orderBy, skip, limit, batchSize, fieldSelector));
        }
    }
}
