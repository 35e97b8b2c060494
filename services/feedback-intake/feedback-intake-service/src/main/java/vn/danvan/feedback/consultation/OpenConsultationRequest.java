package vn.danvan.feedback.consultation;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import vn.danvan.feedback.text.PlainText;
import vn.danvan.feedback.text.VisibleText;
import vn.danvan.feedback.time.WithinYears;
import vn.danvan.kit.units.UnitCode;

/** An officer's request to open a consultation on a draft document. */
record OpenConsultationRequest(
        @NotBlank @VisibleText @PlainText @Size(max = 500) String title,
        @PlainText(multiline = true) @Size(max = 5000) String description,
        @NotEmpty @Size(max = 200) List<@NotNull @Valid SectionRequest> sections,
        @NotEmpty @Size(max = 100) List<@NotBlank @UnitCode String> unitCodes,
        @Schema(description = "ISO-8601 instant; " + WithinYears.IN_WORDS) @NotNull @WithinYears Instant opensAt,
        @Schema(description = "ISO-8601 instant, after opensAt and not past; " + WithinYears.IN_WORDS)
                @NotNull
                @WithinYears
                Instant closesAt) {

    OpenConsultationRequest {
        title = Texts.nfc(title);
        description = Texts.nfc(description);
    }

    record SectionRequest(
            @PlainText @Size(max = 500) String heading,
            @NotEmpty @Size(max = 500) List<@NotNull @Valid ArticleRequest> articles) {

        SectionRequest {
            heading = Texts.nfc(heading);
        }
    }

    /**
     * @param id how comments name the article, e.g. {@code dieu-9}: unique within the consultation
     */
    record ArticleRequest(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9_-]{1,40}", message = "{consultation.article.id.format}") String id,
            @NotBlank @VisibleText @PlainText @Size(max = 1000) String title) {

        ArticleRequest {
            title = Texts.nfc(title);
        }
    }
}
