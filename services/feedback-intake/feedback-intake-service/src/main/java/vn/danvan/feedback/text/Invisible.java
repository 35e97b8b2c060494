package vn.danvan.feedback.text;

/**
 * Characters that show nothing: a text made only of them looks empty to whoever reads it, however many characters it
 * has. Pasted from chat apps and web pages (a zero-width space, a byte order mark), or typed to get past a required
 * field.
 */
public final class Invisible {

    private Invisible() {}

    /**
     * Whether the text has nothing to see: null, empty, or only whitespace (no-break spaces too), control characters,
     * format characters (Cf: zero-width space, joiners and non-joiner, word joiner, byte order mark, bidi marks) and
     * the other code points Unicode says to render as nothing (variation selectors, Hangul fillers).
     */
    public static boolean only(CharSequence text) {
        return text == null || text.codePoints().allMatch(Invisible::isInvisible);
    }

    private static boolean isInvisible(int c) {
        if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
            return true;
        }
        int type = Character.getType(c);
        if (type == Character.FORMAT || type == Character.CONTROL) {
            return true;
        }
        // Unicode's Default_Ignorable_Code_Point beyond Cf
        return c == 0x034F // combining grapheme joiner
                || c == 0x115F
                || c == 0x1160
                || c == 0x3164
                || c == 0xFFA0 // Hangul fillers
                || c == 0x17B4
                || c == 0x17B5 // Khmer inherent vowels
                || (c >= 0x180B && c <= 0x180F) // Mongolian variation selectors
                || (c >= 0xFE00 && c <= 0xFE0F)
                || (c >= 0xE0100 && c <= 0xE01EF); // variation selectors
    }
}
