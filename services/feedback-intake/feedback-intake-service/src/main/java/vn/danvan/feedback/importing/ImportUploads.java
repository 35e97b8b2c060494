package vn.danvan.feedback.importing;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;
import vn.danvan.feedback.identity.SealedUploads;

/**
 * The uploaded file of an import that runs as a job, kept sealed in {@value #COLLECTION} until the job ends, so that
 * another replica can finish it if this one stops: an import accepted is never lost. The file may hold denouncers'
 * identities, so it is stored only sealed with the vault's keys; uploads are at most the request body limit (1 MB by
 * default), far below a document's 16 MB.
 */
@Component
class ImportUploads {

    static final String COLLECTION = "import_uploads";

    private final MongoCollection<Document> uploads;
    private final SealedUploads seal;
    private final int partBytes;

    /**
     * @param partBytes bytes per document: a deployment may raise the body limit for imports (the gateway lets 20 MB
     *     through to this path), and a document holds at most 16 MB
     */
    ImportUploads(
            MongoTemplate mongo,
            SealedUploads seal,
            @Value("${danvan.feedback.import.upload-part-bytes:8388608}") int partBytes) {
        if (partBytes < 1 || partBytes > 15 * 1024 * 1024) {
            throw new IllegalArgumentException("danvan.feedback.import.upload-part-bytes must be 1 to 15 MB");
        }
        this.uploads = mongo.getCollection(COLLECTION);
        this.seal = seal;
        this.partBytes = partBytes;
    }

    /** Keeps a job's file, sealed: the first part under the job's id (with the number of parts), the next ones after. */
    void keep(String jobId, byte[] content) {
        byte[] sealed = seal.seal(content, jobId);
        int parts = Math.max(1, (sealed.length + partBytes - 1) / partBytes);
        for (int part = parts - 1; part >= 0; part--) {
            // the first part last: a file is found only once whole
            byte[] bytes =
                    Arrays.copyOfRange(sealed, part * partBytes, Math.min(sealed.length, (part + 1) * partBytes));
            Document doc = new Document("_id", partId(jobId, part)).append("sealed", new Binary(bytes));
            if (part == 0) {
                doc.append("parts", parts);
            }
            uploads.replaceOne(Filters.eq("_id", doc.getString("_id")), doc, new ReplaceOptions().upsert(true));
        }
    }

    Optional<byte[]> find(String jobId) {
        Document first = uploads.find(Filters.eq("_id", jobId)).first();
        if (first == null) {
            return Optional.empty();
        }
        int parts = first.getInteger("parts", 1);
        ByteArrayOutputStream sealed = new ByteArrayOutputStream();
        sealed.writeBytes(first.get("sealed", Binary.class).getData());
        for (int part = 1; part < parts; part++) {
            Document next = uploads.find(Filters.eq("_id", partId(jobId, part))).first();
            if (next == null) {
                throw new IllegalStateException("part " + part + " of the upload of import " + jobId + " is missing");
            }
            sealed.writeBytes(next.get("sealed", Binary.class).getData());
        }
        return Optional.of(seal.open(sealed.toByteArray(), jobId));
    }

    void delete(String jobId) {
        Document first = uploads.find(Filters.eq("_id", jobId)).first();
        if (first == null) {
            return;
        }
        List<String> ids = new ArrayList<>();
        for (int part = 0; part < first.getInteger("parts", 1); part++) {
            ids.add(partId(jobId, part));
        }
        uploads.deleteMany(Filters.in("_id", ids));
    }

    private static String partId(String jobId, int part) {
        return part == 0 ? jobId : jobId + ":" + part;
    }
}
