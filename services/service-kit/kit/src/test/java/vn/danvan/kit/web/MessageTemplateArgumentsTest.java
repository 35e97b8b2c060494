package vn.danvan.kit.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticMessageSource;

/** A service's own constraint message told what was refused ({@code {key|value}}), in the caller's language. */
class MessageTemplateArgumentsTest {

    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = NoDigits.Check.class)
    @interface NoDigits {
        String message() default "{test.digit}";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};

        /** One violation per digit, each naming its digit. */
        class Check implements ConstraintValidator<NoDigits, String> {
            @Override
            public boolean isValid(String value, ConstraintValidatorContext context) {
                if (value == null || value.chars().noneMatch(Character::isDigit)) {
                    return true;
                }
                context.disableDefaultConstraintViolation();
                value.chars()
                        .filter(Character::isDigit)
                        .distinct()
                        .forEach(digit -> context.buildConstraintViolationWithTemplate(
                                        "{test.digit|" + Character.toString(digit) + "}")
                                .addConstraintViolation());
                return false;
            }
        }
    }

    record Named(@NoDigits String name) {}

    @Test
    void eachViolationIsToldWhatItRefusedInTheCallersLanguage() {
        StaticMessageSource messages = new StaticMessageSource();
        messages.setAlwaysUseMessageFormat(true);
        messages.addMessage("test.digit", Locale.ROOT, "không được có chữ số {0}");
        messages.addMessage("test.digit", Locale.forLanguageTag("vi"), "không được có chữ số {0}");
        messages.addMessage("test.digit", Locale.ENGLISH, "must not contain the digit {0}");
        Validator validator = Validation.buildDefaultValidatorFactory().getValidator();
        ViolationTexts texts = new ViolationTexts(new ProblemTexts(messages));

        var violations = validator.validate(new Named("An 7 và 9"));

        assertThat(texts.describe(violations, ViolationTexts.localeFor(null)))
                .extracting(ViolationTexts.Entry::message)
                .containsExactlyInAnyOrder("không được có chữ số 7", "không được có chữ số 9");
        assertThat(texts.describe(violations, ViolationTexts.localeFor("en")))
                .extracting(ViolationTexts.Entry::message)
                .containsExactlyInAnyOrder("must not contain the digit 7", "must not contain the digit 9");
    }
}
