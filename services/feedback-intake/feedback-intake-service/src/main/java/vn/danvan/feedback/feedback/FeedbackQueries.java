package vn.danvan.feedback.feedback;

import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Component;
import vn.danvan.feedback.api.events.v1.FeedbackKind;
import vn.danvan.feedback.paging.Keyset;
import vn.danvan.feedback.text.NoControlCharacters;
import vn.danvan.feedback.time.WithinYears;
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
     * @param text words that the subject or the content must contain (case-insensitive)
     */
    record Filter(
            @UnitCode String unit,
            FeedbackKind kind,
            FeedbackStatus status,
            @Size(max = 64) String category,
            Boolean overdue,
            @Parameter(description = "received at or after this (ISO-8601 instant); " + WithinYears.IN_WORDS)
                    @WithinYears
                    Instant from,
            @Parameter(description = "received before this (ISO-8601 instant); " + WithinYears.IN_WORDS) @WithinYears
                    Instant to,
            @Parameter(
                            description = "Words, as written, that the subject or the content contains"
                                    + " (case-insensitive; diacritics count: \"đường\" does not find \"duong\"; no"
                                    + " control characters: a NUL, a line break or a tab is a 400)",
                            example = "đèn đường")
                    @Size(max = 200)
                    @NoControlCharacters
                    String text,
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
            Pattern contains = Pattern.compile(Pattern.quote(words), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            // an officer remembers a phrase of the letter as often as its subject
            where.add(new Criteria()
                    .orOperator(
                            Criteria.where("subject").regex(contains),
                            Criteria.where("content").regex(contains)));
        }
        int limit = filter.limit() == null ? 50 : filter.limit();
        Keyset.Page<Feedback> page = Keyset.page(
                mongo, where, filter.cursor(), true, limit, Feedback.class, Feedback::getReceivedAt, Feedback::getId);
        return new FeedbackViews.Page(
                page.items().stream()
                        .map(item -> FeedbackViews.OfficerView.of(item, now))
                        .toList(),
                page.nextCursor());
    }
}
