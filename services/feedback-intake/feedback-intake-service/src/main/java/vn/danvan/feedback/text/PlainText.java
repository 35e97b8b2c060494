package vn.danvan.feedback.text;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.CONSTRUCTOR;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.Locale;

/**
 * A text a person wrote, for others to read: refused when it holds a character no one types and that changes what the
 * reader sees. Control characters (Unicode's Cc: NUL, a bell, an escape, the C1 range) and the bidirectional
 * embedding, override and isolate controls U+202A to U+202E and U+2066 to U+2069: "ảnh", U+202E, "gnp.exe" shows as
 * "ảnhexe.png" (Vietnamese never needs them; the marks U+200E and U+200F that only nudge punctuation stay
 * allowed). A one-line text (a subject, a name, a title) refuses line breaks (also U+2028, U+2029) and tabs too; a
 * {@link #multiline} one (a content, an answer, a reason, an address as written on an envelope) keeps {@code \n},
 * {@code \r} and {@code \t}.
 *
 * <p>Each refused character is one violation on the field, whose message names it by its code point
 * ({@code {feedback.text.character.direction|U+202E}}: the message of its kind, the kit giving it the code point as
 * {@code {0}}), never the text: the first {@value Validator#MAX_NAMED} distinct ones.
 */
@Documented
@Constraint(validatedBy = PlainText.Validator.class)
@Target({METHOD, FIELD, ANNOTATION_TYPE, CONSTRUCTOR, PARAMETER, TYPE_USE})
@Retention(RUNTIME)
public @interface PlainText {

    /** What a one-line text refuses, for API documentation. */
    String ONE_LINE = "no line break, tab or other control character and no text direction control (U+202A to"
            + " U+202E, U+2066 to U+2069); each is a 400 naming the field and the character's code point";

    /** What a multi-line text refuses, for API documentation. */
    String LINES = "line breaks and tabs kept; no other control character and no text direction control (U+202A to"
            + " U+202E, U+2066 to U+2069); each is a 400 naming the field and the character's code point";

    /** Whether the text may run over several lines: line breaks ({@code \n}, {@code \r}) and tabs allowed. */
    boolean multiline() default false;

    /** Only a fallback: each violation names its character with its own message. */
    String message() default "{feedback.text.character}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<PlainText, CharSequence> {

        /** A field of binary junk is not answered with dozens of messages. */
        static final int MAX_NAMED = 5;

        private boolean multiline;

        @Override
        public void initialize(PlainText annotation) {
            multiline = annotation.multiline();
        }

        @Override
        public boolean isValid(CharSequence text, ConstraintValidatorContext context) {
            if (text == null) {
                return true;
            }
            int[] refused = text.codePoints()
                    .filter(c -> refuses(c, multiline))
                    .distinct()
                    .limit(MAX_NAMED)
                    .toArray();
            if (refused.length == 0) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            for (int c : refused) {
                // the template holds the code point only, never the text (the kit looks the key up in the client's
                // language and gives it the code point)
                context.buildConstraintViolationWithTemplate(template(c)).addConstraintViolation();
            }
            return false;
        }

        /** Whether a text of this kind refuses the code point. */
        static boolean refuses(int c, boolean multiline) {
            if (multiline && (c == '\n' || c == '\r' || c == '\t')) {
                return false;
            }
            return Character.isISOControl(c)
                    || (c >= 0x202A && c <= 0x202E)
                    || (c >= 0x2066 && c <= 0x2069)
                    || (!multiline && (c == 0x2028 || c == 0x2029));
        }

        /** {@code {feedback.text.character.direction|U+202E}}: the message of the character's kind, naming it. */
        public static String template(int c) {
            return "{" + messageKey(c) + "|" + codePoint(c) + "}";
        }

        /** The message of the character's kind: a line break, a tab, a text direction control, another control. */
        static String messageKey(int c) {
            String kind;
            if (c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029) {
                kind = "line-break";
            } else if (c == '\t') {
                kind = "tab";
            } else if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)) {
                kind = "direction";
            } else {
                kind = "control";
            }
            return "feedback.text.character." + kind;
        }

        /** As Unicode writes it: {@code U+0000}, {@code U+202E}. */
        static String codePoint(int c) {
            return String.format(Locale.ROOT, "U+%04X", c);
        }
    }
}
