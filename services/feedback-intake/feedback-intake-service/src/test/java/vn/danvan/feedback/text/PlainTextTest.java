package vn.danvan.feedback.text;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.text.Normalizer;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a person may write in a text others read: every Vietnamese letter, emoji, line breaks where a text has lines;
 * never a control character or a text direction control, which the message names by its code point.
 */
class PlainTextTest {

    private static final ValidatorFactory factory = Validation.buildDefaultValidatorFactory();
    private static final Validator validator = factory.getValidator();

    /** A one-line field (a subject, a name) and a multi-line one (a content, an answer). */
    record Written(@PlainText String line, @PlainText(multiline = true) String lines) {}

    private static final String VIETNAMESE_LOWER =
            "aàảãáạ ăằẳẵắặ âầẩẫấậ eèẻẽéẹ êềểễếệ iìỉĩíị oòỏõóọ ôồổỗốộ ơờởỡớợ" + " uùủũúụ ưừửữứự yỳỷỹýỵ đ";

    @AfterAll
    static void close() {
        factory.close();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                VIETNAMESE_LOWER,
                "AÀẢÃÁẠ ĂẰẲẴẮẶ ÂẦẨẪẤẬ EÈẺẼÉẸ ÊỀỂỄẾỆ IÌỈĨÍỊ OÒỎÕÓỌ ÔỒỔỖỐỘ ƠỜỞỠỚỢ UÙỦŨÚỤ ƯỪỬỮỨỰ YỲỶỸÝỴ Đ",
                "Đường thôn 3 ngập sâu 0,5 m; đề nghị UBND xã (Phú Xuân) xử lý – gấp!",
                "👍🏽 🇻🇳 1️⃣ 👨\u200D👩\u200D👧", // a skin tone, a flag, a keycap, a family joined by zero-width
                // joiners
                "\u00A0no-break\u00A0spaces\u202Fand\u3000wide",
                "Góp\u200Bý\uFEFF", // a zero-width space, a byte order mark: blank or not is @VisibleText's to say
                "so sánh a\u200Eb\u200F", // the left-to-right and right-to-left marks only nudge punctuation
                "e\u0302\u0301 o\u031B\u0323" // decomposed letters (NFD): combining marks are no control characters
            })
    void everyVietnameseLetterAndEmojiPassInBothKindsOfField(String text) {
        assertThat(violations(new Written(text, text))).isEmpty();
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        assertThat(violations(new Written(decomposed, decomposed))).isEmpty();
    }

    @Test
    void aMultiLineTextKeepsItsLineBreaksAndTabsAndAOneLineTextRefusesThem() {
        String letter = "Kính gửi UBND xã,\r\n\tĐường thôn 3 hỏng.\nXin cảm ơn.\rKý tên";
        assertThat(violations(new Written(null, letter))).isEmpty();

        assertThat(templates(new Written("Đường\nngập", null)))
                .containsExactly("line " + PlainText.Validator.template(0x000A));
        assertThat(templates(new Written("Đường\r\nngập", null)))
                .containsExactlyInAnyOrder(
                        "line " + PlainText.Validator.template(0x000D), "line " + PlainText.Validator.template(0x000A));
        assertThat(templates(new Written("Cột\tkhác", null)))
                .containsExactly("line " + PlainText.Validator.template(0x0009));
        // the Unicode line and paragraph separators break a line too
        assertThat(templates(new Written("a\u2028b\u2029c", "a\u2028b\u2029c")))
                .containsExactlyInAnyOrder(
                        "line " + PlainText.Validator.template(0x2028), "line " + PlainText.Validator.template(0x2029));
    }

    @ParameterizedTest
    @ValueSource(
            ints = {
                0x0000,
                0x0001,
                0x0007,
                0x0008,
                0x000B,
                0x000C,
                0x001B,
                0x001F, // C0 but tab and line breaks
                0x007F, // delete
                0x0080,
                0x0085,
                0x009B,
                0x009F, // C1: next line, control sequence introducer
                0x202A,
                0x202B,
                0x202C,
                0x202D,
                0x202E, // embeddings, overrides, their end
                0x2066,
                0x2067,
                0x2068,
                0x2069 // isolates, their end
            })
    void controlCharactersAndTextDirectionControlsAreRefusedEverywhereNamedByCodePoint(int c) {
        String text = "ảnh " + Character.toString(c) + "gnp.exe";
        String key = PlainText.Validator.template(c);

        assertThat(templates(new Written(text, text))).containsExactlyInAnyOrder("line " + key, "lines " + key);
    }

    @Test
    void eachRefusedCharacterIsNamedOnceAndAFieldOfJunkNamesOnlyTheFirstFive() {
        // the repro of the security review: the override and its end, a NUL, a bell
        assertThat(templates(new Written("rtl \u202Egnp.exe\u202C \u0000 nul \u0007 bell \u202E\u0000", null)))
                .containsExactlyInAnyOrder(
                        "line " + PlainText.Validator.template(0x202E),
                        "line " + PlainText.Validator.template(0x202C),
                        "line " + PlainText.Validator.template(0x0000),
                        "line " + PlainText.Validator.template(0x0007));
        // each character twice: the five named are five different ones, the first to appear
        StringBuilder junk = new StringBuilder();
        for (int c = 1; c < 0x20; c++) {
            junk.appendCodePoint(c).appendCodePoint(c);
        }
        assertThat(templates(new Written(null, junk.toString())))
                .containsExactlyInAnyOrder(
                        "lines " + PlainText.Validator.template(0x0001),
                        "lines " + PlainText.Validator.template(0x0002),
                        "lines " + PlainText.Validator.template(0x0003),
                        "lines " + PlainText.Validator.template(0x0004),
                        "lines " + PlainText.Validator.template(0x0005));
    }

    @Test
    void aViolationNeverCarriesTheText() {
        for (ConstraintViolation<Written> violation : violations(new Written("bí mật\u202E", "Nguyễn\u0000Văn An"))) {
            assertThat(violation.getMessageTemplate()).doesNotContain("bí mật", "Nguyễn", "\u202E", "\u0000");
            assertThat(violation.getMessage()).doesNotContain("bí mật", "Nguyễn", "\u202E", "\u0000");
        }
    }

    /**
     * The kit looks the message of each refused character's kind up in the client's language and gives it the code
     * point: each kind has one in Vietnamese and English, naming the code point and never the character itself.
     */
    @Test
    void everyRefusedCharacterHasAMessageNamingItsCodePointInBothLanguages() {
        Properties vietnamese = messages("messages.properties");
        Properties english = messages("messages_en.properties");
        int refused = 0;
        for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
            if (PlainText.Validator.refuses(c, false) || PlainText.Validator.refuses(c, true)) {
                refused++;
                String codePoint = PlainText.Validator.codePoint(c);
                for (Properties texts : List.of(vietnamese, english)) {
                    String text = texts.getProperty(PlainText.Validator.messageKey(c));
                    assertThat(text).as(codePoint).isNotNull().contains("{0}");
                    // every text goes through MessageFormat: no apostrophe or brace may change it but {0}
                    assertThat(new MessageFormat(text).format(new Object[] {codePoint}))
                            .as(codePoint)
                            .contains(codePoint)
                            .doesNotContain(Character.toString(c))
                            .isEqualTo(text.replace("{0}", codePoint));
                }
            }
        }
        assertThat(refused).isEqualTo(32 + 1 + 32 + 2 + 5 + 4);
        assertThat(new MessageFormat(vietnamese.getProperty(PlainText.Validator.messageKey(0x202E)))
                        .format(new Object[] {"U+202E"}))
                .startsWith("không được chứa ký tự điều khiển hướng chữ U+202E");
        assertThat(new MessageFormat(english.getProperty(PlainText.Validator.messageKey(0)))
                        .format(new Object[] {"U+0000"}))
                .isEqualTo("must not contain the control character U+0000");
    }

    private static Properties messages(String name) {
        Properties texts = new Properties();
        try (Reader reader = new InputStreamReader(
                PlainTextTest.class.getClassLoader().getResourceAsStream(name), StandardCharsets.UTF_8)) {
            texts.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return texts;
    }

    private static List<ConstraintViolation<Written>> violations(Written written) {
        return List.copyOf(validator.validate(written));
    }

    /** "field {template}" of each violation. */
    private static List<String> templates(Written written) {
        return validator.validate(written).stream()
                .map(v -> v.getPropertyPath() + " " + v.getMessageTemplate())
                .toList();
    }
}
