package vn.danvan.feedback.importing;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import vn.danvan.feedback.api.events.v1.FeedbackKind;
import vn.danvan.feedback.feedback.FeedbackProperties;

/**
 * The kinds and categories an import reads, as an officer writes them: by code ({@code COMPLAINT}, {@code land}) or by
 * name in Vietnamese or English ("khiếu nại", "Đất đai", "Land"; the {@code kind.*} and {@code category.*} labels of
 * messages.properties and messages_en.properties), compared as column names are ({@link LetterFile#normalised}). A
 * deployment's own category without a label is read by its code only.
 */
@Component
class LetterValues {

    static final Locale VIETNAMESE = Locale.of("vi");

    /** The kinds a letter on paper can be: an assessment of a model needs the model and a rating, no column holds. */
    static final Set<FeedbackKind> IMPORTABLE = EnumSet.complementOf(EnumSet.of(FeedbackKind.MODEL_ASSESSMENT));

    private final MessageSource messages;
    private final List<String> categories;
    private final Map<String, FeedbackKind> kinds = new LinkedHashMap<>();
    private final Map<String, String> categoryCodes = new LinkedHashMap<>();

    LetterValues(MessageSource messages, FeedbackProperties properties) {
        this.messages = messages;
        this.categories = properties.categories();
        // codes first: a deployment's category whose code reads as another's label keeps its code
        for (FeedbackKind kind : FeedbackKind.values()) {
            kinds.putIfAbsent(LetterFile.normalised(kind.name()), kind);
        }
        for (String category : categories) {
            categoryCodes.putIfAbsent(LetterFile.normalised(category), category);
        }
        for (Locale locale : List.of(VIETNAMESE, Locale.ENGLISH)) {
            for (FeedbackKind kind : FeedbackKind.values()) {
                label("kind." + kind.name(), locale)
                        .ifPresent(label -> kinds.putIfAbsent(LetterFile.normalised(label), kind));
            }
            for (String category : categories) {
                label("category." + category, locale)
                        .ifPresent(label -> categoryCodes.putIfAbsent(LetterFile.normalised(label), category));
            }
        }
    }

    /** The kind a cell names, if it names one. */
    Optional<FeedbackKind> kind(String text) {
        return text == null ? Optional.empty() : Optional.ofNullable(kinds.get(LetterFile.normalised(text)));
    }

    /** The code of the category a cell names, if it names one of the deployment's. */
    Optional<String> category(String text) {
        return text == null ? Optional.empty() : Optional.ofNullable(categoryCodes.get(LetterFile.normalised(text)));
    }

    /** The names of the kinds an import takes, in the officer's language: what a template's drop-down offers. */
    List<String> kindNames(Locale locale) {
        List<String> names = new ArrayList<>();
        for (FeedbackKind kind : IMPORTABLE) {
            names.add(label("kind." + kind.name(), locale).orElse(kind.name()));
        }
        return names;
    }

    /** The names of the deployment's categories in the officer's language; a category without a label by its code. */
    List<String> categoryNames(Locale locale) {
        return categories.stream()
                .map(category -> label("category." + category, locale).orElse(category))
                .toList();
    }

    /** The words for yes and no in a template's drop-downs (both read by the import's yes/no columns). */
    List<String> yesNo(Locale locale) {
        return LetterFile.isEnglish(locale) ? List.of("yes", "no") : List.of("có", "không");
    }

    private Optional<String> label(String key, Locale locale) {
        return Optional.ofNullable(messages.getMessage(key, null, null, locale)).filter(label -> !label.isBlank());
    }
}
