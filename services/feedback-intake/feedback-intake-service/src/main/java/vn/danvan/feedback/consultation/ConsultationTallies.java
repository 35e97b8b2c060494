package vn.danvan.feedback.consultation;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import vn.danvan.feedback.api.events.v1.CommentStance;
import vn.danvan.feedback.api.events.v1.ConsultationCommentReceived;
import vn.danvan.kit.consumer.DeadLetters;
import vn.danvan.kit.consumer.IdempotentConsumers;
import vn.danvan.kit.consumer.ProcessedEventLog;
import vn.danvan.kit.consumer.ReceivedEvent;
import vn.danvan.kit.contract.EventStream;
import vn.danvan.kit.events.EventSerializer;

/**
 * Counts of comments per consultation, article and stance, kept by a consumer of the service's own
 * {@link ConsultationCommentReceived} events (docs/adr/0004-consultation-tallies.md), so the comment path stays one
 * insert.
 *
 * <p>Exactly once, in batches: a batch's comment events are first recorded in the kit's processed-event log, each
 * with its position, in one write; then one tally document per consultation and topic partition counts them, in one
 * single-document write that requires the shard's last counted offset to lie before the batch's first and moves it
 * to the batch's last. A batch delivered again after a crash finds its events recorded at their own positions and
 * counts only those past the shard's offset; the relay's second publication of an event (same id, a later offset)
 * finds the first copy recorded at another position and is skipped.
 */
class ConsultationTallies {

    static final String COLLECTION = "consultation_tallies";

    /** Consumer group of the binding and key in the processed-event log. */
    static final String GROUP = "feedback-intake-tallies";

    private static final String COMMENT_TYPE = EventStream.typeOf(ConsultationCommentReceived.class);

    private static final Logger log = LoggerFactory.getLogger(ConsultationTallies.class);

    private final MongoTemplate mongo;
    private final EventSerializer serializer;
    private final ProcessedEventLog processed;
    private final DeadLetters deadLetters;
    private final Clock clock;
    private final Counter applied;
    private final Counter duplicates;

    ConsultationTallies(
            MongoTemplate mongo,
            EventSerializer serializer,
            ProcessedEventLog processed,
            DeadLetters deadLetters,
            MeterRegistry meters,
            Clock clock) {
        this.mongo = mongo;
        this.serializer = serializer;
        this.processed = processed;
        this.deadLetters = deadLetters;
        this.clock = clock;
        this.applied = IdempotentConsumers.events(meters, GROUP, "applied");
        this.duplicates = IdempotentConsumers.events(meters, GROUP, "duplicate");
    }

    void createIndexes() {
        collection().createIndex(Indexes.ascending("consultationId"));
    }

    /**
     * Counts a batch of the stream; other event types are not this consumer's business. One write records the batch's
     * comment events in the processed-event log, then one conditional write per tally shard counts them: a batch of
     * 500 comments over six partitions is a handful of writes instead of three per comment.
     */
    void apply(List<ReceivedEvent> batch) {
        List<Comment> comments = new ArrayList<>();
        for (ReceivedEvent event : batch) {
            if (!COMMENT_TYPE.equals(event.type())) {
                continue;
            }
            try {
                comments.add(new Comment(event, serializer.fromJson(event.data(), ConsultationCommentReceived.class)));
            } catch (RuntimeException e) {
                // never recorded, never counted; the rest of the batch must not wait for it
                log.warn("Dead-lettering {}: not a readable comment", event);
                deadLetters.send(event, "not a readable comment: " + e.getMessage());
            }
        }
        if (comments.isEmpty()) {
            return;
        }
        Map<String, ProcessedEventLog.Recorded> before =
                processed.recordAll(GROUP, comments.stream().map(Comment::event).toList());
        Map<String, Shard> shards = new LinkedHashMap<>();
        for (Comment comment : comments) {
            ProcessedEventLog.Recorded recorded = before.get(comment.event().id());
            ReceivedEvent event = comment.event();
            boolean positioned = event.partition() != null && event.offset() != null;
            if (recorded != null && !(positioned && recorded.isAt(event))) {
                // the relay published it twice (same id, another offset): counted with its first copy
                duplicates.increment();
                continue;
            }
            // replays outside a binding carry no position: the processed-event log alone guards them
            String shard = comment.data().consultationId() + "/" + (positioned ? "p" + event.partition() : "replay");
            shards.computeIfAbsent(shard, id -> new Shard(comment.data().consultationId(), positioned))
                    .add(positioned ? event.offset() : -1, comment.data());
        }
        shards.forEach(this::count);
    }

    /** One conditional write: the shard's counts and offset move together, and only past what it counted. */
    private void count(String id, Shard shard) {
        Instant now = clock.instant();
        if (!shard.positioned) {
            collection().updateOne(Filters.eq("_id", id), shard.update(now, null), new UpdateOptions().upsert(true));
            applied.increment(shard.size());
            return;
        }
        try {
            collection()
                    .updateOne(
                            Filters.and(Filters.eq("_id", id), Filters.lt("lastOffset", shard.firstOffset())),
                            shard.update(now, shard.lastOffset()),
                            new UpdateOptions().upsert(true));
            applied.increment(shard.size());
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            // the shard counted some of these already (a batch delivered again after a crash): count the rest only
            Document stored = collection().find(Filters.eq("_id", id)).first();
            if (stored == null || !(stored.get("lastOffset") instanceof Number lastOffset)) {
                throw new IllegalStateException("tally shard " + id + " refused the batch but holds no offset");
            }
            long counted = lastOffset.longValue();
            Shard rest = shard.after(counted);
            if (rest.size() == 0) {
                return;
            }
            long matched = collection()
                    .updateOne(
                            Filters.and(Filters.eq("_id", id), Filters.eq("lastOffset", counted)),
                            rest.update(now, rest.lastOffset()))
                    .getMatchedCount();
            if (matched == 0) {
                // only one member of the group consumes a partition; another one got here during a rebalance
                // (a concurrency failure: the kit's batch retry waits and logs it as passing trouble, not as a bug)
                throw new ConcurrencyFailureException(
                        "tally shard " + id + " moved while counting; the batch is retried");
            }
            applied.increment(rest.size());
        }
    }

    private record Comment(ReceivedEvent event, ConsultationCommentReceived data) {}

    /** The comments of one batch for one tally shard, in offset order. */
    private static final class Shard {

        final String consultationId;
        final boolean positioned;
        final List<Long> offsets = new ArrayList<>();
        final List<ConsultationCommentReceived> comments = new ArrayList<>();

        Shard(String consultationId, boolean positioned) {
            this.consultationId = consultationId;
            this.positioned = positioned;
        }

        void add(long offset, ConsultationCommentReceived comment) {
            offsets.add(offset);
            comments.add(comment);
        }

        int size() {
            return comments.size();
        }

        long firstOffset() {
            return offsets.getFirst();
        }

        long lastOffset() {
            return offsets.getLast();
        }

        Shard after(long offset) {
            Shard rest = new Shard(consultationId, positioned);
            for (int i = 0; i < offsets.size(); i++) {
                if (offsets.get(i) > offset) {
                    rest.add(offsets.get(i), comments.get(i));
                }
            }
            return rest;
        }

        Bson update(Instant now, Long lastOffset) {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (ConsultationCommentReceived comment : comments) {
                counts.merge(
                        "articles." + comment.articleId() + "."
                                + comment.stance().name(),
                        1L,
                        Long::sum);
            }
            List<Bson> updates = new ArrayList<>();
            counts.forEach((field, n) -> updates.add(Updates.inc(field, n)));
            updates.add(Updates.inc("total", (long) comments.size()));
            updates.add(Updates.set("consultationId", consultationId));
            updates.add(Updates.set("updatedAt", Date.from(now)));
            if (lastOffset != null) {
                updates.add(Updates.set("lastOffset", lastOffset));
            }
            return Updates.combine(updates);
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
