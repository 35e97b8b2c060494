package vn.danvan.feedback.text;

import java.util.regex.Pattern;

/**
 * A Vietnamese phone number as people write it: {@code 0912 345 678}, {@code 0912.345.678}, {@code (0236) 3123 456},
 * {@code +84 912-345-678}. The same rule for a citizen's contact and a denouncer's phone.
 */
public final class PhoneNumber {

    /** Mobile: 0 or +84, then 3/5/7/8/9 and 8 digits; landline since 2017: 0 or +84, then 2 and 9 digits. */
    public static final String PATTERN = "(?:0|\\+84)(?:[35789]\\d{8}|2\\d{9})";

    // what separates groups of digits when a number is written or read aloud; nothing else is dropped
    private static final Pattern SEPARATORS = Pattern.compile("[\\s.\\-()\\u00A0]");

    private PhoneNumber() {}

    /**
     * The number without the spaces, dots, hyphens and brackets that group its digits, so that it is stored and
     * compared in one form; null stays null, and a value that is nothing but separators is left as it was (its
     * validation then says it is not a number).
     */
    public static String normalised(String written) {
        if (written == null) {
            return null;
        }
        String digits = SEPARATORS.matcher(written).replaceAll("");
        return digits.isEmpty() ? written : digits;
    }
}
