package vn.danvan.feedback.consultation;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;
import vn.danvan.feedback.api.events.v1.CommentStance;
import vn.danvan.feedback.api.events.v1.ConsultationCommentReceived;
import vn.danvan.kit.consumer.PoisonEventException;
import vn.danvan.kit.consumer.ReceivedEvent;
import vn.danvan.kit.contract.EventStream;
import vn.danvan.kit.events.EventSerializer;

/**
 * Counts of comments per consultation, article and stance, kept by a consumer of the service's own
 * {@link ConsultationCommentReceived} events (docs/adr/0004-consultation-tallies.md), so the comment path stays one
 * insert.
 *
 * <p>Exactly once: one tally document per consultation and topic partition holds the offset of the last event it
 * counted, and the increment is conditional on the event's offset being higher, in the same single-document write. A
 * consumer that dies after counting and before the kit records the event id sees the event again at the same offset
 * and skips it; the relay's duplicates (same event id, later offset of the same partition) are skipped by the kit's
 * processed-event log, which the redelivered first copy is sure to have reached by then.
 */
class ConsultationTallies {

    static final String COLLECTION = "consultation_tallies";

    /** Consumer group of the binding and key in the processed-event log. */
    static final String GROUP = "feedback-intake-tallies";

    private static final String COMMENT_TYPE = EventStream.typeOf(ConsultationCommentReceived.class);

    /** The event types this consumer counts; the rest of the stream passes it by. */
    static final Set<String> TYPES = Set.of(COMMENT_TYPE);

    private final MongoTemplate mongo;
    private final EventSerializer serializer;
    private final Clock clock;

    ConsultationTallies(MongoTemplate mongo, EventSerializer serializer, Clock clock) {
        this.mongo = mongo;
        this.serializer = serializer;
        this.clock = clock;
    }

    void createIndexes() {
        collection().createIndex(Indexes.ascending("consultationId"));
    }

    /** Applies one event of the stream; other event types are not this consumer's business. */
    void apply(ReceivedEvent event) {
        if (!COMMENT_TYPE.equals(event.type())) {
            return;
        }
        ConsultationCommentReceived comment;
        try {
            comment = serializer.fromJson(event.data(), ConsultationCommentReceived.class);
        } catch (RuntimeException e) {
            throw new PoisonEventException("event " + event.id() + " is not a readable comment", e);
        }
        // replays outside a binding carry no position: the processed-event log alone guards them
        boolean positioned = event.partition() != null && event.offset() != null;
        String shard = positioned ? "p" + event.partition() : "replay";
        Bson filter = Filters.eq("_id", comment.consultationId() + "/" + shard);
        List<Bson> updates = new ArrayList<>(List.of(
                Updates.inc(
                        "articles." + comment.articleId() + "."
                                + comment.stance().name(),
                        1L),
                Updates.inc("total", 1L),
                Updates.set("consultationId", comment.consultationId()),
                Updates.set("updatedAt", Date.from(clock.instant()))));
        if (positioned) {
            filter = Filters.and(filter, Filters.lt("lastOffset", event.offset()));
            updates.add(Updates.set("lastOffset", event.offset()));
        }
        try {
            collection().updateOne(filter, Updates.combine(updates), new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            // the shard exists with this offset or a later one counted: the event was counted already
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    /** Counts per article (in the document's order) and stance, summed over the consultation's tally shards. */
    Summary summarise(Consultation consultation) {
        Map<String, Map<CommentStance, Long>> perArticle = new LinkedHashMap<>();
        consultation.articles().forEach(article -> perArticle.put(article.id(), new EnumMap<>(CommentStance.class)));
        Instant asOf = null;
        for (Document shard : collection().find(Filters.eq("consultationId", consultation.getId()))) {
            Document articles = shard.get("articles", Document.class);
            if (articles != null) {
                articles.forEach((articleId, counts) -> {
                    Map<CommentStance, Long> target = perArticle.get(articleId);
                    if (target != null && counts instanceof Document byStance) {
                        byStance.forEach((stance, n) ->
                                target.merge(CommentStance.valueOf(stance), ((Number) n).longValue(), Long::sum));
                    }
                });
            }
            Date updated = shard.getDate("updatedAt");
            if (updated != null && (asOf == null || updated.toInstant().isAfter(asOf))) {
                asOf = updated.toInstant();
            }
        }
        List<Summary.ArticleCounts> rows = new ArrayList<>();
        Map<CommentStance, Long> byStance = new EnumMap<>(CommentStance.class);
        for (CommentStance stance : CommentStance.values()) {
            byStance.put(stance, 0L);
        }
        perArticle.forEach((articleId, counts) -> {
            long agree = counts.getOrDefault(CommentStance.AGREE, 0L);
            long disagree = counts.getOrDefault(CommentStance.DISAGREE, 0L);
            long propose = counts.getOrDefault(CommentStance.PROPOSE_CHANGE, 0L);
            byStance.merge(CommentStance.AGREE, agree, Long::sum);
            byStance.merge(CommentStance.DISAGREE, disagree, Long::sum);
            byStance.merge(CommentStance.PROPOSE_CHANGE, propose, Long::sum);
            rows.add(new Summary.ArticleCounts(articleId, agree, disagree, propose, agree + disagree + propose));
        });
        long total = byStance.values().stream().mapToLong(Long::longValue).sum();
        return new Summary(consultation.getId(), asOf, total, byStance, rows);
    }

    private MongoCollection<Document> collection() {
        return mongo.getCollection(COLLECTION);
    }

    /**
     * @param asOf when the counts last changed: comments accepted after it may not be counted yet (null: none counted)
     */
    record Summary(
            String consultationId,
            Instant asOf,
            long total,
            Map<CommentStance, Long> byStance,
            List<ArticleCounts> articles) {

        record ArticleCounts(String articleId, long agree, long disagree, long proposeChange, long total) {}
    }
}
