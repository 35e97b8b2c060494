package vn.danvan.feedback.consultation;

/**
 * What the feedback feature asks of consultations: an item linked to a consultation names one that exists, and a
 * comment sent as a feedback item ({@code CONSULTATION_COMMENT}) comes while it takes comments, as on the comment path.
 */
public interface ConsultationLinks {

    /**
     * @param comment whether the item is a comment on it, so the consultation must be open now
     * @throws vn.danvan.kit.web.RuleViolationException {@code feedback.consultation.unknown}
     * @throws vn.danvan.kit.web.ConflictException {@code consultation.not-open-yet} or {@code consultation.closed}
     */
    void check(String consultationId, boolean comment);
}
