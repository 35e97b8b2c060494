package vn.danvan.feedback.duplicate;

/**
 * A text's shingle hashes and their MinHash signature, from {@link DuplicateDetector#fingerprint}: computed once per
 * submission and used both to look for the item it repeats and to register it (hashing it twice was 6.8 % of the
 * service's CPU samples at 300 items/s: bench/README.md, "Duplicate detection's share, and the H2 file backend on a
 * private stack").
 */
public final class TextFingerprint {

    final long[] shingles;
    final long[] signature;

    TextFingerprint(long[] shingles) {
        this.shingles = shingles;
        this.signature = shingles.length == 0 ? new long[0] : MinHash.signature(shingles);
    }

    /** Whether the text has no words to compare: such a text never matches and is not registered. */
    public boolean isEmpty() {
        return shingles.length == 0;
    }
}
