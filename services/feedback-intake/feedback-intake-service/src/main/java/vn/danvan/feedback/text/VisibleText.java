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
 * A text with something to see: one made only of invisible characters ({@link Invisible}) is refused as blank. Goes
 * with {@code @NotBlank}, which refuses null and whitespace (its own message then, and this one never twice).
 */
@Documented
@Constraint(validatedBy = VisibleText.Validator.class)
// where @NotBlank may go, so that it goes wherever @NotBlank does
@Target({METHOD, FIELD, ANNOTATION_TYPE, CONSTRUCTOR, PARAMETER, TYPE_USE})
@Retention(RUNTIME)
public @interface VisibleText {

    String message() default "{feedback.text.invisible}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<VisibleText, CharSequence> {

        @Override
        public boolean isValid(CharSequence text, ConstraintValidatorContext context) {
            // null and whitespace are @NotBlank's to refuse
            return text == null || text.toString().isBlank() || !Invisible.only(text);
        }
    }
}
