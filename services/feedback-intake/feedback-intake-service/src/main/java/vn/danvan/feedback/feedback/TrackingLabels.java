package vn.danvan.feedback.feedback;

import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import vn.danvan.feedback.api.events.v1.FeedbackKind;
import vn.danvan.kit.units.AdministrativeUnit;
import vn.danvan.kit.units.AdministrativeUnits;
import vn.danvan.kit.web.ViolationTexts;

/**
 * The words a citizen reads beside the codes of the tracking page, from messages.properties (Vietnamese) and
 * messages_en.properties: the same {@code state.*} and {@code action.*} labels that a refused action's problem uses,
 * {@code kind.*} and {@code rejection-reason.*}. The codes stay beside them for programs.
 */
@Component
class TrackingLabels {

    private final MessageSource messages;
    private final AdministrativeUnits units;

    TrackingLabels(MessageSource messages, AdministrativeUnits units) {
        this.messages = messages;
        this.units = units;
    }

    /** Vietnamese unless Accept-Language ranks English above it: the rule of the platform's problems. */
    static Locale localeFor(String acceptLanguage) {
        return ViolationTexts.localeFor(acceptLanguage);
    }

    String status(FeedbackStatus status, Locale locale) {
        return status == null ? null : label("state." + status.name(), status.name(), locale);
    }

    String kind(FeedbackKind kind, Locale locale) {
        return kind == null ? null : label("kind." + kind.name(), kind.name(), locale);
    }

    String action(String action, Locale locale) {
        return action == null ? null : label("action." + action, action, locale);
    }

    String rejectionReason(String reason, Locale locale) {
        return reason == null ? null : label("rejection-reason." + reason, reason, locale);
    }

    /** A unit's name is its name in either language ("Phường Phú Xuân"); null for a code the platform lost. */
    String unitName(String code) {
        return code == null
                ? null
                : units.find(code).map(AdministrativeUnit::name).orElse(null);
    }

    /** The code itself where a label is missing: a page with a code beats a page that fails (tests keep none). */
    private String label(String key, String code, Locale locale) {
        return messages.getMessage(key, null, code, locale);
    }
}
