package vn.danvan.feedback.tracking;

import static java.lang.annotation.ElementType.FIELD;
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
 * A typed tracking code whose check symbol matches: a code with one character mistyped is refused (400, naming the
 * field) so the citizen checks it again, instead of being told that no item has it. Any other text (a wrong length, a
 * foreign character) passes here and is simply found by no item (404).
 */
@Documented
@Constraint(validatedBy = CheckedTrackingCode.Validator.class)
@Target({FIELD, PARAMETER, TYPE_USE})
@Retention(RUNTIME)
public @interface CheckedTrackingCode {

    String message() default "{feedback.tracking-code.mistyped}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<CheckedTrackingCode, CharSequence> {

        @Override
        public boolean isValid(CharSequence typed, ConstraintValidatorContext context) {
            return typed == null || !TrackingCodes.isMistyped(typed.toString());
        }
    }
}
