package vn.danvan.feedback.consultation;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import vn.danvan.feedback.api.events.v1.CommentStance;
import vn.danvan.feedback.text.Invisible;

/**
 * A comment that proposes a change must say what the change is, and a text, when given, must not be blank: nor made
 * only of invisible characters (zero-width spaces, a byte order mark), which look blank to whoever reads the comments.
 * Reported on the {@code text} field so the client knows which box to fill.
 */
@Documented
@Constraint(validatedBy = TextRequiredToProposeChange.Validator.class)
@Target(TYPE)
@Retention(RUNTIME)
@interface TextRequiredToProposeChange {

    String message() default "{consultation.comment.text-required}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<TextRequiredToProposeChange, CommentRequest> {

        @Override
        public boolean isValid(CommentRequest comment, ConstraintValidatorContext context) {
            if (comment == null) {
                return true;
            }
            boolean blank = Invisible.only(comment.text());
            String problem = null;
            if (comment.text() != null && blank) {
                problem = "{consultation.comment.text-blank}";
            } else if (blank && comment.stance() == CommentStance.PROPOSE_CHANGE) {
                problem = "{consultation.comment.text-required}";
            }
            if (problem == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(problem)
                    .addPropertyNode("text")
                    .addConstraintViolation();
            return false;
        }
    }
}
