package vn.danvan.statistics.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;
import vn.danvan.kit.units.AdministrativeUnits;
import vn.danvan.statistics.api.events.v1.StatisticsChanged;
import vn.danvan.statistics.units.StatisticsUnits;

/** Stream clients are independent: a stalled one holds up no one and is closed once it falls too far behind. */
class ChangeFeedTest {

    private static final StatisticsUnits UNITS = new StatisticsUnits(AdministrativeUnits.load());

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final CountDownLatch release = new CountDownLatch(1);
    private final StalledEmitter stalled = new StalledEmitter(release);
    private final RecordingEmitter following = new RecordingEmitter();
    private ChangeFeed feed;

    @AfterEach
    void releaseAndClose() {
        release.countDown();
        if (feed != null) {
            feed.close();
        }
    }

    /** Two clients of Đà Nẵng's stream: one whose connection is full, one that reads everything. */
    private void feedWithTwoClients(int clientQueue) {
        feed = new ChangeFeed(100, clientQueue, 10, UNITS, JsonMapper.shared(), meters);
        feed.subscribe(feed.subscriber("48", stalled).orElseThrow(), null);
        feed.subscribe(feed.subscriber("48", following).orElseThrow(), null);
    }

    @Test
    void aStalledClientHoldsUpNeitherThePublisherNorTheOtherClients() throws Exception {
        feedWithTwoClients(1_000);

        // a guard against a hang, not a timing: publishing used to write to each client inline
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (int i = 1; i <= 20; i++) {
                feed.publish(change("20209", i));
            }
        });

        assertThat(following.awaitEvents(20)).hasSize(20).allSatisfy(data -> assertThat(data)
                .contains("\"unit\":\"20209\""));
        assertThat(following.received().getLast()).contains("\"feedback.received\":20");
        assertThat(stalled.writes.get()).as("blocked in its first write").isLessThanOrEqualTo(1);
        assertThat(feed.subscriberCount()).isEqualTo(2);
    }

    @Test
    void aClientThatFallsTooFarBehindIsClosedAndTheOthersCarryOn() throws Exception {
        feedWithTwoClients(5);

        // the stalled client holds at most 5 events in its blocked write and 5 queued: the 11th overflows at the latest
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (int i = 1; i <= 20; i++) {
                feed.publish(change("20209", i));
                following.awaitEvents(i); // a following client keeps up, whatever its queue size
            }
        });

        stalled.completeRequested.await(10, TimeUnit.SECONDS);
        assertThat(stalled.completeRequested.getCount()).isZero();
        assertThat(feed.subscriberCount()).isEqualTo(1);
        assertThat(meters.get("danvan.statistics.stream.closed").counter().count())
                .isEqualTo(1.0);
        assertThat(following.received()).hasSize(20);
        // a change of a unit outside a client's subtree is not sent to it
        feed.publish(change("01", 1)); // Hà Nội
        feed.publish(change("20209", 21));
        assertThat(following.awaitEvents(21)).hasSize(21).noneMatch(data -> data.contains("\"unit\":\"01\""));
    }

    @Test
    void figuresReadBeforeThoseAlreadySentAreNotSentAfterThem() throws Exception {
        feed = new ChangeFeed(100, 1_000, 10, UNITS, JsonMapper.shared(), meters);
        feed.subscribe(feed.subscriber("48", following).orElseThrow(), null);

        // this replica's own change first, then another replica's older one arriving through the topic
        feed.publish(change("20209", 20, "2026-12-03T03:00:02Z"));
        feed.publish(change("20209", 18, "2026-12-03T03:00:01Z"));
        feed.publish(change("20209", 21, "2026-12-03T03:00:03Z"));
        // the same instant is no older: sent
        feed.publish(change("20209", 21, "2026-12-03T03:00:03Z"));

        // a superseded change is dropped as it is published, before any client's queue: the order below is final
        List<String> sent = following.awaitEvents(3);
        assertThat(sent).hasSize(3).noneMatch(data -> data.contains("\"feedback.received\":18"));
        assertThat(sent.get(0)).contains("\"feedback.received\":20");
        assertThat(sent.get(1)).contains("\"feedback.received\":21");
    }

    @Test
    void theInstanceServesAtMostItsBoundOfClientsAndAClientThatLeavesFreesItsSlotOnce() throws Exception {
        feed = new ChangeFeed(100, 1_000, 2, UNITS, JsonMapper.shared(), meters);
        ChangeFeed.Subscriber first =
                feed.subscriber("48", new RecordingEmitter()).orElseThrow();
        feed.subscribe(first, null);
        // taken as soon as it is handed out, before it follows the feed: a stream answering meanwhile counts
        ChangeFeed.Subscriber second = feed.subscriber("01", following).orElseThrow();

        assertThat(feed.subscriber("48", new RecordingEmitter())).isEmpty();
        assertThat(meters.get("danvan.statistics.stream.refused").counter().count())
                .isEqualTo(1.0);

        // a stream's end is reported several times (completion, error, a failed write): one slot comes back
        feed.unsubscribe(first);
        feed.unsubscribe(first);
        assertThat(feed.subscriber("48", new RecordingEmitter())).isPresent();
        assertThat(feed.subscriber("48", new RecordingEmitter())).isEmpty();

        // a client gone before it followed the feed is not left in it
        feed.unsubscribe(second);
        feed.subscribe(second, null);
        assertThat(feed.subscriberCount()).isZero();
        feed.publish(change("01", 1));
        assertThat(following.awaitEvents(1, Duration.ofMillis(300))).isEmpty();
    }

    @Test
    void closingTheStreamsEndsEveryClientAtOnceAndServesNoNewOne() throws Exception {
        feedWithTwoClients(1_000);
        feed.publish(change("20209", 1));
        following.awaitEvents(1);
        // handed out as the replica begins to stop, following the feed only after
        RecordingEmitter late = new RecordingEmitter();
        ChangeFeed.Subscriber lateClient = feed.subscriber("48", late).orElseThrow();

        // a guard against a hang, not a timing: the stalled client's write holds its emitter
        assertTimeoutPreemptively(Duration.ofSeconds(5), feed::closeStreams);

        assertThat(following.completed.await(10, TimeUnit.SECONDS))
                .as("a following client's stream ends")
                .isTrue();
        assertThat(stalled.completeRequested.await(10, TimeUnit.SECONDS))
                .as("a stalled one's end is asked for too (done once its write lets go)")
                .isTrue();
        assertThat(feed.subscriberCount()).isZero();
        feed.subscribe(lateClient, null);
        assertThat(late.completed.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(feed.subscriberCount()).isZero();
        // no new stream: the controller answers 503 "stopping", not "full"
        assertThat(feed.closing()).isTrue();
        assertThat(feed.subscriber("48", new RecordingEmitter())).isEmpty();
        assertThat(meters.get("danvan.statistics.stream.refused").counter().count())
                .isZero();
    }

    @Test
    void anIdleClientsQueueReservesNothing() {
        // the default bound: 10,000 events. A queue of that many slots reserved per client was 40 KB each: 330 MB
        // for one address's streams held open through the gateway
        feed = new ChangeFeed(100, 10_000, 1_000, UNITS, JsonMapper.shared(), meters);
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().threadId();
        long before = threads.getThreadAllocatedBytes(thread);
        List<ChangeFeed.Subscriber> clients = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            clients.add(feed.subscriber("48", following).orElseThrow());
        }
        long perClient = (threads.getThreadAllocatedBytes(thread) - before) / clients.size();

        assertThat(perClient).as("bytes allocated per idle client").isLessThan(2_000);
    }

    private static StatisticsChanged change(String unit, long received, String asOf) {
        return new StatisticsChanged(
                unit,
                List.of(new StatisticsChanged.PeriodFigures("2026-12-03", Map.of("feedback.received", received))),
                Instant.parse(asOf));
    }

    private static StatisticsChanged change(String unit, long received) {
        return new StatisticsChanged(
                unit,
                List.of(new StatisticsChanged.PeriodFigures("2026-12-03", Map.of("feedback.received", received))),
                Instant.parse("2026-12-03T03:00:00Z"));
    }

    /** A client whose connection is full: every write blocks until the test ends. */
    static final class StalledEmitter extends SseEmitter {
        private final CountDownLatch release;
        final AtomicInteger writes = new AtomicInteger();
        final CountDownLatch completeRequested = new CountDownLatch(1);

        StalledEmitter(CountDownLatch release) {
            this.release = release;
        }

        @Override
        public void send(Set<DataWithMediaType> parts) throws IOException {
            writes.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("closed", e);
            }
        }

        /** Like a real emitter's, waits for the write in progress: it holds the emitter's lock. */
        @Override
        public void complete() {
            completeRequested.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A client that reads everything: keeps the data of each event sent to it. */
    static final class RecordingEmitter extends SseEmitter {
        private final List<String> data = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch completed = new CountDownLatch(1);

        @Override
        public void complete() {
            completed.countDown();
        }

        /** One write may carry several events: each ends with a blank line. */
        @Override
        public void send(Set<DataWithMediaType> parts) {
            String text =
                    parts.stream().map(part -> String.valueOf(part.getData())).collect(Collectors.joining());
            for (String event : text.split("\n\n")) {
                if (event.contains("data:")) {
                    data.add(event);
                }
            }
        }

        List<String> received() {
            synchronized (data) {
                return List.copyOf(data);
            }
        }

        List<String> awaitEvents(int count) throws InterruptedException {
            return awaitEvents(count, Duration.ofSeconds(10));
        }

        List<String> awaitEvents(int count, Duration atMost) throws InterruptedException {
            long deadline = System.nanoTime() + atMost.toNanos();
            while (data.size() < count && System.nanoTime() < deadline) {
                Thread.sleep(5); // polling the client's sender thread, not timing it
            }
            return received();
        }
    }
}
