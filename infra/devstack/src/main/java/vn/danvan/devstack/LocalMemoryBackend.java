package vn.danvan.devstack;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;

/**
 * mongo-java-server's memory backend, with counter updates through {@link CounterUpdates} and finds by ids through
 * {@link IdFinds}.
 */
final class LocalMemoryBackend extends MemoryBackend {

    @Override
    public MemoryDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName, getCursorRegistry());
    }

    private static final class Database extends MemoryDatabase {

        Database(String databaseName, CursorRegistry cursors) {
            super(databaseName, cursors);
        }

        @Override
        protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
            return new Collection(this, collectionName, options, cursorRegistry);
        }
    }

    private static final class Collection extends MemoryCollection {

        Collection(MongoDatabase database, String collectionName, CollectionOptions options, CursorRegistry cursors) {
            super(database, collectionName, options, cursors);
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

        private void replace(Integer position, Document stored, Document updated, int sizeChange) {
            updateDataSize(sizeChange);
            // the memory backend's documents are changed in place, as mongo-java-server's own update changes them:
            // value by value, new fields added at the end, so that a reader encoding the document meanwhile (after
            // the collection's lock) sees each field before or after, never an emptied document
            stored.keySet().retainAll(updated.keySet());
            stored.putAll(updated);
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
