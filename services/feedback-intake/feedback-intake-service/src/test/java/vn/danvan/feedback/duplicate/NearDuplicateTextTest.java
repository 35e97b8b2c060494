package vn.danvan.feedback.duplicate;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.danvan.feedback.duplicate.Complaints.ROAD;
import static vn.danvan.feedback.duplicate.Complaints.ROAD_ONE_SENTENCE_CHANGED;
import static vn.danvan.feedback.duplicate.Complaints.ROAD_OTHER;
import static vn.danvan.feedback.duplicate.Complaints.SMOKE;
import static vn.danvan.feedback.duplicate.Complaints.WASTEWATER;
import static vn.danvan.feedback.duplicate.Complaints.WASTEWATER_WITHOUT_DAU;

import java.text.Normalizer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NearDuplicateTextTest {

    private static final double THRESHOLD = 0.8;

    @Test
    void textIsComposedLowerCasedAndStrippedOfPunctuation() {
        String decomposed = Normalizer.normalize("  Đề nghị   xã KIỂM TRA!!  Đường, ổ gà…", Normalizer.Form.NFD);
        assertThat(VietnameseText.normalise(decomposed)).isEqualTo("đề nghị xã kiểm tra đường ổ gà");
        assertThat(VietnameseText.fold(decomposed)).isEqualTo("de nghi xa kiem tra duong o ga");
        assertThat(VietnameseText.fold("ĐƯỜNG Điện, số 12/3")).isEqualTo("duong dien so 12 3");
        assertThat(VietnameseText.syllables(" ... ")).isEmpty();
        assertThat(VietnameseText.normalise(null)).isEmpty();
    }

    @Test
    void theSameComplaintTypedWithoutDauAndWithStraySpacesIsTheSame() {
        assertThat(MinHash.shingles(WASTEWATER_WITHOUT_DAU)).isEqualTo(MinHash.shingles(WASTEWATER));
        assertThat(similarity(WASTEWATER, WASTEWATER_WITHOUT_DAU)).isEqualTo(1.0);
        assertThat(shareABand(WASTEWATER, WASTEWATER_WITHOUT_DAU)).isTrue();
        String decomposed = Normalizer.normalize(WASTEWATER, Normalizer.Form.NFD);
        assertThat(MinHash.shingleHashes(decomposed)).isEqualTo(MinHash.shingleHashes(WASTEWATER));
    }

    @Test
    void aLongComplaintWithOneSentenceChangedStillMatches() {
        assertThat(similarity(ROAD, ROAD_ONE_SENTENCE_CHANGED)).isBetween(THRESHOLD, 0.95);
        assertThat(shareABand(ROAD, ROAD_ONE_SENTENCE_CHANGED)).isTrue();
    }

    @Test
    void differentComplaintsOnTheSameTopicDoNotMatch() {
        for (String[] pair : List.of(new String[] {ROAD, ROAD_OTHER}, new String[] {WASTEWATER, SMOKE}, new String[] {
            ROAD_ONE_SENTENCE_CHANGED, ROAD_OTHER
        })) {
            assertThat(similarity(pair[0], pair[1])).as(pair[1]).isLessThan(0.2);
        }
    }

    @Test
    void similarityIsTheJaccardIndexOfTheShingles() {
        List<String> words = List.of(ROAD.split(" "));
        String firstHalf = String.join(" ", words.subList(0, words.size() / 2));
        Set<String> all = MinHash.shingles(ROAD);
        Set<String> half = MinHash.shingles(firstHalf);
        assertThat(all).containsAll(half);
        assertThat(similarity(ROAD, firstHalf)).isEqualTo((double) half.size() / all.size());
        assertThat(similarity(ROAD, "")).isZero();
    }

    @Test
    void textsFromFarAboveTheThresholdDownToWellBelowItAreAllFoundAsCandidates() {
        // the band lookup must not lose a duplicate before its similarity is even computed
        List<String> words = List.of(ROAD.split(" "));
        int checked = 0;
        for (int keep = words.size(); keep > words.size() / 2; keep -= 3) {
            String shorter = String.join(" ", words.subList(0, keep));
            if (similarity(ROAD, shorter) >= 0.6) {
                assertThat(shareABand(ROAD, shorter))
                        .as("keeping %d words", keep)
                        .isTrue();
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(20);
    }

    @Test
    void aTextWithoutWordsHasNoFingerprintAndOneWordIsStillComparable() {
        assertThat(MinHash.shingleHashes("!!! ...")).isEmpty();
        assertThat(MinHash.bands(MinHash.signature(MinHash.shingleHashes("?")))).isEmpty();
        assertThat(similarity("Điện", "dien")).isEqualTo(1.0);
        assertThat(similarity("Điện", "nước")).isZero();
    }

    @Test
    void fingerprintsAreStableAcrossRuns() {
        // stored fingerprints are compared with ones computed after a restart: hashing must not depend on the run
        long[] signature = MinHash.signature(MinHash.shingleHashes("đường hỏng"));
        assertThat(signature).hasSize(MinHash.HASHES);
        assertThat(MinHash.bands(signature)).hasSize(MinHash.BANDS).doesNotHaveDuplicates();
        assertThat(MinHash.bands(signature))
                .isEqualTo(MinHash.bands(MinHash.signature(MinHash.shingleHashes("Đường  hỏng!"))));
        // pinned: a change here orphans every stored fingerprint (they would need re-registering)
        assertThat(MinHash.bands(signature).getFirst()).isEqualTo("0:67948d7cb56c4cc8");
        assertThat(MinHash.shingleHashes("đường hỏng")).containsExactly(-6233400373789470817L);
    }

    private static double similarity(String a, String b) {
        return MinHash.jaccard(MinHash.shingleHashes(a), MinHash.shingleHashes(b));
    }

    private static boolean shareABand(String a, String b) {
        Set<String> bands = new HashSet<>(MinHash.bands(MinHash.signature(MinHash.shingleHashes(a))));
        bands.retainAll(MinHash.bands(MinHash.signature(MinHash.shingleHashes(b))));
        return !bands.isEmpty();
    }
}
