package vn.danvan.feedback.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What looks empty is refused as blank; text that shows anything, with invisible characters in it or not, is not. */
class InvisibleTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " \t\n",
                "\u200B", // zero-width space
                "\u200B\u200C\u200D", // and the non-joiner and joiner
                "\u2060\uFEFF", // word joiner, byte order mark
                "\u00A0\u202F\u3000", // no-break, narrow no-break and ideographic spaces
                "\u00AD\u200E\u202E", // soft hyphen, bidi marks: format characters (Cf)
                "\u3164\uFE0F", // Hangul filler, a variation selector
                "\u0007"
            })
    void aTextOfOnlyInvisibleCharactersHasNothingToSee(String text) {
        assertThat(Invisible.only(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a",
                "Đường ngập",
                "Đường\u200Bngập", // a zero-width space inside words
                "\uFEFFGóp ý", // a byte order mark before them
                "👍",
                "👨\u200D👩\u200D👧", // a family emoji: joiners between the faces
                ".",
                "\u0301" // a lone combining accent still shows
            })
    void aTextWithAnythingToSeeIsNotBlank(String text) {
        assertThat(Invisible.only(text)).isFalse();
    }
}
