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

/**
 * A text with no control character (NUL, a line break, a tab: Unicode's Cc): for words searched for, which no one
 * types with them, and which MongoDB refuses in a regular expression (a NUL), a 500 rather than a 400.
 */
@Documented
@Constraint(validatedBy = NoControlCharacters.Validator.class)
@Target({METHOD, FIELD, ANNOTATION_TYPE, CONSTRUCTOR, PARAMETER, TYPE_USE})
@Retention(RUNTIME)
public @interface NoControlCharacters {

    String message() default "{feedback.text.control-character}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<NoControlCharacters, CharSequence> {

        @Override
        public boolean isValid(CharSequence text, ConstraintValidatorContext context) {
            return text == null || text.codePoints().noneMatch(Character::isISOControl);
        }
    }
}
