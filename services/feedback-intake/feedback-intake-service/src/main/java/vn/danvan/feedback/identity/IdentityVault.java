package vn.danvan.feedback.identity;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.bson.Document;
import org.bson.types.Binary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Update;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import vn.danvan.kit.security.Officer;
import vn.danvan.kit.web.NotFoundException;

/**
 * Denouncers' identities, sealed apart from the feedback items (Luật Tố cáo 2018, Art. 9): collection
 * {@value #IDENTITIES} holds only {@code {_id: feedbackId, ciphertext, keyId, sealedAt}}, and every opening is
 * recorded in {@value #READS} (who, for which unit, why, when) before anything is returned.
 *
 * <p>Nothing here logs or puts into an exception message an identity value; ids and key ids only.
 */
public class IdentityVault {

    static final String IDENTITIES = "denouncer_identities";
    static final String READS = "identity_reads";

    /** The longest reason an inspector may give for a read. */
    public static final int MAX_REASON_LENGTH = 500;

    private static final Logger log = LoggerFactory.getLogger(IdentityVault.class);

    // a private mapper: the sealed format must not change with the web layer's JSON settings
    private final JsonMapper json = JsonMapper.builder().build();
    private final MongoTemplate mongo;
    private final IdentityCipher cipher;
    private final Clock clock;

    IdentityVault(MongoTemplate mongo, IdentityCipher cipher, Clock clock) {
        this.mongo = mongo;
        this.cipher = cipher;
        this.clock = clock;
        mongo.indexOps(READS).createIndex(new Index().on("feedbackId", Sort.Direction.ASC));
    }

    /**
     * Seals the identity of the denouncer of an item, replacing any identity sealed for it before (a correction).
     * Call it before saving the item, so that no item exists whose identity was lost.
     */
    public void seal(String feedbackId, DenouncerIdentity identity) {
        requireId(feedbackId);
        Objects.requireNonNull(identity, "identity");
        byte[] plaintext = json.writeValueAsBytes(identity);
        try {
            IdentityCipher.Sealed sealed = cipher.seal(plaintext, feedbackId);
            mongo.save(
                    new Document("_id", feedbackId)
                            .append("ciphertext", new Binary(sealed.ciphertext()))
                            .append("keyId", sealed.keyId())
                            .append("sealedAt", Date.from(clock.instant())),
                    IDENTITIES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal the identity of feedback " + feedbackId, e);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
        log.debug("Sealed the denouncer's identity of feedback {}", feedbackId);
    }

    /**
     * Opens the identity for an inspector. The read is recorded first; if the record cannot be written, nothing is
     * returned.
     *
     * @param reason why the inspector needs it, kept in the audit trail; required, at most
     *     {@value #MAX_REASON_LENGTH} characters
     * @throws IllegalArgumentException without a reason
     * @throws NotFoundException when no identity is sealed for the item
     * @throws IllegalStateException when the sealed identity does not open (altered, or under a removed key)
     */
    public DenouncerIdentity open(String feedbackId, Officer inspector, String reason) {
        requireId(feedbackId);
        Objects.requireNonNull(inspector, "inspector");
        if (reason == null || reason.isBlank() || reason.length() > MAX_REASON_LENGTH) {
            throw new IllegalArgumentException("a read needs a reason of 1 to " + MAX_REASON_LENGTH + " characters");
        }
        Document sealed = mongo.findById(feedbackId, Document.class, IDENTITIES);
        if (sealed == null) {
            throw new NotFoundException("no sealed identity for feedback " + feedbackId);
        }
        DenouncerIdentity identity = decrypt(feedbackId, sealed);
        mongo.insert(
                new Document("feedbackId", feedbackId)
                        .append("officerId", inspector.id())
                        .append("unitCode", inspector.unitCode())
                        .append("reason", reason.strip())
                        .append("at", Date.from(clock.instant())),
                READS);
        log.info("Officer {} opened the denouncer's identity of feedback {}", inspector.id(), feedbackId);
        return identity;
    }

    /**
     * Removes the identity sealed for an item that was then not stored (its insert lost to a retry with the same
     * idempotency key, or failed): a denouncer's identity is kept only for an item that exists.
     */
    public void discard(String feedbackId) {
        requireId(feedbackId);
        mongo.remove(query(where("_id").is(feedbackId)), IDENTITIES);
    }

    /** Whether an identity is sealed for the item. */
    public boolean hasIdentity(String feedbackId) {
        requireId(feedbackId);
        return mongo.exists(query(where("_id").is(feedbackId)), IDENTITIES);
    }

    /**
     * Re-encrypts every identity sealed under a key other than the current primary, after a rotation made a new key
     * primary; once it returns, the old key can be removed from the keyset. Safe to run on several instances at once
     * and to run again.
     *
     * @return how many identities moved to the primary key
     * @throws IllegalStateException if an identity does not open with any key of the keyset (the others are moved)
     */
    public int resealWithPrimaryKey() {
        int primary = cipher.primaryKeyId();
        int moved = 0;
        List<String> unreadable = new ArrayList<>();
        try (Stream<Document> old = mongo.stream(query(where("keyId").ne(primary)), Document.class, IDENTITIES)) {
            for (Document document : (Iterable<Document>) old::iterator) {
                String feedbackId = document.getString("_id");
                Binary ciphertext = document.get("ciphertext", Binary.class);
                byte[] plaintext = null;
                try {
                    plaintext = cipher.open(ciphertext.getData(), feedbackId);
                    IdentityCipher.Sealed resealed = cipher.seal(plaintext, feedbackId);
                    // only if nobody sealed it anew meanwhile
                    moved += (int) mongo.updateFirst(
                                    query(where("_id")
                                            .is(feedbackId)
                                            .and("ciphertext")
                                            .is(ciphertext)),
                                    new Update()
                                            .set("ciphertext", new Binary(resealed.ciphertext()))
                                            .set("keyId", resealed.keyId())
                                            .set("resealedAt", Date.from(clock.instant())),
                                    IDENTITIES)
                            .getModifiedCount();
                } catch (GeneralSecurityException e) {
                    unreadable.add(feedbackId);
                } finally {
                    if (plaintext != null) {
                        Arrays.fill(plaintext, (byte) 0);
                    }
                }
            }
        }
        log.info("Resealed {} denouncers' identities under key {}", moved, primary);
        if (!unreadable.isEmpty()) {
            throw new IllegalStateException("identities of feedback " + unreadable + " open with no key of the keyset; "
                    + moved + " others were resealed");
        }
        return moved;
    }

    /** The reads of an item's identity, oldest first. */
    List<IdentityRead> reads(String feedbackId) {
        requireId(feedbackId);
        return mongo
                .find(query(where("feedbackId").is(feedbackId)).with(Sort.by("at", "_id")), Document.class, READS)
                .stream()
                .map(read -> new IdentityRead(
                        read.getString("officerId"),
                        read.getString("unitCode"),
                        read.getString("reason"),
                        read.getDate("at").toInstant()))
                .toList();
    }

    private DenouncerIdentity decrypt(String feedbackId, Document sealed) {
        byte[] plaintext;
        try {
            plaintext = cipher.open(sealed.get("ciphertext", Binary.class).getData(), feedbackId);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "the sealed identity of feedback " + feedbackId + " (key " + sealed.get("keyId")
                            + ") does not open: altered, moved from another item, or its key was removed",
                    e);
        }
        try {
            return json.readValue(plaintext, DenouncerIdentity.class);
        } catch (JacksonException e) {
            // no cause: a parser's message can quote the plaintext
            throw new IllegalStateException("the sealed identity of feedback " + feedbackId + " is not readable");
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    private static void requireId(String feedbackId) {
        if (feedbackId == null || feedbackId.isBlank()) {
            throw new IllegalArgumentException("a feedback id is required");
        }
    }
}
