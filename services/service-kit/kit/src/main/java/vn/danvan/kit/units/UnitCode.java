package vn.danvan.kit.units;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * The annotated string is the code of a current administrative unit (see {@link AdministrativeUnits}),
 * optionally of one of the given types. {@code null} is valid: add {@code @NotNull} when the code is
 * required. Old (pre-2025) commune codes are not current codes. The validator needs the
 * {@link AdministrativeUnits} bean, so validate through Spring's validator.
 */
@Documented
@Constraint(validatedBy = UnitCodeValidator.class)
@Target({FIELD, METHOD, PARAMETER, ANNOTATION_TYPE, TYPE_USE})
@Retention(RUNTIME)
public @interface UnitCode {

    /** The kit's text, Vietnamese or English as the problem it goes into (danvan/kit/problems.properties). */
    String message() default "{danvan.unit-code.unknown}";

    /** Used instead of {@link #message()} when the unit exists but is not of an allowed type. */
    String wrongTypeMessage() default "{danvan.unit-code.wrong-type}";

    /** The allowed types; empty allows every type. */
    UnitType[] types() default {};

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
