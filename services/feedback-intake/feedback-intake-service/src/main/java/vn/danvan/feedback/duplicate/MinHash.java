package vn.danvan.feedback.duplicate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Shingles of a text, their MinHash signature, and its LSH bands.
 *
 * <p>The bands find candidates: 32 bands of 4 rows of a 128-hash signature make two texts with similarity 0.8 share at
 * least one band with probability 1 − (1 − 0.8^4)^32 > 0.99999 (still 0.98 at 0.6). Whether a candidate is a
 * duplicate is then decided on the Jaccard similarity of the two sets of shingle hashes, not on the signature's
 * estimate of it: with 128 hashes the estimate is ±0.035 at 0.8, so a text at 0.83 would be missed about one time in
 * five, and the estimate would differ from run to run of the hashing parameters.
 *
 * <p>The hash seeds are fixed: fingerprints are stored, and one computed after a restart must compare with them.
 */
final class MinHash {

    /** Syllable pairs: Vietnamese words are mostly one or two syllables, so a pair is about one word in context. */
    static final int SHINGLE = 2;

    static final int HASHES = 128;
    static final int BANDS = 32;
    static final int ROWS = HASHES / BANDS;

    private static final long[] SEEDS = new long[HASHES];

    static {
        long state = 0x44616e56616eL; // any fixed value; changing it orphans every stored signature
        for (int i = 0; i < HASHES; i++) {
            state += 0x9E3779B97F4A7C15L;
            SEEDS[i] = mix(state);
        }
    }

    private MinHash() {}

    /** The shingles of a text, after {@link VietnameseText#fold}; a text shorter than a shingle is one shingle. */
    static Set<String> shingles(String text) {
        List<String> syllables = VietnameseText.syllables(text);
        Set<String> shingles = new LinkedHashSet<>();
        if (syllables.isEmpty()) {
            return shingles;
        }
        if (syllables.size() < SHINGLE) {
            shingles.add(String.join(" ", syllables));
            return shingles;
        }
        for (int i = 0; i + SHINGLE <= syllables.size(); i++) {
            shingles.add(String.join(" ", syllables.subList(i, i + SHINGLE)));
        }
        return shingles;
    }

    /** The distinct 64-bit hashes of a text's shingles, ascending; empty when it has no words to compare. */
    static long[] shingleHashes(String text) {
        return shingles(text).stream()
                .mapToLong(MinHash::fnv1a)
                .distinct()
                .sorted()
                .toArray();
    }

    /** The MinHash signature of a set of shingle hashes, or an empty array for an empty set. */
    static long[] signature(long[] shingleHashes) {
        if (shingleHashes.length == 0) {
            return new long[0];
        }
        long[] signature = new long[HASHES];
        Arrays.fill(signature, Long.MAX_VALUE);
        for (long shingle : shingleHashes) {
            for (int i = 0; i < HASHES; i++) {
                long h = mix(shingle ^ SEEDS[i]);
                if (h < signature[i]) {
                    signature[i] = h;
                }
            }
        }
        return signature;
    }

    /** |a ∩ b| / |a ∪ b| of two ascending sets of shingle hashes; 0 when either is empty. */
    static double jaccard(long[] a, long[] b) {
        if (a.length == 0 || b.length == 0) {
            return 0;
        }
        int i = 0;
        int j = 0;
        int both = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                both++;
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return (double) both / (a.length + b.length - both);
    }

    /** One indexable string per band: equal strings mean the band's rows are all equal. */
    static List<String> bands(long[] signature) {
        List<String> bands = new ArrayList<>(BANDS);
        if (signature.length != HASHES) {
            return bands;
        }
        for (int band = 0; band < BANDS; band++) {
            long h = band;
            for (int row = 0; row < ROWS; row++) {
                h = mix(h ^ signature[band * ROWS + row]) + row;
            }
            bands.add(band + ":" + Long.toHexString(h));
        }
        return bands;
    }

    private static long fnv1a(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return mix(h);
    }

    /** MurmurHash3's 64-bit finaliser: a bijection that spreads every input bit over the output. */
    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
