package vn.danvan.feedback.feedback;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.beans.TypeMismatchException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import vn.danvan.feedback.api.events.v1.FeedbackKind;
import vn.danvan.kit.security.Officer;
import vn.danvan.kit.security.UnitScope;
import vn.danvan.kit.units.UnitCode;

/** Officers' lists: the caller's scope, filters, newest first, keyset (cursor) pagination that stays stable. */
@Component
class FeedbackQueries {

    /**
     * Query parameters of {@code GET /api/v1/feedback}.
     *
     * @param unit a unit within the caller's scope (default: the caller's unit): its whole subtree
     * @param text words that the subject must contain (case-insensitive)
     */
    record Filter(
            @UnitCode String unit,
            FeedbackKind kind,
            FeedbackStatus status,
            @Size(max = 64) String category,
            Boolean overdue,
            Instant from,
            Instant to,
            @Size(max = 200) String text,
            @Size(max = 200) String cursor,
            @Min(1) @Max(200) Integer limit) {}

    private final MongoTemplate mongo;
    private final UnitScope scope;
    private final Clock clock;

    FeedbackQueries(MongoTemplate mongo, UnitScope scope, Clock clock) {
        this.mongo = mongo;
        this.scope = scope;
        this.clock = clock;
    }

    FeedbackViews.Page page(Officer officer, Filter filter) {
        String unit = filter.unit() != null ? filter.unit() : officer.unitCode();
        scope.require(officer, unit);
        Instant now = clock.instant();
        List<Criteria> where = new ArrayList<>();
        where.add(Criteria.where("scopePath").is(unit));
        if (filter.kind() != null) {
            where.add(Criteria.where("kind").is(filter.kind()));
        }
        if (filter.status() != null) {
            where.add(Criteria.where("status").is(filter.status()));
        }
        if (filter.category() != null) {
            where.add(Criteria.where("category").is(filter.category()));
        }
        if (Boolean.TRUE.equals(filter.overdue())) {
            where.add(Criteria.where("openDeadline").lt(now));
        } else if (Boolean.FALSE.equals(filter.overdue())) {
            where.add(new Criteria()
                    .orOperator(
                            Criteria.where("openDeadline").is(null),
                            Criteria.where("openDeadline").gte(now)));
        }
        if (filter.from() != null) {
            where.add(Criteria.where("receivedAt").gte(filter.from()));
        }
        if (filter.to() != null) {
            where.add(Criteria.where("receivedAt").lt(filter.to()));
        }
        if (filter.text() != null && !filter.text().isBlank()) {
            String words = FeedbackService.normalize(filter.text().trim());
            where.add(Criteria.where("subject")
                    .regex(Pattern.compile(Pattern.quote(words), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)));
        }
        if (filter.cursor() != null) {
            Cursor after = Cursor.parse(filter.cursor());
            where.add(new Criteria()
                    .orOperator(
                            Criteria.where("receivedAt").lt(after.receivedAt()),
                            new Criteria()
                                    .andOperator(
                                            Criteria.where("receivedAt").is(after.receivedAt()),
                                            Criteria.where("_id").lt(after.id()))));
        }
        int limit = filter.limit() == null ? 50 : filter.limit();
        Query query = new Query(new Criteria().andOperator(where))
                .with(Sort.by(Sort.Order.desc("receivedAt"), Sort.Order.desc("_id")))
                .limit(limit + 1);
        List<Feedback> found = mongo.find(query, Feedback.class);
        boolean more = found.size() > limit;
        List<Feedback> page = more ? found.subList(0, limit) : found;
        String next =
                more ? new Cursor(page.getLast().getReceivedAt(), page.getLast().getId()).encode() : null;
        return new FeedbackViews.Page(
                page.stream()
                        .map(item -> FeedbackViews.OfficerView.of(item, now))
                        .toList(),
                next);
    }

    /** Position after the last item of a page: its receipt time and id (ties broken by id). */
    record Cursor(Instant receivedAt, String id) {

        String encode() {
            String raw = receivedAt.toEpochMilli() + ":" + id;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }

        static Cursor parse(String cursor) {
            try {
                String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                int colon = raw.indexOf(':');
                return new Cursor(
                        Instant.ofEpochMilli(Long.parseLong(raw.substring(0, colon))), raw.substring(colon + 1));
            } catch (RuntimeException e) {
                // a cursor is opaque and only ever comes from a page: one that does not decode is malformed input
                // (400 naming it, like any query value of the wrong form), not a broken business rule
                TypeMismatchException mismatch = new TypeMismatchException(cursor, Cursor.class, e);
                mismatch.initPropertyName("cursor");
                throw mismatch;
            }
        }
    }
}
