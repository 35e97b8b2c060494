package vn.danvan.feedback.consultation;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import vn.danvan.feedback.api.events.v1.Channel;
import vn.danvan.feedback.api.events.v1.CommentStance;
import vn.danvan.feedback.text.PlainText;
import vn.danvan.kit.units.UnitCode;
import vn.danvan.kit.units.UnitType;

/**
 * A citizen's comment on one article; anonymous. The text is normalised to NFC before its length is checked.
 *
 * @param communeCode the commune the commenter lives in, if they say so
 * @param channel how it arrived; the web when not given. HOTLINE, LETTER and RECEPTION only from an officer, DIALOGUE
 *     and IMPORT never: as for feedback items (ChannelRules)
 */
@TextRequiredToProposeChange
record CommentRequest(
        @NotBlank @Size(max = 40) String articleId,
        @NotNull CommentStance stance,
        @PlainText(multiline = true) @Size(min = 1, max = 5000) String text,
        @UnitCode(types = UnitType.COMMUNE) String communeCode,
        Channel channel) {

    CommentRequest {
        text = Texts.nfc(text);
    }
}
