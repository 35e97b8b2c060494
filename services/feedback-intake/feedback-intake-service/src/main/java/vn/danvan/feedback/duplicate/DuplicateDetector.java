package vn.danvan.feedback.duplicate;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.Binary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;
import vn.danvan.feedback.DevelopmentKeys;

/**
 * Finds the open feedback item a new submission nearly repeats, from the same citizen or about the same commune, so
 * the new item can be flagged and linked to it instead of being handled twice (or dropped).
 *
 * <p>Each registered item leaves a fingerprint in {@value #COLLECTION} ({@code _id} is the feedback id): the hashes of
 * its text's shingles, a keyed hash of the contact (never the phone number or address), the commune code, when it was
 * received and whether it is still open. The text itself is not kept here (the shingle hashes are not keyed, so they
 * are no safer than the feedback item they come from), nor their MinHash signature (1 KB, and it follows from the
 * shingle hashes if the bands ever have to be recomputed). Candidates are found through
 * {@value #BUCKETS}: one document per source (contact key or commune) and LSH band, keyed by {@code _id}, listing the
 * newest items in it. Every lookup is by {@code _id}, so its cost does not grow with the number of items, on MongoDB
 * and on the embedded store alike (which ignores non-unique indexes and would scan).
 *
 * <p>Call {@link #findMatch} before {@link #register}ing the new item (an item always matches itself), and
 * {@link #close} when an item is closed or confirmed as a duplicate, so it no longer attracts new submissions.
 */
@Component
public class DuplicateDetector {

    static final String COLLECTION = "duplicate_fingerprints";
    static final String BUCKETS = "duplicate_buckets";

    /**
     * Bands of 4 MinHash rows used for candidates: with 16 of them a text at Jaccard 0.8 from an item shares a band
     * with it with probability 1 - (1 - 0.8^4)^16 = 0.9998 (0.64 at 0.5), at half the writes of all 32.
     */
    static final int LSH_BANDS = 16;

    /** The candidates, those sharing the most bands, whose fingerprints are compared with a submission. */
    static final int MAX_CANDIDATES = 24;

    /** The newest ids a bucket keeps. */
    static final int BUCKET_SIZE = 32;

    private static final Logger log = LoggerFactory.getLogger(DuplicateDetector.class);

    private final MongoCollection<Document> fingerprints;
    private final MongoCollection<Document> buckets;
    private final DuplicateProperties properties;
    private final ContactKeys contactKeys;

    DuplicateDetector(MongoTemplate mongo, DuplicateProperties properties, Environment environment) {
        this.fingerprints = mongo.getCollection(COLLECTION);
        this.buckets = mongo.getCollection(BUCKETS);
        this.properties = properties;
        this.contactKeys = contactKeys(properties.contactKeySecret(), environment);
    }

    /**
     * The contact keys from the configured secret. Without one, a random key of this process: fine on a developer's
     * machine, but with two replicas, or after a restart, the same citizen's repeats are no longer linked and a
     * retried submission that reaches another replica no longer matches its first (its fingerprint covers the
     * sender), so the service refuses to start without it unless the run allows development keys
     * ({@link DevelopmentKeys}).
     */
    static ContactKeys contactKeys(String secret, Environment environment) {
        if (secret != null && !secret.isBlank()) {
            return ContactKeys.withSecret(secret);
        }
        if (!DevelopmentKeys.allowed(environment)) {
            throw new IllegalStateException("danvan.feedback.duplicates.contact-key-secret is not set. Set"
                    + " FEEDBACK_CONTACT_KEY_SECRET to a secret of this deployment's own, at least "
                    + ContactKeys.MIN_SECRET_LENGTH + " characters, the same on every replica"
                    + " (`infra/compose-secrets --print` prints a new one; keep it secret and keep it: a new one"
                    + " no longer links repeats and retries to what came before)."
                    + DevelopmentKeys.howToAllow(environment));
        }
        log.warn(
                "danvan.feedback.duplicates.contact-key-secret is not set ({}=true): contact keys use a random key"
                        + " of this process, so repeats by the same citizen are only found until it restarts",
                DevelopmentKeys.ALLOW_PROPERTY);
        return ContactKeys.withRandomSecret();
    }

    /**
     * The contact key of a citizen's phone number or e-mail address (an HMAC-SHA256 of its normalised form), or null
     * when the submission has no contact. Pass it to {@link #findMatch} and {@link #register}.
     */
    public String contactKey(String phoneOrEmail) {
        return contactKeys.keyOf(phoneOrEmail);
    }

    /** A keyed digest of any text, under the contact keys' secret (a submission's fingerprint, its sender in it). */
    public String keyedDigest(String text) {
        return contactKeys.digestOf(text);
    }

    /**
     * The open item, received within the configured window before or after {@code receivedAt}, from the same contact
     * or about the same commune, whose text is most similar to {@code text} at or above the configured threshold.
     *
     * @param contactKey from {@link #contactKey}; null when the submission has no contact
     * @param communeCode the commune the submission is about; null when unknown
     */
    public Optional<DuplicateMatch> findMatch(String text, String contactKey, String communeCode, Instant receivedAt) {
        return findMatch(fingerprint(text), contactKey, communeCode, receivedAt);
    }

    /** The shingles and signature of a text, for {@link #findMatch} and {@link #register} of the same submission. */
    public TextFingerprint fingerprint(String text) {
        return new TextFingerprint(MinHash.shingleHashes(text));
    }

    /** As {@link #findMatch(String, String, String, Instant)}, for a text already {@link #fingerprint}ed. */
    public Optional<DuplicateMatch> findMatch(
            TextFingerprint text, String contactKey, String communeCode, Instant receivedAt) {
        Objects.requireNonNull(receivedAt, "receivedAt");
        List<String> scopes = scopes(contactKey, communeCode);
        long[] shingles = text.shingles;
        if (scopes.isEmpty() || text.isEmpty()) {
            return Optional.empty();
        }
        // candidates: the items in a bucket this text falls in, i.e. sharing one band with it within the same source
        Map<String, Integer> sharedBands = new HashMap<>();
        for (Document bucket : buckets.find(Filters.in("_id", bucketIds(scopes, text.signature)))) {
            for (String id : bucket.getList("items", String.class, List.of())) {
                sharedBands.merge(id, 1, Integer::sum);
            }
        }
        if (sharedBands.isEmpty()) {
            return Optional.empty();
        }
        // the more bands an item shares with the text, the more similar it is likely to be: a campaign of
        // near-identical
        // letters fills every bucket, and reading all their fingerprints would cost a thousand documents a submission
        List<String> candidateIds = sharedBands.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(MAX_CANDIDATES)
                .map(Map.Entry::getKey)
                .toList();
        Instant from = receivedAt.minus(properties.window());
        Instant to = receivedAt.plus(properties.window());
        List<Scored> matches = new ArrayList<>();
        for (Document candidate : fingerprints
                .find(Filters.in("_id", candidateIds))
                .projection(Projections.include("contactKey", "communeCode", "shingles", "receivedAt", "open"))) {
            Instant candidateReceivedAt = candidate.getDate("receivedAt").toInstant();
            boolean sameContact = contactKey != null && contactKey.equals(candidate.getString("contactKey"));
            boolean samePlace = communeCode != null && communeCode.equals(candidate.getString("communeCode"));
            if (!Boolean.TRUE.equals(candidate.getBoolean("open"))
                    || candidateReceivedAt.isBefore(from)
                    || candidateReceivedAt.isAfter(to)
                    || !(sameContact || samePlace)) {
                continue;
            }
            double similarity = MinHash.jaccard(shingles, unpack(candidate.get("shingles", Binary.class)));
            if (similarity >= properties.threshold()) {
                matches.add(new Scored(
                        new DuplicateMatch(
                                candidate.getString("_id"),
                                similarity,
                                sameContact ? DuplicateMatch.Basis.SAME_CONTACT : DuplicateMatch.Basis.SAME_PLACE),
                        candidateReceivedAt));
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
        register(feedbackId, fingerprint(text), contactKey, communeCode, receivedAt);
    }

    /** As {@link #register(String, String, String, String, Instant)}, for a text already {@link #fingerprint}ed. */
    public void register(
            String feedbackId, TextFingerprint text, String contactKey, String communeCode, Instant receivedAt) {
        Objects.requireNonNull(feedbackId, "feedbackId");
        Objects.requireNonNull(receivedAt, "receivedAt");
        if (text.isEmpty()) {
            return;
        }
        long[] shingles = text.shingles;
        long[] signature = text.signature;
        Document fingerprint = new Document("_id", feedbackId)
                .append("contactKey", contactKey)
                .append("communeCode", communeCode)
                .append("shingles", pack(shingles))
                .append("receivedAt", Date.from(receivedAt))
                .append("open", true);
        // each bucket keeps only its newest ids, so a text repeated thousands of times (a campaign) costs the same as
        // a rare one and still links to a recent open item
        List<UpdateOneModel<Document>> appends = new ArrayList<>();
        for (String bucketId : bucketIds(scopes(contactKey, communeCode), signature)) {
            appends.add(new UpdateOneModel<>(
                    Filters.eq("_id", bucketId),
                    Updates.pushEach("items", List.of(feedbackId), new PushOptions().slice(-BUCKET_SIZE)),
                    new UpdateOptions().upsert(true)));
        }
        fingerprints.replaceOne(Filters.eq("_id", feedbackId), fingerprint, new ReplaceOptions().upsert(true));
        if (!appends.isEmpty()) {
            // one unordered round trip
            buckets.bulkWrite(appends, new BulkWriteOptions().ordered(false));
        }
    }

    /** The item is no longer open (answered, closed, or confirmed as a duplicate): later submissions do not match it. */
    public void close(String feedbackId) {
        fingerprints.updateOne(Filters.eq("_id", feedbackId), Updates.set("open", false));
    }

    /** A submission's sources: its citizen (by contact key) and the commune it is about. */
    /**
     * Where a submission is compared by place: its commune, or for a denunciation the commune's denunciations only.
     * A denunciation linked to a named report or complaint with the same words would show the officers reading it
     * (often those it is about) who probably denounced them (Luật Tố cáo 2018, Art. 9); it carries no contact, so
     * the commune would be its only link. Denunciations still find each other (the same act denounced twice).
     */
    public static String placeOf(String communeCode, boolean denunciation) {
        return communeCode == null || !denunciation ? communeCode : "denunciations@" + communeCode;
    }

    private static List<String> scopes(String contactKey, String communeCode) {
        List<String> scopes = new ArrayList<>(2);
        if (contactKey != null) {
            scopes.add("k:" + contactKey);
        }
        if (communeCode != null) {
            scopes.add("c:" + communeCode);
        }
        return scopes;
    }

    private static List<String> bucketIds(List<String> scopes, long[] signature) {
        List<String> bands = MinHash.bands(signature);
        List<String> ids = new ArrayList<>(scopes.size() * LSH_BANDS);
        for (String scope : scopes) {
            for (String band : bands.subList(0, Math.min(LSH_BANDS, bands.size()))) {
                ids.add(scope + "|" + band);
            }
        }
        return ids;
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
