package vn.danvan.devstack;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/**
 * How the H2 file store keeps mongo-java-server's keys and documents: as BSON, keys compared as MongoDB values.
 *
 * <p>mongo-java-server opens its maps with H2's default {@code ObjectDataType}, which knows none of its classes: it
 * writes every document with Java serialization and orders the keys of every index (a {@code KeyValue}, not
 * {@code Comparable}) by serializing both sides of each comparison. In a profile of the statistics store at 1,000
 * events a second that comparison alone took 24 % of the store's CPU (bench/README.md). These types write BSON, which
 * the store decodes from the wire anyway, and compare keys with mongo-java-server's own value order.
 */
final class BsonMapTypes {

    /** The order of index keys and document ids; it treats 1 and 1.0 alike, as the indexes' key equality does. */
    private static final ValueComparator ORDER = ValueComparator.ascWithoutListHandling();

    static final BasicDataType<Object> VALUE = new ValueType();
    static final BasicDataType<KeyValue> KEY = new KeyType();
    static final BasicDataType<Document> DOCUMENT = new DocumentType();

    private BsonMapTypes() {}

    static int compareValues(Object a, Object b) {
        if (a == b) {
            return 0;
        }
        if (a instanceof String s && b instanceof String t) {
            // what mongo-java-server's comparator ends in for two strings, without its type checks on the way (most
            // ids are strings: a few percent of the H2 store's CPU at 1,000 events a second)
            return s.compareTo(t);
        }
        boolean aMissing = a instanceof Missing;
        boolean bMissing = b instanceof Missing;
        if (aMissing || bMissing) {
            return aMissing && bMissing ? 0 : aMissing ? -1 : 1;
        }
        return ORDER.compare(a, b);
    }

    /** A document id or a position: one value, {@link Missing} for a document without an id. */
    private static final class ValueType extends BasicDataType<Object> {

        @Override
        public int compare(Object a, Object b) {
            return compareValues(a, b);
        }

        @Override
        public int getMemory(Object value) {
            return memory(value, 0);
        }

        @Override
        public void write(WriteBuffer buffer, Object value) {
            Document holder = new Document();
            if (!(value instanceof Missing)) {
                holder.put("v", value);
            }
            writeDocument(buffer, holder);
        }

        @Override
        public Object read(ByteBuffer buffer) {
            Document holder = readDocument(buffer);
            return holder.containsKey("v") ? holder.get("v") : Missing.getInstance();
        }

        @Override
        public Object[] createStorage(int size) {
            return new Object[size];
        }
    }

    /** An index key: its values in order, each named {@code v<i>}, or {@code m<i>} for a field the document lacks. */
    private static final class KeyType extends BasicDataType<KeyValue> {

        @Override
        public int compare(KeyValue a, KeyValue b) {
            if (a == b) {
                return 0;
            }
            int common = Math.min(a.size(), b.size());
            for (int i = 0; i < common; i++) {
                int order = compareValues(a.get(i), b.get(i));
                if (order != 0) {
                    return order;
                }
            }
            return Integer.compare(a.size(), b.size());
        }

        @Override
        public int getMemory(KeyValue key) {
            int memory = 48;
            for (Object value : key) {
                memory += memory(value, 0);
            }
            return memory;
        }

        @Override
        public void write(WriteBuffer buffer, KeyValue key) {
            Document holder = new Document();
            for (int i = 0; i < key.size(); i++) {
                Object value = key.get(i);
                holder.put(value instanceof Missing ? "m" + i : "v" + i, value instanceof Missing ? null : value);
            }
            writeDocument(buffer, holder);
        }

        @Override
        public KeyValue read(ByteBuffer buffer) {
            Document holder = readDocument(buffer);
            List<Object> values = new ArrayList<>(holder.size());
            holder.forEach((name, value) -> values.add(name.charAt(0) == 'm' ? Missing.getInstance() : value));
            return new KeyValue(values);
        }

        @Override
        public KeyValue[] createStorage(int size) {
            return new KeyValue[size];
        }
    }

    /** A stored document. Documents are never ordered; only told equal or not (a conditional replace). */
    private static final class DocumentType extends BasicDataType<Document> {

        @Override
        public int compare(Document a, Document b) {
            if (a == b || a.equals(b)) {
                return 0;
            }
            return Integer.compare(System.identityHashCode(a), System.identityHashCode(b)) < 0 ? -1 : 1;
        }

        @Override
        public int getMemory(Document document) {
            try {
                return memory(document, 0);
            } catch (ConcurrentModificationException e) {
                return 1024; // an estimate, and the document is being changed: the next put estimates it again
            }
        }

        /**
         * H2 writes pages on its serialization thread while mongo-java-server's worker threads go on with the
         * documents it holds, and a document can change while it is encoded (seen during an upsert, at 200 items a
         * second: the store panicked and refused every later write). An encoding that meets a change is started
         * again; nothing reaches the buffer before an encoding is whole. H2's default type had the same race
         * without noticing it: Java serialization does not check for changes.
         */
        @Override
        public void write(WriteBuffer buffer, Document document) {
            for (int attempt = 1; ; attempt++) {
                try {
                    writeDocument(buffer, document);
                    return;
                } catch (ConcurrentModificationException e) {
                    if (attempt == MAX_ENCODINGS) {
                        throw e;
                    }
                    Thread.yield();
                }
            }
        }

        @Override
        public Document read(ByteBuffer buffer) {
            return readDocument(buffer);
        }

        @Override
        public Document[] createStorage(int size) {
            return new Document[size];
        }
    }

    /** How often a document that keeps changing is encoded again before the page's write fails. */
    private static final int MAX_ENCODINGS = 10_000;

    private static void writeDocument(WriteBuffer buffer, Map<String, ?> document) {
        ByteBuf bson = Unpooled.buffer(256);
        try {
            BsonEncoder.encodeDocument(document, bson);
            int length = bson.readableBytes();
            buffer.putVarInt(length);
            buffer.put(bson.array(), bson.arrayOffset() + bson.readerIndex(), length);
        } finally {
            bson.release();
        }
    }

    private static Document readDocument(ByteBuffer buffer) {
        int length = DataUtils.readVarInt(buffer);
        ByteBuffer slice = buffer.slice(buffer.position(), length);
        buffer.position(buffer.position() + length);
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(slice));
    }

    /**
     * A rough size on the heap, for H2's cache and write buffer: they are sized in bytes, and a document of a
     * hundred counters weighs far more than one id.
     */
    private static int memory(Object value, int depth) {
        if (value instanceof String text) {
            return 40 + text.length();
        }
        if (value instanceof Map<?, ?> map && depth < 16) {
            int memory = 64;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                memory += 40 + memory(entry.getKey(), depth + 1) + memory(entry.getValue(), depth + 1);
            }
            return memory;
        }
        if (value instanceof Collection<?> values && depth < 16) {
            int memory = 40;
            for (Object element : values) {
                memory += 8 + memory(element, depth + 1);
            }
            return memory;
        }
        if (value instanceof byte[] bytes) {
            return 24 + bytes.length;
        }
        return 24;
    }
}
