package vn.danvan.feedback.feedback;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.text.Normalizer;
import java.time.LocalDate;
import vn.danvan.feedback.api.events.v1.Channel;
import vn.danvan.feedback.api.events.v1.FeedbackKind;
import vn.danvan.feedback.identity.DenouncerIdentity;
import vn.danvan.feedback.text.PlainText;
import vn.danvan.feedback.text.VisibleText;
import vn.danvan.feedback.time.WithinYears;

/**
 * A submission, from the public form, an officer entering a letter or a hotline call, an import row or a dialogue.
 * Field limits answer 400 naming the field (a subject or content of only invisible characters, zero-width spaces say,
 * is blank; a control character or a text direction control in any text a person writes is named by its code point,
 * {@link PlainText}); rules between fields (a complaint needs a contact, a denunciation an identity, only a complaint has a
 * day its decision was known) answer 422.
 */
public record SubmitFeedback(
        @NotNull FeedbackKind kind,
        @NotNull Channel channel,
        @Schema(description = "One line of at most 200 characters (counted in NFC): " + PlainText.ONE_LINE)
                @NotBlank
                @VisibleText
                @PlainText
                @Size(max = 200)
                String subject,
        @Schema(description = "At most 10,000 characters (counted in NFC): " + PlainText.LINES)
                @NotBlank
                @VisibleText
                @PlainText(multiline = true)
                @Size(max = 10_000)
                String content,
        @NotBlank @Size(max = 64) String category,
        @NotNull @Valid Location location,
        @Valid Contact contact,
        @Valid DenouncerIdentity denouncer,
        @Size(max = 64) String consultationId,
        @Size(max = 64) String modelId,
        @Min(1) @Max(5) Integer modelRating,
        Boolean secondTime,
        Boolean emergency,
        @Schema(
                        description = "Complaints only: the day the complainant received the administrative decision or"
                                + " knew of the administrative act (ISO date, not after the day the complaint arrives)."
                                + " Officers then see whether the 90-day filing limit (Luật Khiếu nại 2011, Art. 9) had"
                                + " passed on arrival; the complaint is never refused for it. 422 on another kind or a"
                                + " later date; a 400 before "
                                + WithinYears.FIRST_RECALLED
                                + " or after "
                                + WithinYears.LAST
                                + ".",
                        example = "2026-01-15")
                @WithinYears(firstYear = WithinYears.FIRST_RECALLED)
                LocalDate decisionKnownOn) {

    /**
     * Texts in one Unicode form (NFC) before their limits are checked: a Vietnamese text typed with combining marks
     * (NFD: "ệ" as e + two marks) is up to three times as long in chars, and a 150-letter subject was refused as over
     * 200. The item keeps them in this form anyway.
     */
    public SubmitFeedback {
        subject = nfc(subject);
        content = nfc(content);
    }

    private static String nfc(String text) {
        return text == null || Normalizer.isNormalized(text, Normalizer.Form.NFC)
                ? text
                : Normalizer.normalize(text, Normalizer.Form.NFC);
    }

    /** A second complaint on the same decision (longer limits); complaints only (422 on another kind). Absent: no. */
    public boolean isSecondTime() {
        return Boolean.TRUE.equals(secondTime);
    }

    /**
     * An emergency opinion, recommendation or report (answered within the shorter service level); 422 on the kinds with
     * no service level. Absent means no.
     */
    public boolean isEmergency() {
        return Boolean.TRUE.equals(emergency);
    }

    /** Masked: a submission may carry a denouncer's identity. */
    @Override
    public String toString() {
        return "SubmitFeedback[kind=" + kind + ", channel=" + channel + ", category=" + category + "]";
    }
}
