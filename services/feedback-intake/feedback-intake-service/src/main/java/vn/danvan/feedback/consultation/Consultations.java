package vn.danvan.feedback.consultation;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import vn.danvan.feedback.api.events.v1.Channel;
import vn.danvan.feedback.api.events.v1.CommentStance;
import vn.danvan.feedback.channel.ChannelRules;
import vn.danvan.feedback.paging.Keyset;
import vn.danvan.feedback.time.LocalTimes;
import vn.danvan.kit.events.EventIds;
import vn.danvan.kit.security.Officer;
import vn.danvan.kit.security.UnitScope;
import vn.danvan.kit.units.AdministrativeUnits;
import vn.danvan.kit.web.ConflictException;
import vn.danvan.kit.web.NotFoundException;
import vn.danvan.kit.web.RuleViolationException;

/** Opening, closing and commenting on consultations. */
class Consultations implements ConsultationLinks {

    private static final int CLOSE_ATTEMPTS = 3;

    /** Who closed a consultation that its closing time closed. */
    static final String CLOSED_BY_TIME = "closing-time";

    /**
     * Until when a replica's closer holds a due consultation (a field of the stored document only, which the closing
     * save drops).
     */
    static final String CLOSING_CLAIMED_UNTIL = "closingClaimedUntil";

    static final Duration CLOSING_CLAIM = Duration.ofMinutes(10);

    private final ConsultationRepository consultations;
    private final ConsultationCatalog catalog;
    private final MongoTemplate mongo;
    private final UnitScope scope;
    private final AdministrativeUnits units;
    private final Clock clock;
    private final CommentWriter writer;

    Consultations(
            ConsultationRepository consultations,
            ConsultationCatalog catalog,
            MongoTemplate mongo,
            UnitScope scope,
            AdministrativeUnits units,
            Clock clock) {
        this.units = units;
        this.consultations = consultations;
        this.catalog = catalog;
        this.mongo = mongo;
        this.scope = scope;
        this.clock = clock;
        this.writer = new CommentWriter(mongo);
    }

    /**
     * The comment path writes no index but these: the one closing a consultation counts by, and those officers page
     * the comments by, all of them or one article's or one stance's (a national consultation has hundreds of
     * millions: a scan per page is not an option). The stance's also serves the closing count, so the former
     * {@code consultationId, stance} index is dropped. The consultations themselves are few, but large (their
     * articles), and every replica looks for the ones due to close every 30 s.
     */
    void createIndexes() {
        MongoCollection<Document> comments = mongo.getCollection(ConsultationComment.COLLECTION);
        comments.createIndex(Indexes.ascending("consultationId", "receivedAt", "_id"));
        comments.createIndex(Indexes.ascending("consultationId", "stance", "receivedAt", "_id"));
        comments.createIndex(Indexes.ascending("consultationId", "articleId", "receivedAt", "_id"));
        boolean former = false;
        for (Document index : comments.listIndexes()) {
            former |= "consultationId_1_stance_1".equals(index.getString("name"));
        }
        try {
            if (former) { // listed first: a drop of a missing index is an error the store logs at every start
                comments.dropIndex("consultationId_1_stance_1");
            }
        } catch (MongoCommandException e) {
            if (e.getErrorCode() != INDEX_NOT_FOUND && e.getErrorCode() != NAMESPACE_NOT_FOUND) {
                throw e;
            }
        }
        mongo.getCollection(mongo.getCollectionName(Consultation.class))
                .createIndex(Indexes.ascending("closedAt", "closesAt"));
    }

    /** MongoDB's error codes for a drop of an index, or in a collection, that does not exist. */
    private static final int INDEX_NOT_FOUND = 27;

    private static final int NAMESPACE_NOT_FOUND = 26;

    Consultation open(Officer officer, OpenConsultationRequest request) {
        for (String unitCode : request.unitCodes()) {
            scope.require(officer, unitCode);
        }
        Instant now = clock.instant();
        if (!request.closesAt().isAfter(request.opensAt())) {
            throw new RuleViolationException("consultation.closes-before-opens");
        }
        if (!request.closesAt().isAfter(now)) {
            throw new RuleViolationException("consultation.closes-in-past");
        }
        Set<String> seen = new HashSet<>();
        List<Consultation.Section> sections = request.sections().stream()
                .map(section -> new Consultation.Section(
                        section.heading(),
                        section.articles().stream()
                                .map(article -> {
                                    if (!seen.add(article.id())) {
                                        throw new RuleViolationException(
                                                "consultation.duplicate-article", article.id());
                                    }
                                    return new Consultation.Article(article.id(), article.title());
                                })
                                .toList()))
                .toList();
        Consultation consultation = Consultation.open(
                EventIds.next().toString(),
                request.title(),
                request.description(),
                sections,
                List.copyOf(new java.util.LinkedHashSet<>(request.unitCodes())),
                request.opensAt(),
                request.closesAt(),
                officer.id(),
                officer.unitCode(),
                now);
        return consultations.save(consultation);
    }

    Consultation get(String id) {
        return consultations.findById(id).orElseThrow(() -> new NotFoundException("consultation " + id));
    }

    /**
     * Officers close only consultations whose every unit lies in their scope, and that their unit (or one below it)
     * opened: a commune officer does not end early the province's consultation of their commune. Others look absent
     * (404).
     */
    Consultation close(Officer officer, String id) {
        // the outbox relay writes the same document (it settles what it published), so a save can lose a race
        // that is nobody's fault: read again and retry rather than answer 409 to the officer
        for (int attempt = 1; ; attempt++) {
            Consultation consultation = get(id);
            for (String unitCode : consultation.getUnitCodes()) {
                scope.require(officer, unitCode);
            }
            if (consultation.getOpenedByUnit() != null) {
                scope.require(officer, consultation.getOpenedByUnit());
            }
            Instant now = clock.instant();
            consultation.record(consultation.close(officer.id(), now, countByStance(id)));
            try {
                Consultation saved = consultations.save(consultation);
                catalog.forget(id);
                return saved;
            } catch (OptimisticLockingFailureException raced) {
                if (attempt >= CLOSE_ATTEMPTS) {
                    throw raced;
                }
            }
        }
    }

    /**
     * Closes the consultations whose closing time has passed and that nobody closed, at their closing time, so that
     * their final totals are published ({@code ConsultationClosed}) without an officer's action. Every replica runs it
     * ({@link ConsultationCloser}): one claims a consultation and counts its comments; a save that races an
     * officer's close loses on the version.
     *
     * @return the consultations this call closed
     */
    int closeDue() {
        int closed = 0;
        for (Consultation due : consultations.findByClosedAtIsNullAndClosesAtLessThanEqual(clock.instant())) {
            if (!claimClosing(due.getId())) {
                continue; // another replica is counting its comments
            }
            for (int attempt = 1; attempt <= CLOSE_ATTEMPTS; attempt++) {
                Consultation consultation = get(due.getId());
                if (consultation.getClosedAt() != null) {
                    break; // closed meanwhile, by an officer or another replica
                }
                consultation.record(consultation.close(
                        CLOSED_BY_TIME, consultation.getClosesAt(), countByStance(consultation.getId())));
                try {
                    consultations.save(consultation);
                    catalog.forget(consultation.getId());
                    closed++;
                    break;
                } catch (OptimisticLockingFailureException raced) {
                    // the relay settled, or another replica closed it: read again
                }
            }
        }
        return closed;
    }

    /**
     * Claims the closing of a consultation for this replica for {@link #CLOSING_CLAIM}: counting a national
     * consultation's comments reads hundreds of millions of index entries, and every replica's closer finds the same
     * consultations due at about the same time. A replica that stops while closing leaves a claim that lapses.
     */
    private boolean claimClosing(String id) {
        Instant now = clock.instant();
        return mongo.getCollection(mongo.getCollectionName(Consultation.class))
                        .updateOne(
                                Filters.and(
                                        Filters.eq("_id", id),
                                        Filters.eq("closedAt", null),
                                        Filters.or(
                                                Filters.exists(CLOSING_CLAIMED_UNTIL, false),
                                                Filters.lt(CLOSING_CLAIMED_UNTIL, Date.from(now)))),
                                Updates.set(CLOSING_CLAIMED_UNTIL, Date.from(now.plus(CLOSING_CLAIM))))
                        .getModifiedCount()
                == 1;
    }

    @Override
    public void check(String consultationId, boolean comment) {
        Consultation consultation = catalog.find(consultationId)
                .orElseThrow(() -> new RuleViolationException("feedback.consultation.unknown", consultationId)
                        .onField("consultationId"));
        if (comment) {
            requireOpen(consultation, clock.instant());
        }
    }

    private static void requireOpen(Consultation consultation, Instant now) {
        switch (consultation.statusAt(now)) {
            // the citizen's clock, not UTC: "11:05 ngày 07/12/2026"
            case SCHEDULED ->
                throw new ConflictException(
                        "consultation.not-open-yet", LocalTimes.clockAndDay(consultation.getOpensAt()));
            case CLOSED -> throw new ConflictException("consultation.closed");
            case OPEN -> {}
        }
    }

    /** The hot path: one cached read (usually none from the store) and one insert, shared with concurrent comments. */
    /**
     * Stores a citizen's comment. With an Idempotency-Key, a retry (the same key, the same comment) returns the
     * comment stored first and counts nothing again; the same key with another comment is a conflict.
     *
     * @param caller the signed-in caller, null when anonymous: only officers enter a letter's, a hotline call's or a
     *     reception's comment
     */
    ConsultationComment comment(String consultationId, CommentRequest request, String idempotencyKey, Officer caller) {
        Consultation consultation =
                catalog.find(consultationId).orElseThrow(() -> new NotFoundException("consultation " + consultationId));
        Instant now = clock.instant();
        Channel sentOn = request.channel() == null ? Channel.WEB : request.channel();
        // the channel is a figure of the consultation's summary: a reception's comment is the officer's to enter
        ChannelRules.requireSendable(sentOn, caller);
        if (idempotencyKey != null && consultation.statusAt(now) != Consultation.Status.OPEN) {
            // a retry of a comment stored before the consultation closed (an app retrying at the deadline): the
            // comment stands and was counted, so the retry gets it, not a refusal
            ConsultationComment earlier =
                    mongo.findById(keyedId(consultationId, idempotencyKey), ConsultationComment.class);
            if (earlier != null) {
                if (!fingerprintOf(request, sentOn).equals(earlier.getRequestFingerprint())) {
                    throw new ConflictException("consultation.idempotency-key.reused");
                }
                return earlier;
            }
        }
        requireOpen(consultation, now);
        if (!consultation.hasArticle(request.articleId())) {
            throw new RuleViolationException("consultation.unknown-article", request.articleId()).onField("articleId");
        }
        if (request.communeCode() != null
                && consultation.getUnitCodes().stream().noneMatch(u -> units.isWithin(request.communeCode(), u))) {
            // the consultation asks these units' people: a comment from elsewhere would be counted as theirs
            throw new RuleViolationException("consultation.commune-not-consulted").onField("communeCode");
        }
        Channel channel = sentOn;
        ConsultationComment comment = ConsultationComment.receive(
                idempotencyKey == null ? EventIds.next().toString() : keyedId(consultationId, idempotencyKey),
                consultationId,
                request.articleId(),
                request.stance(),
                request.text(),
                request.communeCode(),
                channel,
                // as stored (a date in milliseconds): a retry is answered with the time the first was
                now.truncatedTo(ChronoUnit.MILLIS));
        if (idempotencyKey == null) {
            return writer.insert(comment);
        }
        String fingerprint = fingerprintOf(request, channel);
        ConsultationComment stored = writer.insert(comment.keyed(fingerprint));
        if (!fingerprint.equals(stored.getRequestFingerprint())) {
            throw new ConflictException("consultation.idempotency-key.reused");
        }
        return stored;
    }

    /** One page of a consultation's comments, oldest first, and the cursor of the next (null on the last page). */
    record CommentPage(List<ConsultationComment> comments, String nextCursor) {}

    /**
     * The comments themselves, for the officers who must read the proposed changes: those whose scope covers every
     * consulted unit (others get 404, as if it did not exist). Filtered by article and stance; keyset pages by
     * (receivedAt, id), stable while comments keep arriving.
     */
    CommentPage comments(Officer officer, String id, String articleId, CommentStance stance, String cursor, int limit) {
        Consultation consultation = get(id);
        for (String unitCode : consultation.getUnitCodes()) {
            scope.require(officer, unitCode);
        }
        List<Criteria> where = new ArrayList<>();
        where.add(Criteria.where("consultationId").is(id));
        if (articleId != null) {
            where.add(Criteria.where("articleId").is(articleId));
        }
        if (stance != null) {
            where.add(Criteria.where("stance").is(stance));
        }
        Keyset.Page<ConsultationComment> page = Keyset.page(
                mongo,
                where,
                cursor,
                false,
                limit,
                ConsultationComment.class,
                ConsultationComment::getReceivedAt,
                ConsultationComment::getId);
        return new CommentPage(page.items(), page.nextCursor());
    }

    /** What a retry with the same key must repeat. */
    private static String fingerprintOf(CommentRequest request, Channel channel) {
        return sha256(String.join(
                "\u0000",
                request.articleId(),
                String.valueOf(request.stance()),
                String.valueOf(
                        request.text() == null ? null : Normalizer.normalize(request.text(), Normalizer.Form.NFC)),
                String.valueOf(request.communeCode()),
                String.valueOf(channel)));
    }

    /** The id of a comment sent with a key: the same for every retry of it, another for another consultation. */
    private static String keyedId(String consultationId, String idempotencyKey) {
        return "k-" + sha256(consultationId + "\u0000" + idempotencyKey).substring(0, 40);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<CommentStance, Long> countByStance(String consultationId) {
        Map<CommentStance, Long> counts = new EnumMap<>(CommentStance.class);
        for (Document row : mongo.getCollection(ConsultationComment.COLLECTION)
                .aggregate(List.of(
                        Aggregates.match(Filters.eq("consultationId", consultationId)),
                        Aggregates.group("$stance", Accumulators.sum("count", 1))))) {
            counts.put(CommentStance.valueOf(row.getString("_id")), ((Number) row.get("count")).longValue());
        }
        return counts;
    }
}
