package vn.danvan.kit.web;

import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.util.StringUtils;

/**
 * Titles, details and field messages of problems: Vietnamese unless the client prefers English.
 *
 * <p>Looks a key up in the service's own messages first (so a service may reword any kit text or add
 * its own rule and conflict codes), then in the kit's bundle {@code danvan/kit/problems}. The kit bundle
 * is deliberately not a bean: a second {@code MessageSource} bean would break services that inject
 * theirs by type.
 */
final class ProblemTexts {

    static final Locale VIETNAMESE = Locale.of("vi");
    static final Locale ENGLISH = Locale.ENGLISH;
    private static final List<Locale> SUPPORTED = List.of(VIETNAMESE, ENGLISH);

    private final MessageSource service;
    private final ResourceBundleMessageSource kit = new ResourceBundleMessageSource();

    ProblemTexts(MessageSource service) {
        this.service = service;
        kit.setBasename("danvan/kit/problems");
        kit.setDefaultEncoding("UTF-8");
        // Without this a Vietnamese lookup would fall through to the JVM's locale (often English).
        kit.setFallbackToSystemLocale(false);
        kit.setAlwaysUseMessageFormat(true);
    }

    /** Vietnamese by default; English only when Accept-Language ranks it above Vietnamese. */
    static Locale localeFor(String acceptLanguage) {
        if (!StringUtils.hasText(acceptLanguage)) {
            return VIETNAMESE;
        }
        try {
            Locale best = Locale.lookup(Locale.LanguageRange.parse(acceptLanguage), SUPPORTED);
            return best != null ? best : VIETNAMESE;
        } catch (IllegalArgumentException malformedHeader) {
            return VIETNAMESE;
        }
    }

    /** The text for {@code key}, or {@code null} when neither the service nor the kit defines it. */
    String find(String key, Locale locale, Object... arguments) {
        String text = service != null ? service.getMessage(key, arguments, null, locale) : null;
        return text != null ? text : kit.getMessage(key, arguments, null, locale);
    }

    String get(String key, Locale locale, Object... arguments) {
        String text = find(key, locale, arguments);
        return text != null ? text : key;
    }
}
