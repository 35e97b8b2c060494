package vn.danvan.statistics.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.json.JsonMapper;
import vn.danvan.feedback.api.events.v1.Channel;
import vn.danvan.feedback.api.events.v1.FeedbackAccepted;
import vn.danvan.feedback.api.events.v1.FeedbackAnswered;
import vn.danvan.feedback.api.events.v1.FeedbackClosed;
import vn.danvan.feedback.api.events.v1.FeedbackEvents;
import vn.danvan.feedback.api.events.v1.FeedbackKind;
import vn.danvan.feedback.api.events.v1.FeedbackOverdue;
import vn.danvan.feedback.api.events.v1.FeedbackRated;
import vn.danvan.feedback.api.events.v1.FeedbackReceived;
import vn.danvan.feedback.api.events.v1.FeedbackReopened;
import vn.danvan.feedback.api.events.v1.FeedbackTransferred;
import vn.danvan.kit.consumer.EventReader;
import vn.danvan.kit.consumer.ReceivedEvent;
import vn.danvan.kit.contract.DomainEvent;
import vn.danvan.kit.contract.EventStream;
import vn.danvan.kit.events.EventSerializer;
import vn.danvan.kit.units.AdministrativeUnits;
import vn.danvan.kit.units.ExtraUnit;
import vn.danvan.kit.units.UnitType;
import vn.danvan.statistics.figures.CounterIds;
import vn.danvan.statistics.figures.Generations;
import vn.danvan.statistics.period.Period;
import vn.danvan.statistics.period.PeriodKind;
import vn.danvan.statistics.projection.Projector;
import vn.danvan.statistics.projection.Replay;
import vn.danvan.statistics.units.StatisticsUnits;

/**
 * A rebuild's in-memory replay must leave exactly what the live projector leaves for the same partitions: every
 * counter document, item, overdue entry, applied event id and partition position, whatever its memory budget (so
 * whether it writes once or in many flushes, inserts then upserts, and reads its items back after a flush).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplayMatchesLiveTest {

    private static final String AGENCY = "48.BDV";
    /** Responsible units: Đà Nẵng's communes and a deployment's own agency. */
    private static final List<String> COMMUNES = List.of("20209", "20200", "20194", "20197", "20242", "20263", AGENCY);

    private static final Instant START = Instant.parse("2024-12-20T10:00:00Z");

    private MongoServer server;
    private MongoClient client;
    private MongoTemplate mongo;
    private Projector projector;
    private EventSerializer serializer;
    private List<ReceivedEvent> topic;
    private SimpleMeterRegistry meters;
    private StatisticsUnits units;

    @BeforeAll
    void start() {
        server = new MongoServer(new MemoryBackend());
        String uri = "mongodb://" + server.bind().getHostString() + ":"
                + server.getLocalAddress().getPort();
        client = MongoClients.create(uri);
        mongo = new MongoTemplate(client, "statistics_replay");
        serializer = new EventSerializer(JsonMapper.builder().build());
        // a deployment's own agency, with a '.' in its code (a path separator in a field name)
        units = new StatisticsUnits(AdministrativeUnits.load(
                List.of(new ExtraUnit(AGENCY, "Ban Dân vận Thành ủy Đà Nẵng", UnitType.AGENCY, "48", null))));
        projector = new Projector(
                mongo,
                new EventReader(serializer, FeedbackEvents.STREAM),
                List.of(new FeedbackProjection(units, new WorkingDays(java.util.Set.of(), java.util.Set.of()))),
                List.of(new FeedbackFigures()),
                units,
                Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC),
                null,
                meters = new SimpleMeterRegistry());
        topic = topic(new Random(20261202L), 120, 3);

        // the live projector, in batches of 7 records as polls would hand them over
        for (int from = 0; from < topic.size(); from += 7) {
            projector.apply(topic.subList(from, Math.min(topic.size(), from + 7)), "live");
        }
    }

    @AfterAll
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void foldedAtOnceTheReplayWritesWhatTheLiveProjectorWrote() {
        replay("once", Integer.MAX_VALUE, 500);
        assertSameCollections("live", "once");
    }

    @Test
    void flushedManyTimesTheReplayWritesWhatTheLiveProjectorWrote() {
        replay("flushes", 40, 5);
        assertSameCollections("live", "flushes");
    }

    @Test
    void theLiveProjectorContinuingAfterARebuildSkipsWhatTheReplayCounted() {
        // a rebuild replayed the first 60 % of the topic; the live projector, whose group had committed nothing,
        // then reads the whole topic from the beginning into the rebuilt generation
        int replayed = topic.size() * 3 / 5;
        Replay replay = projector.replay("continued", Integer.MAX_VALUE);
        for (int from = 0; from < replayed; from += 11) {
            replay.add(topic.subList(from, Math.min(replayed, from + 11)));
        }
        replay.flush();
        double before = behindPosition();
        for (int from = 0; from < topic.size(); from += 7) {
            projector.apply(topic.subList(from, Math.min(topic.size(), from + 7)), "continued");
        }

        assertSameCollections("live", "continued");
        // passed over by position, without reading ids, items and guards: every replayed record but the relay's
        // second copies published after the last counted event of their partition (the replay skips those by id and
        // does not move the partition's position for them)
        assertThat(behindPosition() - before).isBetween(replayed * 0.9, (double) replayed);
    }

    @Test
    void aUnitsChildrenDocumentHoldsEachChildsTotalsOfEveryPeriodButTheDayHalvesAndNineMonthsIncluded() {
        Map<String, Document> figures = documents("figures", "live");
        int compared = 0;
        for (Document doc : figures.values()) {
            String id = doc.getString("_id");
            if (CounterIds.isChildren(id)) {
                continue;
            }
            String unit = CounterIds.unitOf(id);
            String period = CounterIds.periodOf(id);
            List<String> chain = units.chain(unit);
            Document children = chain.size() < 2 ? null : figures.get(CounterIds.children(chain.get(1), period));
            boolean day = !CounterIds.NOW.equals(period) && Period.parse(period).kind() == PeriodKind.DAY;
            if (chain.size() < 2 || day) {
                assertThat(children == null
                                || !children.get("children", Document.class).containsKey(CounterIds.childKey(unit)))
                        .as(id)
                        .isTrue();
                continue;
            }
            assertThat(children).as("children document of " + id).isNotNull();
            Document totals = new Document(doc.get("feedback", Document.class));
            totals.keySet().removeIf(field -> field.startsWith("by")); // the slices: by kind, channel, category
            assertThat(children.get("children", Document.class).get(CounterIds.childKey(unit), Document.class))
                    .as(id)
                    .isEqualTo(new Document("feedback", totals));
            compared++;
        }
        assertThat(compared).isGreaterThan(60); // 6 communes and an agency: months, quarters, years, terms, gauges
        // a half's and the 9 months' children documents are stored: each child's entry is the sum of its quarters'
        // entries; any other holds no unit without a document of its own in that period
        int composed = 0;
        for (Document doc : figures.values()) {
            String id = doc.getString("_id");
            if (!CounterIds.isChildren(id)) {
                continue;
            }
            String period = CounterIds.periodOf(id);
            Period composedPeriod = CounterIds.NOW.equals(period)
                    ? null
                    : Period.composedOf(period).orElse(null);
            String parent =
                    CounterIds.unitOf(id).substring(0, CounterIds.unitOf(id).indexOf('/'));
            for (String child : doc.get("children", Document.class).keySet()) {
                if (composedPeriod == null) {
                    assertThat(figures).as(id).containsKey(CounterIds.of(CounterIds.childCode(child), period));
                    continue;
                }
                Document sum = new Document();
                for (Period part : composedPeriod.parts()) {
                    Document partDoc = figures.get(CounterIds.children(parent, part.key()));
                    if (partDoc != null
                            && partDoc.get("children", Document.class).get(child) instanceof Document d) {
                        addInto(sum, d);
                    }
                }
                assertThat(doc.get("children", Document.class).get(child, Document.class))
                        .as(id + " " + child)
                        .isEqualTo(sum);
                composed++;
            }
        }
        assertThat(composed).isGreaterThan(10);
    }

    /** Adds every count of {@code from} into {@code into}, nested documents included. */
    private static void addInto(Document into, Document from) {
        from.forEach((field, value) -> {
            if (value instanceof Document nested) {
                Document target = into.get(field) instanceof Document d ? d : new Document();
                into.put(field, target);
                addInto(target, nested);
            } else {
                into.merge(field, value, (a, b) -> ((Number) a).longValue() + ((Number) b).longValue());
            }
        });
    }

    private double behindPosition() {
        return meters.counter("danvan.statistics.events", "outcome", "behind-position")
                .count();
    }

    @Test
    void theTopicExercisesEveryPath() {
        // the comparisons above mean something only if the topic moves figures, gauges and the overdue list
        assertThat(documents("figures", "live")).hasSizeGreaterThan(200);
        assertThat(documents("overdue", "live")).isNotEmpty();
        assertThat(documents("items", "live")).hasSize(120);
        assertThat(mongo.getCollection("figures_live").countDocuments(new Document("_id", "48|now")))
                .isEqualTo(1);
    }

    @Test
    void theRunningTotalOfPendingChangesToAPeriodAfterEveryEventIsThePendingGaugeOfEveryUnitAndSlice() {
        // the rebuild writes the dated pendingChange counters like any other (compared above with every document);
        // their running total to the end of a period after the topic's last event is what is pending now, slices too
        Map<String, Document> figures = documents("figures", "live");
        List<String> unitsWithGauges = figures.keySet().stream()
                .filter(id -> !CounterIds.isChildren(id) && CounterIds.NOW.equals(CounterIds.periodOf(id)))
                .map(CounterIds::unitOf)
                .toList();
        Map<String, Document> ends = vn.danvan.statistics.figures.FigureReader.toEnd(
                unitsWithGauges, List.of(Period.parse("2026")), keys -> {
                    Map<String, Document> read = new TreeMap<>();
                    for (String unit : unitsWithGauges) {
                        for (String key : keys) {
                            Document doc = figures.get(CounterIds.of(unit, key));
                            if (doc != null) {
                                read.put(CounterIds.of(unit, key), doc);
                            }
                        }
                    }
                    return read;
                });
        int compared = 0;
        int pending = 0;
        for (String unit : unitsWithGauges) {
            Document now = figures.get(CounterIds.now(unit)).get("feedback", Document.class);
            Document toEnd = ends.get(CounterIds.of(unit, "end:2026")).get("feedback", Document.class);
            assertThat(toEnd.get("pendingChange", Number.class).longValue())
                    .as(unit)
                    .isEqualTo(now.get("pendingNow", Number.class).longValue());
            pending += now.get("pendingNow", Number.class).intValue();
            for (String slice : List.of("byKind", "byChannel", "byCategory")) {
                Document nowSlice = now.get(slice, Document.class);
                for (String value : nowSlice.keySet()) {
                    Number gauge = nowSlice.get(value, Document.class).get("pendingNow", Number.class);
                    if (gauge == null) {
                        continue; // only overdue
                    }
                    assertThat(toEnd.get(slice, Document.class)
                                    .get(value, Document.class)
                                    .get("pendingChange", Number.class)
                                    .longValue())
                            .as(unit + " " + slice + " " + value)
                            .isEqualTo(gauge.longValue());
                    compared++;
                }
            }
        }
        assertThat(pending).isGreaterThan(20);
        assertThat(compared).isGreaterThan(50);
    }

    private void replay(String generation, int flushDocuments, int batch) {
        Replay replay = projector.replay(generation, flushDocuments);
        for (int from = 0; from < topic.size(); from += batch) {
            replay.add(topic.subList(from, Math.min(topic.size(), from + batch)));
        }
        replay.flush();
    }

    private void assertSameCollections(String live, String replayed) {
        for (String base : Generations.BASES) {
            Map<String, Document> expected = documents(base, live);
            Map<String, Document> actual = documents(base, replayed);
            assertThat(actual).as(base).isEqualTo(expected);
        }
    }

    /** A collection of a generation by id, without the write times (the replay writes at its own time). */
    private Map<String, Document> documents(String base, String generation) {
        Map<String, Document> docs = new TreeMap<>();
        for (Document doc :
                mongo.getCollection(Generations.collection(base, generation)).find()) {
            doc.remove("updatedAt");
            doc.remove("at"); // applied-id times
            docs.put(doc.get("_id").toString(), doc);
        }
        if (base.equals("figures")) {
            // the offsets each counter counted are compared apart, as the live projector writes them
            for (Document doc : mongo.getCollection(Generations.collection(base, generation))
                    .find()) {
                docs.get(doc.getString("_id")).put("offsets", doc.get("at"));
            }
        }
        return docs;
    }

    /**
     * Feedback lifecycles over 3 partitions (each item on the partition of its key, in order), dated across a year
     * end and several months, with transfers, overdue and reopened items, ratings, and relay duplicates (an event
     * published again a few records later).
     */
    private List<ReceivedEvent> topic(Random random, int items, int partitions) {
        List<List<DomainEvent>> perPartition = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            perPartition.add(new ArrayList<>());
        }
        for (int i = 0; i < items; i++) {
            String id = "f" + i;
            FeedbackKind kind = FeedbackKind.values()[random.nextInt(4)];
            Channel channel = Channel.values()[random.nextInt(3)];
            String category = List.of("land", "environment", "infrastructure").get(random.nextInt(3));
            String unit = COMMUNES.get(random.nextInt(COMMUNES.size()));
            Instant at = START.plus(Duration.ofHours(random.nextInt(24 * 120)));
            List<DomainEvent> life = perPartition.get(i % partitions);
            life.add(new FeedbackReceived(id, kind, channel, category, unit, at, null, null, null, null, null, null));
            int path = random.nextInt(5);
            if (path == 0) {
                continue; // still pending
            }
            at = at.plus(Duration.ofDays(1 + random.nextInt(5)));
            if (path == 1) {
                String to = COMMUNES.get(random.nextInt(COMMUNES.size()));
                life.add(new FeedbackTransferred(id, kind, channel, category, unit, to, at, "NOT_COMPETENT", null));
                unit = to;
                at = at.plus(Duration.ofDays(2));
            }
            life.add(new FeedbackAccepted(id, kind, channel, category, unit, at, null, true));
            if (path == 2) {
                life.add(new FeedbackOverdue(
                        id, kind, channel, category, unit, at.plus(Duration.ofDays(30)), "RESOLUTION", at));
                continue; // overdue, unanswered
            }
            at = at.plus(Duration.ofDays(1 + random.nextInt(20)));
            life.add(new FeedbackAnswered(id, kind, channel, category, unit, at, null, random.nextBoolean(), null));
            life.add(new FeedbackRated(id, kind, channel, category, unit, at.plus(Duration.ofDays(1)), 1 + i % 5));
            if (path == 3) {
                life.add(new FeedbackReopened(id, kind, channel, category, unit, at.plus(Duration.ofDays(2)), null));
            } else {
                life.add(new FeedbackClosed(id, kind, channel, category, unit, at.plus(Duration.ofDays(3))));
            }
        }
        // interleave the partitions as polls do, each in its own order, with some records published twice
        List<ReceivedEvent> records = new ArrayList<>();
        long[] offsets = new long[partitions];
        int[] next = new int[partitions];
        List<ReceivedEvent> again = new ArrayList<>();
        boolean more = true;
        while (more) {
            more = false;
            for (int p = 0; p < partitions; p++) {
                for (int n = 0;
                        n < 1 + random.nextInt(4)
                                && next[p] < perPartition.get(p).size();
                        n++) {
                    DomainEvent event = perPartition.get(p).get(next[p]++);
                    ReceivedEvent record = record("e-" + p + "-" + next[p], event, p, offsets[p]++);
                    records.add(record);
                    if (random.nextInt(10) == 0) {
                        again.add(record);
                    }
                }
                for (ReceivedEvent duplicate : List.copyOf(again)) {
                    if (duplicate.partition() == p) {
                        // the relay published it again (same id, a later offset)
                        records.add(record(duplicate, offsets[p]++));
                        again.remove(duplicate);
                    }
                }
                more |= next[p] < perPartition.get(p).size();
            }
        }
        return records;
    }

    private ReceivedEvent record(String id, DomainEvent event, int partition, long offset) {
        return new ReceivedEvent(
                id,
                EventStream.typeOf(event.getClass()),
                FeedbackEvents.STREAM.source(),
                event.aggregateId(),
                Instant.now(),
                null,
                serializer.toJson(event).getBytes(StandardCharsets.UTF_8),
                FeedbackEvents.STREAM.topic(),
                partition,
                offset);
    }

    private static ReceivedEvent record(ReceivedEvent first, long offset) {
        return new ReceivedEvent(
                first.id(),
                first.type(),
                first.source(),
                first.subject(),
                first.time(),
                first.traceparent(),
                first.data(),
                first.topic(),
                first.partition(),
                offset);
    }
}
