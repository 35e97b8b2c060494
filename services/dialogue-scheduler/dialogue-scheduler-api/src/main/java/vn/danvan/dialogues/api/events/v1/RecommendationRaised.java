package vn.danvan.dialogues.api.events.v1;

import java.time.Instant;
import vn.danvan.kit.contract.DomainEvent;
import vn.danvan.kit.contract.EventType;

/**
 * A citizen raised a recommendation (kiến nghị) at a direct dialogue or a citizen-reception session, and the host's
 * secretariat recorded it. feedback-intake turns each one into a feedback item (channel {@code DIALOGUE}) linked to
 * it, so that its answer is tracked within the legal limits like any other.
 *
 * <p>The text is the recommendation as recorded in the dialogue's minutes, whose results are published by law (Luật
 * Tổ chức chính quyền địa phương 2025, Art. 43): it is public. Who raised it is not: never a name, contact or
 * identity number here.
 *
 * @param dialogueId the dialogue (or reception session) it was raised at, also the record key
 * @param recommendationId the recommendation's own id, unique across the platform: its consumers' once-only key
 * @param hostUnitCode the unit whose head hosted the dialogue (commune, province or agency code)
 * @param communeCode the commune the recommendation is about (post-2025 code): it decides who must answer
 * @param category the deployment's feedback category (land, environment, ...); null or unknown to the receiving
 *     deployment counts as its default category
 * @param subject a short title, at most 200 characters
 * @param content the recommendation as recorded, at most 10,000 characters
 * @param occurredAt when it was raised
 */
@EventType(value = "vn.danvan.dialogues.RecommendationRaised", version = 1)
public record RecommendationRaised(
        String dialogueId,
        String recommendationId,
        String hostUnitCode,
        String communeCode,
        String category,
        String subject,
        String content,
        Instant occurredAt)
        implements DomainEvent {

    @Override
    public String aggregateId() {
        return dialogueId;
    }
}
