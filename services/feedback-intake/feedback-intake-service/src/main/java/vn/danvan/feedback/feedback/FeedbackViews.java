package vn.danvan.feedback.feedback;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import vn.danvan.feedback.api.events.v1.Channel;
import vn.danvan.feedback.api.events.v1.FeedbackKind;

/** What the API shows of an item, to whom. */
final class FeedbackViews {

    private FeedbackViews() {}

    /**
     * The answer to a submission.
     *
     * @param possibleDuplicate for staff only: whether the text nearly repeats an open item from the same contact or
     *     place (officers will look at both together). Left out for anyone else: sending the text of someone else's
     *     denunciation, or the same text with a given phone number, would tell the sender whether it exists or
     *     whether that phone sent it. Officers see the link on the item.
     */
    record Receipt(
            String id,
            String trackingCode,
            FeedbackStatus status,
            @Schema(description = "the status in words, as the tracking page gives it: \"đã tiếp nhận\" / \"received\"")
                    String statusLabel,
            Instant deadline,
            @Schema(
                            description = "Only when the sender is signed in with a staff role (an officer entering a"
                                    + " letter): true when the text nearly repeats an open item from the same contact"
                                    + " or place. Left out for anonymous and citizen senders, to whom it would reveal"
                                    + " whether someone else sent the same; officers see the link on the item"
                                    + " (duplicateOf).",
                            requiredMode = Schema.RequiredMode.NOT_REQUIRED)
                    @JsonInclude(JsonInclude.Include.NON_NULL)
                    Boolean possibleDuplicate) {

        /** @param staff whether the sender is signed in with a staff role: only then is the duplicate flag given */
        static Receipt of(Feedback item, TrackingLabels labels, Locale locale, boolean staff) {
            return new Receipt(
                    item.getId(),
                    item.getTrackingCode(),
                    item.getStatus(),
                    labels.status(item.getStatus(), locale),
                    item.currentDeadline(),
                    staff ? item.getDuplicateOf() != null : null);
        }
    }

    /** An officer's view within their scope: everything needed to handle the item, never a denouncer's identity. */
    record OfficerView(
            String id,
            String trackingCode,
            FeedbackKind kind,
            Channel channel,
            String subject,
            String content,
            String category,
            Location location,
            Contact contact,
            boolean protectedIdentity,
            String responsibleUnit,
            FeedbackStatus status,
            List<String> allowedActions,
            Instant receivedAt,
            @Schema(description = "complaints: the day the complainant received the decision or knew of the act")
                    LocalDate decisionKnownOn,
            FilingLimit filingLimit,
            Instant acceptBy,
            Instant acceptedAt,
            Instant resolveBy,
            Instant deadline,
            boolean overdue,
            int extensions,
            Instant withdrawalRequestedAt,
            String assignee,
            String answer,
            Instant answeredAt,
            Integer rating,
            DuplicateLink duplicateOf,
            String dialogueRecommendationId,
            String consultationId,
            String modelId,
            List<TimelineEntry> timeline) {

        static OfficerView of(Feedback item, Instant now) {
            return new OfficerView(
                    item.getId(),
                    codeForOfficers(item),
                    item.getKind(),
                    item.getChannel(),
                    item.getSubject(),
                    item.getContent(),
                    item.getCategory(),
                    item.getLocation(),
                    item.getContact(),
                    item.hasProtectedIdentity(),
                    item.getResponsibleUnit(),
                    item.getStatus(),
                    item.allowedActions(),
                    item.getReceivedAt(),
                    item.decisionKnownOn(),
                    item.filingLimit(),
                    item.getAcceptBy(),
                    item.getAcceptedAt(),
                    item.getResolveBy(),
                    item.currentDeadline(),
                    item.isOverdue(now),
                    item.getExtensions(),
                    item.getWithdrawalRequestedAt(),
                    item.getAssignee(),
                    item.getAnswer(),
                    item.getAnsweredAt(),
                    item.getRating(),
                    item.getDuplicateOf(),
                    item.getDialogueRecommendationId(),
                    item.getConsultationId(),
                    item.getModelId(),
                    item.getTimeline());
        }
    }

    /**
     * The tracking code proves the citizen's own actions (rate, reopen, withdraw), so officers, whose answers the
     * citizen rates, do not see it when the citizen got it on their own screen (web, app). They do see it for what
     * they entered for a citizen (a letter, a hotline call, a reception, a dialogue, an import), whose code they must
     * pass on; holding it, they still may not take those steps (no one signed in with a staff role may).
     */
    private static String codeForOfficers(Feedback item) {
        return item.getChannel() == Channel.WEB || item.getChannel() == Channel.APP ? null : item.getTrackingCode();
    }

    /**
     * The public tracking page ("dân kiểm tra"): where the item stands and the public answer. No subject, content,
     * contact, officer or identity: a tracking code may be read over someone's shoulder. Nor whether it was found to
     * repeat another item (the officers' duplicate steps): whoever sent the text of someone else's letter would learn
     * that it exists. Every code comes with its label in the caller's language, for the citizen; programs keep
     * switching on the codes.
     */
    @Schema(
            description = "Where a citizen's item stands. Each code (kind, status, a step's action, status and reason)"
                    + " comes with a label beside it (kindLabel, statusLabel, ...), in Vietnamese unless the request's"
                    + " Accept-Language ranks English above Vietnamese (the response's Content-Language says which);"
                    + " clients switch on the codes and show the labels.")
    record TrackingView(
            String trackingCode,
            FeedbackKind kind,
            @Schema(description = "the kind in words: \"khiếu nại\" / \"complaint\"") String kindLabel,
            FeedbackStatus status,
            @Schema(description = "the status in words: \"đang xử lý\" / \"in progress\"") String statusLabel,
            @Schema(description = "code of the unit responsible now") String responsibleUnit,
            @Schema(description = "its name (\"Phường Phú Xuân\"), the same in both languages")
                    String responsibleUnitName,
            Instant receivedAt,
            Instant deadline,
            String answer,
            Instant answeredAt,
            Integer rating,
            boolean withdrawalRequested,
            List<Step> timeline) {

        /**
         * @param reason of a rejection, the reason from the fixed list ({@link RejectionReason}); null for other steps
         * @param note what the citizen may read: the public answer, or the note given with a rejection
         */
        record Step(
                Instant at,
                String action,
                @Schema(description = "the step in words: \"thụ lý\" / \"accept\"") String actionLabel,
                FeedbackStatus status,
                @Schema(description = "the status after the step, in words") String statusLabel,
                @Schema(description = "a rejection's reason code (RejectionReason); null for other steps")
                        String reason,
                @Schema(description = "the reason in words: \"đã hết thời hiệu khiếu nại\" / ...") String reasonLabel,
                String note) {}

        static TrackingView of(Feedback item, TrackingLabels labels, Locale locale) {
            return new TrackingView(
                    item.getTrackingCode(),
                    item.getKind(),
                    labels.kind(item.getKind(), locale),
                    item.getStatus(),
                    labels.status(item.getStatus(), locale),
                    item.getResponsibleUnit(),
                    labels.unitName(item.getResponsibleUnit()),
                    item.getReceivedAt(),
                    item.currentDeadline(),
                    item.getAnswer(),
                    item.getAnsweredAt(),
                    item.getRating(),
                    item.getWithdrawalRequestedAt() != null,
                    item.getTimeline().stream()
                            .filter(e -> !DUPLICATE_STEPS.contains(e.action()))
                            .map(e -> step(e, labels, locale))
                            .toList());
        }

        private static final Set<String> DUPLICATE_STEPS = Set.of("confirm-duplicate", "dismiss-duplicate");

        /** A citizen whose letter is refused learns why: the reason and the officer's note for them. */
        private static Step step(TimelineEntry e, TrackingLabels labels, Locale locale) {
            boolean rejection = "reject".equals(e.action());
            String reason = rejection ? e.reason() : null;
            return new Step(
                    e.at(),
                    e.action(),
                    labels.action(e.action(), locale),
                    e.toStatus(),
                    labels.status(e.toStatus(), locale),
                    reason,
                    labels.rejectionReason(reason, locale),
                    rejection || "answer".equals(e.action()) ? e.publicNote() : null);
        }
    }

    /** One page of a list, and the cursor of the next (null on the last page). */
    record Page(List<OfficerView> items, String nextCursor) {}
}
