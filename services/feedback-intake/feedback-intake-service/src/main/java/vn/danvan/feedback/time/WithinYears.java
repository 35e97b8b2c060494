package vn.danvan.feedback.time;

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
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * A time or a day the API takes, within the years the platform has any business with: outside them it is a typo or a
 * probe, and the store's dates end long before java.time's (year +999999999 was a 500 when a list filter or a
 * consultation's closing time was converted for the store). A 400 naming the field, its message giving the years.
 * The bounds live here only: an instant counts in UTC.
 */
@Documented
@Constraint(validatedBy = {WithinYears.InstantValidator.class, WithinYears.DayValidator.class})
@Target({METHOD, FIELD, ANNOTATION_TYPE, CONSTRUCTOR, PARAMETER, TYPE_USE})
@Retention(RUNTIME)
public @interface WithinYears {

    /** The platform's first year: nothing it stores or lists (items, consultations) is older. */
    int FIRST = 2000;

    /** The platform's last year: a consultation closing, a list ending, later than this is a typo. */
    int LAST = 2100;

    /**
     * The first year of a day a citizen recalls (a complaint's day of knowing the decision): a land decision can be
     * decades old, and the complaint is entered all the same; the state's decisions start in 1945.
     */
    int FIRST_RECALLED = 1945;

    /** The default bounds in words, for the API document of a field or parameter that has them. */
    String IN_WORDS = "years " + FIRST + " to " + LAST + " (UTC), else a 400 naming it";

    String message() default "{feedback.time.out-of-range}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** With {@link #lastYear()}, the message's arguments {1} and {2} (a constraint's attributes, by name). */
    int firstYear() default FIRST;

    int lastYear() default LAST;

    class InstantValidator implements ConstraintValidator<WithinYears, Instant> {

        private Instant first;
        private Instant afterLast;

        @Override
        public void initialize(WithinYears years) {
            first = LocalDate.of(years.firstYear(), 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);
            afterLast = LocalDate.of(years.lastYear() + 1, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);
        }

        @Override
        public boolean isValid(Instant value, ConstraintValidatorContext context) {
            return value == null || (!value.isBefore(first) && value.isBefore(afterLast));
        }
    }

    class DayValidator implements ConstraintValidator<WithinYears, LocalDate> {

        private int firstYear;
        private int lastYear;

        @Override
        public void initialize(WithinYears years) {
            firstYear = years.firstYear();
            lastYear = years.lastYear();
        }

        @Override
        public boolean isValid(LocalDate value, ConstraintValidatorContext context) {
            return value == null || (value.getYear() >= firstYear && value.getYear() <= lastYear);
        }
    }
}
