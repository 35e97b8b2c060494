package vn.danvan.feedback.duplicate;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.danvan.feedback.duplicate.Complaints.ROAD;
import static vn.danvan.feedback.duplicate.Complaints.ROAD_ONE_SENTENCE_CHANGED;
import static vn.danvan.feedback.duplicate.Complaints.ROAD_OTHER;
import static vn.danvan.feedback.duplicate.Complaints.SMOKE;
import static vn.danvan.feedback.duplicate.Complaints.WASTEWATER;
import static vn.danvan.feedback.duplicate.Complaints.WASTEWATER_WITHOUT_DAU;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import vn.danvan.feedback.FeedbackIntakeApplication;
import vn.danvan.kit.test.DanvanIntegrationTest;

@DanvanIntegrationTest(
        classes = FeedbackIntakeApplication.class,
        properties = {
            "danvan.test.database=feedback_dedup",
            "danvan.feedback.duplicates.contact-key-secret=a-secret-for-the-duplicate-integration-test"
        })
class DuplicateDetectorIntegrationTest {

    private static final Instant MONDAY = Instant.parse("2026-03-02T02:15:00Z");
    private static final String TAN_PHU = "26734";
    private static final String BINH_AN = "26737";

    @Autowired
    DuplicateDetector detector;

    @Autowired
    MongoTemplate mongo;

    private String binh;
    private String lan;

    @BeforeEach
    void emptyStore() {
        mongo.getCollection(DuplicateDetector.COLLECTION).deleteMany(new Document());
        mongo.getCollection(DuplicateDetector.BUCKETS).deleteMany(new Document());
        binh = detector.contactKey("0912 345 678");
        lan = detector.contactKey("lan.tran@example.vn");
    }

    @Test
    void theSameCitizenSendingTheComplaintAgainWithoutDauIsLinkedToTheOpenItem() {
        detector.register("fb-1", WASTEWATER, binh, TAN_PHU, MONDAY);

        // typed on a phone a few days later, and filed under another commune by mistake
        assertThat(detector.findMatch(
                        WASTEWATER_WITHOUT_DAU, detector.contactKey("+84912345678"), BINH_AN, MONDAY.plus(days(3))))
                .contains(new DuplicateMatch("fb-1", 1.0, DuplicateMatch.Basis.SAME_CONTACT));
        // someone else in another commune writing the same words is not linked
        assertThat(detector.findMatch(WASTEWATER, lan, BINH_AN, MONDAY.plus(days(3))))
                .isEmpty();
    }

    @Test
    void anotherCitizenReportingTheSameThingInTheSameCommuneIsLinkedByPlace() {
        detector.register("fb-road", ROAD, binh, TAN_PHU, MONDAY);

        var match = detector.findMatch(ROAD_ONE_SENTENCE_CHANGED, lan, TAN_PHU, MONDAY.plus(days(7)));
        assertThat(match).hasValueSatisfying(m -> {
            assertThat(m.feedbackId()).isEqualTo("fb-road");
            assertThat(m.basis()).isEqualTo(DuplicateMatch.Basis.SAME_PLACE);
            assertThat(m.similarity()).isBetween(0.8, 0.95);
        });
        // an anonymous letter about the commune is linked too
        assertThat(detector.findMatch(ROAD, null, TAN_PHU, MONDAY))
                .map(DuplicateMatch::feedbackId)
                .contains("fb-road");
        // nothing to compare by: no contact, no commune
        assertThat(detector.findMatch(ROAD, null, null, MONDAY)).isEmpty();
    }

    @Test
    void aDifferentComplaintOnTheSameTopicFromTheSameCitizenAndCommuneIsNotLinked() {
        detector.register("fb-road", ROAD, binh, TAN_PHU, MONDAY);
        detector.register("fb-water", WASTEWATER, binh, TAN_PHU, MONDAY);

        assertThat(detector.findMatch(ROAD_OTHER, binh, TAN_PHU, MONDAY.plus(days(1))))
                .isEmpty();
        assertThat(detector.findMatch(SMOKE, binh, TAN_PHU, MONDAY.plus(days(1))))
                .isEmpty();
    }

    @Test
    void onlyItemsReceivedWithinTheWindowAreLinked() {
        detector.register("fb-road", ROAD, binh, TAN_PHU, MONDAY);

        assertThat(detector.findMatch(ROAD, binh, TAN_PHU, MONDAY.plus(days(29))))
                .isPresent();
        assertThat(detector.findMatch(ROAD, binh, TAN_PHU, MONDAY.plus(days(30))))
                .isPresent();
        assertThat(detector.findMatch(ROAD, binh, TAN_PHU, MONDAY.plus(days(30)).plusSeconds(1)))
                .isEmpty();
        // a paper letter imported late, dated before the open item, is still its duplicate
        assertThat(detector.findMatch(ROAD, binh, TAN_PHU, MONDAY.minus(days(20))))
                .isPresent();
        assertThat(detector.findMatch(ROAD, binh, TAN_PHU, MONDAY.minus(days(31))))
                .isEmpty();
    }

    @Test
    void aClosedItemAttractsNoMoreDuplicatesUntilRegisteredAgain() {
        detector.register("fb-road", ROAD, binh, TAN_PHU, MONDAY);
        detector.close("fb-road");
        detector.close("fb-never-registered");

        assertThat(detector.findMatch(ROAD, binh, TAN_PHU, MONDAY.plus(days(1))))
                .isEmpty();

        detector.register("fb-road", ROAD, binh, TAN_PHU, MONDAY);
        assertThat(detector.findMatch(ROAD, binh, TAN_PHU, MONDAY.plus(days(1))))
                .map(DuplicateMatch::feedbackId)
                .contains("fb-road");
        assertThat(mongo.getCollection(DuplicateDetector.COLLECTION).countDocuments())
                .isEqualTo(1);
    }

    @Test
    void theMostSimilarOpenItemWinsThenTheSameCitizensThenTheEarliest() {
        detector.register("fb-original", ROAD, binh, TAN_PHU, MONDAY);
        detector.register("fb-reworded", ROAD_ONE_SENTENCE_CHANGED, lan, TAN_PHU, MONDAY.plus(days(2)));
        assertThat(detector.findMatch(ROAD_ONE_SENTENCE_CHANGED, null, TAN_PHU, MONDAY.plus(days(3))))
                .map(DuplicateMatch::feedbackId)
                .contains("fb-reworded");

        // Lan wrote first, but Binh's own earlier item is where Binh's repeat belongs
        detector.register(
                "fb-lan", WASTEWATER, lan, TAN_PHU, MONDAY.plus(days(1)).minus(Duration.ofHours(1)));
        detector.register("fb-binh-later", WASTEWATER, binh, TAN_PHU, MONDAY.plus(days(2)));
        detector.register("fb-binh-first", WASTEWATER, binh, TAN_PHU, MONDAY.plus(days(1)));
        assertThat(detector.findMatch(WASTEWATER, binh, TAN_PHU, MONDAY.plus(days(4))))
                .contains(new DuplicateMatch("fb-binh-first", 1.0, DuplicateMatch.Basis.SAME_CONTACT));
        assertThat(detector.findMatch(WASTEWATER, null, TAN_PHU, MONDAY.plus(days(4))))
                .contains(new DuplicateMatch("fb-lan", 1.0, DuplicateMatch.Basis.SAME_PLACE));
    }

    @Test
    void theFingerprintHoldsNeitherTheTextNorTheContact() {
        detector.register("fb-1", WASTEWATER, detector.contactKey("0912345678"), TAN_PHU, MONDAY);

        Document stored = mongo.getCollection(DuplicateDetector.COLLECTION)
                .find(new Document("_id", "fb-1"))
                .first();
        assertThat(stored).containsOnlyKeys("_id", "contactKey", "communeCode", "shingles", "receivedAt", "open");
        assertThat(stored.getString("contactKey")).matches("[0-9a-f]{64}").doesNotContain("912345678");
        assertThat(stored.toJson()).doesNotContain("912345678", "Hùng", "hung", "suoi");
        assertThat(stored.getBoolean("open")).isTrue();
        // the candidate buckets name the sources by keys only, and list ids
        List<Document> buckets =
                mongo.getCollection(DuplicateDetector.BUCKETS).find().into(new ArrayList<>());
        assertThat(buckets).hasSize(2 * DuplicateDetector.LSH_BANDS);
        assertThat(buckets).allSatisfy(bucket -> {
            assertThat(bucket.getString("_id")).matches("(k:[0-9a-f]{64}|c:" + TAN_PHU + ")\\|\\d+:[0-9a-f]+");
            assertThat(bucket.getList("items", String.class)).containsExactly("fb-1");
        });
    }

    @Test
    void submissionsRegisteredAtOnceAreEachFoundAfterwards() throws Exception {
        // concurrent registrations append to the same buckets at once: none of them may be lost
        Random random = new Random(11);
        int submissions = 48;
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < submissions; i++) {
            texts.add(SyntheticComplaints.next(random));
        }
        try (ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor()) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> registering = new ArrayList<>();
            for (int i = 0; i < submissions; i++) {
                int n = i;
                registering.add(requests.submit(() -> {
                    start.await();
                    detector.register("fb-" + n, texts.get(n), binh, TAN_PHU, MONDAY);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> registered : registering) {
                registered.get(30, TimeUnit.SECONDS);
            }
        }

        assertThat(mongo.getCollection(DuplicateDetector.COLLECTION).countDocuments())
                .isEqualTo(submissions);
        for (int i = 0; i < submissions; i++) {
            assertThat(detector.findMatch(texts.get(i), lan, TAN_PHU, MONDAY.plus(days(1))))
                    .as("submission %d", i)
                    .map(DuplicateMatch::feedbackId)
                    .contains("fb-" + i);
        }
    }

    @Test
    void findMatchAmongTenThousandOpenItems() {
        Random random = new Random(7);
        int items = 10_000;
        List<String> texts = new ArrayList<>(items);
        List<String> communes = new ArrayList<>(items);
        long registering = System.nanoTime();
        for (int i = 0; i < items; i++) {
            String text = SyntheticComplaints.next(random);
            String commune = String.valueOf(26_000 + random.nextInt(200));
            texts.add(text);
            communes.add(commune);
            detector.register(
                    "fb-" + i,
                    text,
                    detector.contactKey("09" + (10_000_000 + random.nextInt(80_000_000))),
                    commune,
                    MONDAY.plus(Duration.ofMinutes(random.nextInt(60 * 24 * 60))));
        }
        registering = System.nanoTime() - registering;

        int queries = 200;
        long[] nanos = new long[queries];
        int found = 0;
        for (int q = 0; q < queries; q++) {
            int of = random.nextInt(items);
            // every other query repeats a registered item with a sentence added; the others are new complaints
            boolean repeat = q % 2 == 0;
            String text =
                    repeat ? texts.get(of) + " Mong các cơ quan sớm giải quyết." : SyntheticComplaints.next(random);
            long start = System.nanoTime();
            var match = detector.findMatch(
                    text, detector.contactKey("0987654321"), communes.get(of), MONDAY.plus(days(30)));
            nanos[q] = System.nanoTime() - start;
            if (repeat) {
                assertThat(match).as("query %d", q).isPresent();
                found++;
            }
        }
        Arrays.sort(nanos);
        System.out.printf(
                "duplicate_fingerprints: registered %d items in %d ms; findMatch over %d queries (%d repeats found):"
                        + " median %.2f ms, p95 %.2f ms, max %.2f ms%n",
                items,
                registering / 1_000_000,
                queries,
                found,
                nanos[queries / 2] / 1e6,
                nanos[queries * 95 / 100] / 1e6,
                nanos[queries - 1] / 1e6);
    }

    private static Duration days(int n) {
        return Duration.ofDays(n);
    }
}
