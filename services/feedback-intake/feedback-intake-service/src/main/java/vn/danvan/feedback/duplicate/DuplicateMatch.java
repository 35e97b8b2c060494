package vn.danvan.feedback.duplicate;

/**
 * An open feedback item that a new submission nearly repeats: the new item is to be flagged and linked to it for an
 * officer to confirm or dismiss, never dropped.
 *
 * @param feedbackId the open item it repeats
 * @param similarity Jaccard similarity of the two texts' shingles (syllable pairs after folding), 0..1
 * @param basis why the two were compared at all
 */
public record DuplicateMatch(String feedbackId, double similarity, Basis basis) {

    public enum Basis {
        /** The same citizen (same contact key) sent it again. */
        SAME_CONTACT,
        /** Someone else reported the same thing about the same commune. */
        SAME_PLACE
    }
}
