package vn.danvan.feedback.consultation;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Transient;
import org.springframework.data.mongodb.core.mapping.Document;
import vn.danvan.feedback.api.events.v1.CommentStance;
import vn.danvan.feedback.api.events.v1.ConsultationClosed;
import vn.danvan.feedback.api.events.v1.ConsultationOpened;
import vn.danvan.kit.outbox.OutboxAggregate;
import vn.danvan.kit.web.IllegalTransitionException;

/**
 * A consultation (đợt lấy ý kiến) on a draft document: its sections and articles, the units consulted and the window
 * in which comments are accepted. Comments are not inside it: each is its own document (see
 * {@link ConsultationComment}), so that millions of them never contend on this one.
 */
@Document("consultations")
class Consultation extends OutboxAggregate {

    @Id
    private String id;

    private String title;
    private String description;
    private List<Section> sections;
    private List<String> unitCodes;
    private Instant opensAt;
    private Instant closesAt;
    private String openedBy;

    /** The unit of the officer who opened it: closing early is that unit's decision (or a unit above it). */
    private String openedByUnit;

    private Instant openedAt;
    private Instant closedAt;
    private String closedBy;

    /** Derived, for the comment path's article check on a cached copy; racing threads compute the same set. */
    @Transient
    private volatile Set<String> articleIds;

    record Section(String heading, List<Article> articles) {}

    record Article(String id, String title) {}

    enum Status {
        /** opens later: comments are refused */
        SCHEDULED,
        OPEN,
        /** past its closing time or closed by an officer */
        CLOSED
    }

    static Consultation open(
            String id,
            String title,
            String description,
            List<Section> sections,
            List<String> unitCodes,
            Instant opensAt,
            Instant closesAt,
            String officerId,
            String officerUnit,
            Instant now) {
        Consultation consultation = new Consultation();
        consultation.id = id;
        consultation.title = title;
        consultation.description = description;
        consultation.sections = List.copyOf(sections);
        consultation.unitCodes = List.copyOf(unitCodes);
        consultation.opensAt = opensAt;
        consultation.closesAt = closesAt;
        consultation.openedBy = officerId;
        consultation.openedByUnit = officerUnit;
        consultation.openedAt = now;
        consultation.record(new ConsultationOpened(
                id,
                title,
                consultation.unitCodes,
                opensAt,
                closesAt,
                consultation.articles().size()));
        return consultation;
    }

    /** Closes it (early, or to publish the final totals once its time is up); closing twice is refused. */
    ConsultationClosed close(String officerId, Instant now, Map<CommentStance, Long> totals) {
        if (closedAt != null) {
            throw new IllegalTransitionException(Status.CLOSED.name(), "close", List.of());
        }
        closedAt = now;
        closedBy = officerId;
        long agree = totals.getOrDefault(CommentStance.AGREE, 0L);
        long disagree = totals.getOrDefault(CommentStance.DISAGREE, 0L);
        long propose = totals.getOrDefault(CommentStance.PROPOSE_CHANGE, 0L);
        return new ConsultationClosed(id, now, agree + disagree + propose, agree, disagree, propose);
    }

    Status statusAt(Instant now) {
        if (closedAt != null || !now.isBefore(closesAt)) {
            return Status.CLOSED;
        }
        return now.isBefore(opensAt) ? Status.SCHEDULED : Status.OPEN;
    }

    boolean hasArticle(String articleId) {
        Set<String> ids = articleIds;
        if (ids == null) {
            ids = articles().stream().map(Article::id).collect(Collectors.toUnmodifiableSet());
            articleIds = ids;
        }
        return ids.contains(articleId);
    }

    List<Article> articles() {
        return sections.stream().flatMap(section -> section.articles().stream()).toList();
    }

    String getId() {
        return id;
    }

    String getTitle() {
        return title;
    }

    String getDescription() {
        return description;
    }

    List<Section> getSections() {
        return sections;
    }

    List<String> getUnitCodes() {
        return unitCodes;
    }

    /** The opening officer's unit; null for consultations opened before it was kept. */
    String getOpenedByUnit() {
        return openedByUnit;
    }

    Instant getOpensAt() {
        return opensAt;
    }

    Instant getClosesAt() {
        return closesAt;
    }

    Instant getOpenedAt() {
        return openedAt;
    }

    Instant getClosedAt() {
        return closedAt;
    }
}
