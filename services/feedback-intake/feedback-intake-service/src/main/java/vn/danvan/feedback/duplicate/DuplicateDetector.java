package vn.danvan.feedback.duplicate;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Binary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Finds the open feedback item a new submission nearly repeats, from the same citizen or about the same commune, so
 * the new item can be flagged and linked to it instead of being handled twice (or dropped).
 *
 * <p>Each registered item leaves a fingerprint in {@value #COLLECTION} ({@code _id} is the feedback id): the hashes of
 * its text's shingles, their MinHash signature and its LSH band keys (indexed, to find candidates without scanning), a
 * keyed hash of the contact (never the phone number or address), the commune code, when it was received and whether it
 * is still open. The text itself is not kept here
 * (the shingle hashes are not keyed, so they are no safer than the feedback item they come from).
 *
 * <p>Call {@link #findMatch} before {@link #register}ing the new item (an item always matches itself), and
 * {@link #close} when an item is closed or confirmed as a duplicate, so it no longer attracts new submissions.
 */
@Component
public class DuplicateDetector {

    static final String COLLECTION = "duplicate_fingerprints";

    private static final Logger log = LoggerFactory.getLogger(DuplicateDetector.class);

    private final MongoCollection<Document> fingerprints;
    private final DuplicateProperties properties;
    private final ContactKeys contactKeys;

    DuplicateDetector(MongoTemplate mongo, DuplicateProperties properties) {
        this.fingerprints = mongo.getCollection(COLLECTION);
        this.properties = properties;
        String secret = properties.contactKeySecret();
        if (secret == null || secret.isBlank()) {
            log.warn("danvan.feedback.duplicates.contact-key-secret is not set: contact keys use a random key of this"
                    + " process, so repeats by the same citizen are only found until it restarts");
            this.contactKeys = ContactKeys.withRandomSecret();
        } else {
            this.contactKeys = ContactKeys.withSecret(secret);
        }
        fingerprints.createIndex(Indexes.ascending("bands"));
    }

    /**
     * The contact key of a citizen's phone number or e-mail address (an HMAC-SHA256 of its normalised form), or null
     * when the submission has no contact. Pass it to {@link #findMatch} and {@link #register}.
     */
    public String contactKey(String phoneOrEmail) {
        return contactKeys.keyOf(phoneOrEmail);
    }

    /**
     * The open item, received within the configured window before or after {@code receivedAt}, from the same contact
     * or about the same commune, whose text is most similar to {@code text} at or above the configured threshold.
     *
     * @param contactKey from {@link #contactKey}; null when the submission has no contact
     * @param communeCode the commune the submission is about; null when unknown
     */
    public Optional<DuplicateMatch> findMatch(String text, String contactKey, String communeCode, Instant receivedAt) {
        Objects.requireNonNull(receivedAt, "receivedAt");
        List<Bson> sameSource = new ArrayList<>(2);
        if (contactKey != null) {
            sameSource.add(Filters.eq("contactKey", contactKey));
        }
        if (communeCode != null) {
            sameSource.add(Filters.eq("communeCode", communeCode));
        }
        long[] shingles = MinHash.shingleHashes(text);
        if (sameSource.isEmpty() || shingles.length == 0) {
            return Optional.empty();
        }
        // MongoDB picks the bands index whatever the order; the embedded store scans and stops at the first failed
        // condition, so the cheap, selective ones come first and the 32-by-32 band comparison last
        Bson candidates = Filters.and(
                sameSource.size() == 1 ? sameSource.getFirst() : Filters.or(sameSource),
                Filters.eq("open", true),
                Filters.gte("receivedAt", Date.from(receivedAt.minus(properties.window()))),
                Filters.lte("receivedAt", Date.from(receivedAt.plus(properties.window()))),
                Filters.in("bands", MinHash.bands(MinHash.signature(shingles))));
        List<Scored> matches = new ArrayList<>();
        for (Document candidate :
                fingerprints.find(candidates).projection(Projections.include("contactKey", "shingles", "receivedAt"))) {
            double similarity = MinHash.jaccard(shingles, unpack(candidate.get("shingles", Binary.class)));
            if (similarity >= properties.threshold()) {
                boolean sameContact = contactKey != null && contactKey.equals(candidate.getString("contactKey"));
                matches.add(new Scored(
                        new DuplicateMatch(
                                candidate.getString("_id"),
                                similarity,
                                sameContact ? DuplicateMatch.Basis.SAME_CONTACT : DuplicateMatch.Basis.SAME_PLACE),
                        candidate.getDate("receivedAt").toInstant()));
            }
        }
        // the most similar; among equals the same citizen's, then the earliest (the one the others repeat)
        return matches.stream()
                .min(Comparator.comparingDouble((Scored s) -> -s.match().similarity())
                        .thenComparing(s -> s.match().basis())
                        .thenComparing(Scored::receivedAt)
                        .thenComparing(s -> s.match().feedbackId()))
                .map(Scored::match);
    }

    /**
     * Makes an open item a target for later submissions. Registering the same item again replaces its fingerprint
     * (e.g. after its text was corrected). A text without words is not registered.
     */
    public void register(String feedbackId, String text, String contactKey, String communeCode, Instant receivedAt) {
        Objects.requireNonNull(feedbackId, "feedbackId");
        Objects.requireNonNull(receivedAt, "receivedAt");
        long[] shingles = MinHash.shingleHashes(text);
        if (shingles.length == 0) {
            return;
        }
        long[] signature = MinHash.signature(shingles);
        Document fingerprint = new Document("_id", feedbackId)
                .append("contactKey", contactKey)
                .append("communeCode", communeCode)
                .append("bands", MinHash.bands(signature))
                .append("signature", pack(signature))
                .append("shingles", pack(shingles))
                .append("receivedAt", Date.from(receivedAt))
                .append("open", true);
        fingerprints.replaceOne(Filters.eq("_id", feedbackId), fingerprint, new ReplaceOptions().upsert(true));
    }

    /** The item is no longer open (answered, closed, or confirmed as a duplicate): later submissions do not match it. */
    public void close(String feedbackId) {
        fingerprints.updateOne(Filters.eq("_id", feedbackId), Updates.set("open", false));
    }

    private static Binary pack(long[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Long.BYTES);
        bytes.asLongBuffer().put(values);
        return new Binary(bytes.array());
    }

    private static long[] unpack(Binary packed) {
        if (packed == null) {
            return new long[0];
        }
        long[] values = new long[packed.getData().length / Long.BYTES];
        ByteBuffer.wrap(packed.getData()).asLongBuffer().get(values);
        return values;
    }

    private record Scored(DuplicateMatch match, Instant receivedAt) {}
}
