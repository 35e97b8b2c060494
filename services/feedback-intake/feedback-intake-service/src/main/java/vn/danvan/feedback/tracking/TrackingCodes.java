package vn.danvan.feedback.tracking;

import java.security.SecureRandom;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The tracking code a citizen is given for a feedback item, e.g. {@code 7KQ2-M9XD-4HT}: ten random Crockford base32
 * symbols (50 bits from {@link SecureRandom}, so codes cannot be guessed or enumerated) and one check symbol.
 *
 * <p>The alphabet has no I, L, O or U, so a code read aloud or copied by hand is not ambiguous; when typed, O is read as
 * 0 and I/L as 1, case, spaces and dashes do not matter. The check symbol makes the weighted sum of all eleven symbols
 * zero in GF(32) with the distinct weights α^0..α^10: a single wrong symbol changes the sum by w·e ≠ 0, and swapping
 * two different symbols changes it by (w_i − w_j)·(a − b) ≠ 0, so every single substitution and every transposition
 * (adjacent or not) is caught rather than pointing the citizen at someone else's item.
 *
 * <p>Codes are random, not sequential: the store must still keep them unique (unique index, draw again on a clash;
 * with 2^50 codes a clash is about one in 10^10 per new item at a million items).
 */
@Component
public final class TrackingCodes {

    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    static final int DATA_SYMBOLS = 10;
    static final int LENGTH = DATA_SYMBOLS + 1;

    // GF(32) as polynomials over GF(2) modulo the primitive x^5 + x^2 + 1
    private static final int[] EXP = new int[62];
    private static final int[] LOG = new int[32];
    private static final int[] VALUE = new int[128];

    static {
        int x = 1;
        for (int i = 0; i < 31; i++) {
            EXP[i] = x;
            EXP[i + 31] = x;
            LOG[x] = i;
            x <<= 1;
            if ((x & 0x20) != 0) {
                x ^= 0x25;
            }
        }
        java.util.Arrays.fill(VALUE, -1);
        for (int i = 0; i < ALPHABET.length(); i++) {
            char c = ALPHABET.charAt(i);
            VALUE[c] = i;
            VALUE[Character.toLowerCase(c)] = i;
        }
        // what people type for the letters the alphabet leaves out
        VALUE['O'] = VALUE['o'] = 0;
        VALUE['I'] = VALUE['i'] = VALUE['L'] = VALUE['l'] = 1;
    }

    private final SecureRandom random;

    public TrackingCodes() {
        this(new SecureRandom());
    }

    TrackingCodes(SecureRandom random) {
        this.random = random;
    }

    /** A new code in its canonical form, e.g. {@code 7KQ2-M9XD-4HT}. */
    public String next() {
        int[] symbols = new int[LENGTH];
        long bits = random.nextLong();
        for (int i = 0; i < DATA_SYMBOLS; i++) {
            symbols[i] = (int) (bits & 31);
            bits >>>= 5;
        }
        symbols[DATA_SYMBOLS] = checkSymbol(symbols);
        return format(symbols);
    }

    /**
     * The canonical form of a code as a citizen typed or dictated it, or empty when it is not a code (wrong length,
     * foreign symbol, or a typo the check symbol caught).
     */
    public static Optional<String> normalize(String typed) {
        int[] symbols = symbols(typed);
        if (symbols == null || weightedSum(symbols) != 0) {
            return Optional.empty();
        }
        return Optional.of(format(symbols));
    }

    /**
     * Whether the text has a code's shape (eleven symbols of the alphabet) but its check symbol does not match: a
     * character was mistyped, which the citizen should be told rather than "not found".
     */
    public static boolean isMistyped(String typed) {
        int[] symbols = symbols(typed);
        return symbols != null && weightedSum(symbols) != 0;
    }

    /** The eleven symbols of a typed code, or null when it has a foreign character or not eleven symbols. */
    private static int[] symbols(String typed) {
        if (typed == null) {
            return null;
        }
        int[] symbols = new int[LENGTH];
        int n = 0;
        for (int i = 0; i < typed.length(); i++) {
            char c = typed.charAt(i);
            if (c == '-' || Character.isWhitespace(c) || c == '\u2010' || c == '\u2013' || c == '\u2212') {
                continue;
            }
            int value = c < VALUE.length ? VALUE[c] : -1;
            if (value < 0 || n == LENGTH) {
                return null;
            }
            symbols[n++] = value;
        }
        return n == LENGTH ? symbols : null;
    }

    /** Whether the text, as typed, names a well-formed code (it says nothing about whether an item has it). */
    public static boolean isValid(String typed) {
        return normalize(typed).isPresent();
    }

    private static int checkSymbol(int[] symbols) {
        // sum + w_check * check = 0, and in characteristic 2 minus is plus
        return divide(weightedSum(symbols), EXP[DATA_SYMBOLS]);
    }

    private static int weightedSum(int[] symbols) {
        int sum = 0;
        for (int i = 0; i < symbols.length; i++) {
            sum ^= multiply(EXP[i], symbols[i]);
        }
        return sum;
    }

    private static int multiply(int a, int b) {
        return a == 0 || b == 0 ? 0 : EXP[LOG[a] + LOG[b]];
    }

    private static int divide(int a, int b) {
        return a == 0 ? 0 : EXP[LOG[a] - LOG[b] + 31];
    }

    private static String format(int[] symbols) {
        StringBuilder code = new StringBuilder(LENGTH + 2);
        for (int i = 0; i < symbols.length; i++) {
            if (i == 4 || i == 8) {
                code.append('-');
            }
            code.append(ALPHABET.charAt(symbols[i]));
        }
        return code.toString();
    }
}
