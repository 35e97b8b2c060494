package vn.danvan.feedback.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrackingCodesTest {

    private final TrackingCodes codes = new TrackingCodes();

    @Test
    void aCodeIsElevenUnambiguousSymbolsInThreeGroupsAndIsValid() {
        for (int i = 0; i < 1_000; i++) {
            String code = codes.next();
            assertThat(code).matches("[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{3}");
            assertThat(code).doesNotContain("I", "L", "O", "U");
            assertThat(TrackingCodes.isValid(code)).as(code).isTrue();
            assertThat(TrackingCodes.normalize(code)).contains(code);
        }
    }

    @Test
    void noTwoOfAHundredThousandCodesAreTheSame() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            assertThat(seen.add(codes.next())).isTrue();
        }
    }

    @Test
    void everySymbolOfTheRandomPartVaries() {
        // a generator stuck on some positions would shrink the space a guesser has to search
        int[][] seen = new int[TrackingCodes.DATA_SYMBOLS][32];
        for (int i = 0; i < 5_000; i++) {
            String compact = codes.next().replace("-", "");
            for (int p = 0; p < TrackingCodes.DATA_SYMBOLS; p++) {
                seen[p][TrackingCodes.ALPHABET.indexOf(compact.charAt(p))]++;
            }
        }
        for (int p = 0; p < TrackingCodes.DATA_SYMBOLS; p++) {
            for (int s = 0; s < 32; s++) {
                assertThat(seen[p][s]).as("position %d symbol %d", p, s).isPositive();
            }
        }
    }

    @Test
    void everySingleWrongSymbolIsCaught() {
        for (int n = 0; n < 2_000; n++) {
            String compact = codes.next().replace("-", "");
            for (int p = 0; p < compact.length(); p++) {
                for (char typo : TrackingCodes.ALPHABET.toCharArray()) {
                    if (typo == compact.charAt(p)) {
                        continue;
                    }
                    String typed = compact.substring(0, p) + typo + compact.substring(p + 1);
                    assertThat(TrackingCodes.isValid(typed)).as(typed).isFalse();
                    assertThat(TrackingCodes.isMistyped(typed)).as(typed).isTrue();
                }
            }
        }
    }

    @Test
    void onlyACodeOfTheRightShapeWhoseCheckFailsCountsAsMistyped() {
        String code = codes.next();
        assertThat(TrackingCodes.isMistyped(code)).isFalse();
        assertThat(TrackingCodes.isMistyped(code.toLowerCase().replace("-", " ")))
                .isFalse();
        // not a code's shape: found by no item, not a typo of one
        assertThat(TrackingCodes.isMistyped(code.substring(0, code.length() - 1)))
                .isFalse();
        assertThat(TrackingCodes.isMistyped(code + "7")).isFalse();
        assertThat(TrackingCodes.isMistyped("WRONG-CODE")).isFalse();
        assertThat(TrackingCodes.isMistyped("")).isFalse();
        assertThat(TrackingCodes.isMistyped(null)).isFalse();
    }

    @Test
    void everySwapOfTwoNeighbouringSymbolsIsCaught() {
        int swaps = 0;
        for (int n = 0; n < 20_000; n++) {
            char[] compact = codes.next().replace("-", "").toCharArray();
            for (int p = 0; p + 1 < compact.length; p++) {
                if (compact[p] == compact[p + 1]) {
                    continue; // swapping equal symbols is not a mistake
                }
                char[] typed = compact.clone();
                typed[p] = compact[p + 1];
                typed[p + 1] = compact[p];
                assertThat(TrackingCodes.isValid(new String(typed)))
                        .as(new String(typed))
                        .isFalse();
                swaps++;
            }
        }
        assertThat(swaps).isGreaterThan(150_000);
    }

    @Test
    void aCodeIsFoundHoweverTheCitizenTypesIt() {
        String code = codeWith('0', '1');
        String compact = code.replace("-", "");
        assertThat(TrackingCodes.normalize(compact.toLowerCase())).contains(code);
        assertThat(TrackingCodes.normalize("  " + compact.substring(0, 3) + " " + compact.substring(3) + " "))
                .contains(code);
        assertThat(TrackingCodes.normalize(code.replace("-", " - "))).contains(code);
        // letters that look like digits are read as the digits
        assertThat(TrackingCodes.normalize(code.replace('0', 'O'))).contains(code);
        assertThat(TrackingCodes.normalize(code.replace('0', 'o'))).contains(code);
        assertThat(TrackingCodes.normalize(code.replace('1', 'I'))).contains(code);
        assertThat(TrackingCodes.normalize(code.replace('1', 'l'))).contains(code);
        assertThat(TrackingCodes.normalize(code.replace('1', 'L'))).contains(code);
    }

    @Test
    void whatIsNotACodeIsRefused() {
        String code = codes.next();
        String compact = code.replace("-", "");
        assertThat(TrackingCodes.normalize(null)).isEmpty();
        assertThat(TrackingCodes.normalize("")).isEmpty();
        assertThat(TrackingCodes.normalize(compact.substring(1))).isEmpty();
        assertThat(TrackingCodes.normalize(compact + "0")).isEmpty();
        assertThat(TrackingCodes.normalize(compact.substring(0, 5) + "U" + compact.substring(6)))
                .isEmpty();
        assertThat(TrackingCodes.normalize(compact.substring(0, 5) + "*" + compact.substring(6)))
                .isEmpty();
        assertThat(TrackingCodes.normalize(compact.substring(0, 5) + "Đ" + compact.substring(6)))
                .isEmpty();
        assertThat(TrackingCodes.isValid("not a code")).isFalse();
    }

    @Test
    void codesFromTheSameSeedAreTheSameButAFreshGeneratorGivesOthers() throws Exception {
        // guards against a generator that ignores its random source (e.g. a counter or the clock)
        SecureRandom a = SecureRandom.getInstance("SHA1PRNG");
        a.setSeed(42L);
        SecureRandom b = SecureRandom.getInstance("SHA1PRNG");
        b.setSeed(42L);
        assertThat(new TrackingCodes(a).next()).isEqualTo(new TrackingCodes(b).next());
        assertThat(codes.next()).isNotEqualTo(codes.next());
    }

    private String codeWith(char... symbols) {
        while (true) {
            String code = codes.next();
            boolean all = true;
            for (char s : symbols) {
                all &= code.indexOf(s) >= 0;
            }
            if (all) {
                return code;
            }
        }
    }
}
