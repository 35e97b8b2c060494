package vn.danvan.feedback.duplicate;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Vietnamese text reduced to what decides whether two submissions say the same thing. */
final class VietnameseText {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{M}\\p{N}]+");

    private VietnameseText() {}

    /**
     * Composed (NFC, so a letter typed with combining tone marks equals the precomposed one), lower-case, punctuation
     * and runs of whitespace folded to single spaces.
     */
    static String normalise(String text) {
        if (text == null) {
            return "";
        }
        String composed = Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        return NOT_WORD.matcher(composed).replaceAll(" ").strip();
    }

    /**
     * {@link #normalise} without diacritics (dấu) and with đ as d: many citizens type without dấu, and their text must
     * still match the same text typed with it.
     */
    static String fold(String text) {
        String decomposed = Normalizer.normalize(normalise(text), Normalizer.Form.NFD);
        String bare = MARKS.matcher(decomposed).replaceAll("").replace('đ', 'd');
        return NOT_WORD.matcher(bare).replaceAll(" ").strip();
    }

    /** The syllables of the folded text (Vietnamese writes one syllable per space-separated token). */
    static List<String> syllables(String text) {
        String folded = fold(text);
        return folded.isEmpty() ? List.of() : List.of(folded.split(" "));
    }
}
