package vn.danvan.kit.web;

import jakarta.validation.ConstraintViolation;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The texts of constraint violations found outside a request's own validation (a row of an imported file, a job):
 * the same field paths and messages, in the same language rules, as a validation-failed problem's {@code errors}, and
 * the service's own texts by key.
 */
public final class ViolationTexts {

    private final ProblemTexts texts;

    ViolationTexts(ProblemTexts texts) {
        this.texts = texts;
    }

    /** One violated constraint: the field as a path ({@code location.communeCode}; null for the whole object). */
    public record Entry(String field, String message) {}

    /** Vietnamese unless the Accept-Language header ranks English above it, as for every problem. */
    public static Locale localeFor(String acceptLanguage) {
        return ProblemTexts.localeFor(acceptLanguage);
    }

    public List<Entry> describe(Set<? extends ConstraintViolation<?>> violations, Locale locale) {
        return new ValidationErrors(texts, locale)
                .addAll(violations).entries().stream()
                        .map(entry -> new Entry((String) entry.get("field"), (String) entry.get("message")))
                        .toList();
    }

    /** A text of the service's messages (or the kit's) by key, or the key itself when neither has it. */
    public String text(String key, Locale locale, Object... arguments) {
        return texts.get(key, locale, arguments);
    }
}
