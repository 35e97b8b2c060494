package vn.danvan.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.danvan.feedback.api.events.v1.Channel;
import vn.danvan.feedback.api.events.v1.FeedbackEvents;
import vn.danvan.feedback.api.events.v1.FeedbackKind;
import vn.danvan.feedback.api.events.v1.FeedbackReceived;
import vn.danvan.kit.contract.EventStream;
import vn.danvan.kit.events.EventSerializer;
import vn.danvan.kit.test.CloudEventsProducer;
import vn.danvan.kit.test.identity.TestIdentityProvider;
import vn.danvan.statistics.api.events.v1.StatisticsChanged;
import vn.danvan.statistics.api.events.v1.StatisticsEvents;
import vn.danvan.statistics.figures.Generations;
import vn.danvan.statistics.projection.SourceRecords;

/**
 * What an operator meets: a replica restarted under its own name, a rebuild asked for once the feedback topic has
 * lost its first events, the health details of a generation that needs a rebuild, and a replica stopping with
 * dashboards connected. A replica and broker of its own: it deletes records of danvan.feedback.v1, which the other
 * tests' rebuilds read from the start, and it stops the replica.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StatisticsOperationsTest {

    private static final String FEEDBACK = FeedbackEvents.STREAM.topic();
    private static final String DA_NANG = "48";
    private static final String HAI_VAN = "20194";
    private static final String YEAR = "2052";

    private static final List<String> BROKER_PROPERTIES =
            List.of("spring.kafka.bootstrap-servers", "spring.embedded.kafka.brokers");

    /** This replica's stream group, as DANVAN_INSTANCE_ID names it. */
    private static final String STREAM_GROUP = "statistics-stream-ops-1";

    private EmbeddedKafkaKraftBroker broker;
    private MongoServer store;
    private ConfigurableApplicationContext context;
    private int port;
    private JsonMapper json;
    private MongoTemplate mongo;
    private Generations generations;
    private MeterRegistry meters;
    private FeedbackEventsPublisher events;
    private final HttpClient http = HttpClient.newHttpClient();

    /**
     * A replica of its own, started as a deployment starts it (not a test context the test framework keeps), so that a
     * test may stop it as SIGTERM does.
     */
    @BeforeAll
    void start() {
        broker = broker();
        store = new MongoServer(new MemoryBackend());
        InetSocketAddress address = store.bind();
        context = new SpringApplicationBuilder(StatisticsApplication.class)
                .run(
                        "--server.port=0",
                        "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                        // the binder's context prefers a system property of the JVM to the line above
                        "--spring.cloud.stream.kafka.binder.brokers=" + broker.getBrokersAsString(),
                        "--spring.mongodb.uri=mongodb://127.0.0.1:" + address.getPort() + "/danvan_statistics",
                        "--spring.security.oauth2.resourceserver.jwt.issuer-uri="
                                + TestIdentityProvider.shared().issuer(),
                        // what an operator sets to read the health details (the kit shows them to nobody by default)
                        "--management.endpoint.health.show-details=always",
                        "--management.endpoint.health.show-components=always",
                        // a stable name of this replica, as a StatefulSet pod's name
                        "--DANVAN_INSTANCE_ID=ops-1",
                        // a client that has left is noticed at the next write
                        "--danvan.statistics.stream.heartbeat=200ms");
        port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        json = context.getBean(JsonMapper.class);
        mongo = context.getBean(MongoTemplate.class);
        generations = context.getBean(Generations.class);
        meters = context.getBean(MeterRegistry.class);
        events = new FeedbackEventsPublisher(broker.getBrokersAsString(), context.getBean(EventSerializer.class));
    }

    @AfterAll
    void stop() {
        if (events != null) {
            events.close();
        }
        if (context != null) {
            context.close(); // before its broker and store go (nothing to do once the last test closed it)
        }
        if (store != null) {
            store.shutdownNow();
        }
        if (broker != null) {
            broker.destroy();
        }
    }

    /**
     * The broker, with what a replica of this instance left before it was restarted: its stream group's offsets
     * before a change it read then.
     */
    private static EmbeddedKafkaKraftBroker broker() {
        // the embedded broker publishes its address in these system properties, which the binder's own context reads
        // before any test's settings: left to this broker, every later test context of the JVM would follow it
        Map<String, String> before = new HashMap<>();
        for (String property : BROKER_PROPERTIES) {
            before.put(property, System.getProperty(property));
        }
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 6);
        try {
            broker.afterPropertiesSet();
        } finally {
            before.forEach((property, value) -> {
                if (value == null) {
                    System.clearProperty(property);
                } else {
                    System.setProperty(property, value);
                }
            });
        }
        String topic = StatisticsEvents.STREAM.topic();
        try (AdminClient admin = AdminClient.create(
                        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()));
                CloudEventsProducer producer = new CloudEventsProducer(broker.getBrokersAsString())) {
            admin.createTopics(List.of(new NewTopic(topic, 6, (short) 1))).all().get(30, TimeUnit.SECONDS);
            var sent = producer.send(
                    topic,
                    StatisticsEvents.STREAM.source(),
                    EventStream.typeOf(StatisticsChanged.class),
                    UUID.randomUUID().toString(),
                    HAI_VAN,
                    new EventSerializer(JsonMapper.builder().build())
                            .toJson(change(5, Instant.parse("2026-01-01T00:00:00Z"))));
            admin.alterConsumerGroupOffsets(
                            STREAM_GROUP,
                            Map.of(new TopicPartition(topic, sent.partition()), new OffsetAndMetadata(sent.offset())))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            broker.destroy();
            throw new IllegalStateException(e);
        }
        return broker;
    }

    private static StatisticsChanged change(long received, Instant asOf) {
        return new StatisticsChanged(
                HAI_VAN,
                List.of(new StatisticsChanged.PeriodFigures(YEAR, Map.of("feedback.received", received))),
                asOf);
    }

    @Test
    @Order(0) // first: no change of its own yet
    void aRestartedReplicaUsesItsGroupAgainAndStartsAtTheLatestChange() throws Exception {
        try (AdminClient admin = admin()) {
            List<String> groups = admin.listConsumerGroups().all().get(10, TimeUnit.SECONDS).stream()
                    .map(ConsumerGroupListing::groupId)
                    .filter(group -> group.startsWith("statistics-stream-"))
                    .toList();
            assertThat(groups).as("named after the instance").containsExactly(STREAM_GROUP);
        }
        try (Stream<String> stream = lines("/api/v1/statistics/stream?unit=" + DA_NANG)) {
            BlockingQueue<String> lines = drain(stream, new CountDownLatch(1), new AtomicBoolean());
            await().atMost(Duration.ofSeconds(10)).until(() -> subscribers() == 1);
            // a change another replica projects now, through the topic
            events.publish(
                    StatisticsEvents.STREAM.topic(),
                    StatisticsEvents.STREAM.source(),
                    UUID.randomUUID().toString(),
                    change(77, Instant.now()));
            Map<String, String> event = nextFigures(lines);
            assertThat(event.get("data")).contains("\"feedback.received\":77");
            // the first change this replica has recorded: not the one before it started, at the group's offsets
            assertThat(event.get("id")).endsWith("-1");
        }
    }

    @Test
    @Order(1)
    void aRebuildIsRefusedOnceTheTopicHasLostItsFirstEventsAndTheFiguresKeepServing() throws Exception {
        for (int i = 0; i < 16; i++) {
            events.publish(new FeedbackReceived(
                    UUID.randomUUID().toString(),
                    FeedbackKind.OPINION,
                    Channel.WEB,
                    "other",
                    HAI_VAN,
                    Instant.parse(YEAR + "-03-02T03:00:00Z"),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null));
        }
        awaitReceived(16);
        String serving = generations.active();

        // what retention does: the head of each partition is deleted
        Map<TopicPartition, Long> firsts = new HashMap<>();
        try (AdminClient admin = admin();
                KafkaConsumer<String, byte[]> consumer = SourceRecords.consumer(broker.getBrokersAsString(), 10)) {
            Map<TopicPartition, RecordsToDelete> deletions = new HashMap<>();
            consumer.endOffsets(partitions(consumer)).forEach((partition, end) -> {
                if (end > 0) {
                    deletions.put(partition, RecordsToDelete.beforeOffset(1));
                    firsts.put(partition, 1L);
                }
            });
            admin.deleteRecords(deletions).all().get(10, TimeUnit.SECONDS);
        }
        assertThat(firsts).isNotEmpty();

        HttpResponse<String> refused = startRebuild(Map.of());
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        JsonNode problem = json.readTree(refused.body());
        assertThat(problem.path("type").asString()).isEqualTo("urn:danvan:problem:conflict");
        assertThat(problem.path("code").asString()).isEqualTo("statistics.rebuild.history-incomplete");
        String detail = problem.path("detail").asString();
        assertThat(detail)
                .startsWith("Không dựng lại số liệu: chủ đề " + FEEDBACK + " không còn giữ đủ lịch sử")
                .contains("retention.ms=-1", "số liệu hiện tại được giữ nguyên");
        firsts.keySet().forEach(partition -> assertThat(detail).contains(partition.partition() + " → 1"));
        String english = json.readTree(
                        startRebuild(Map.of("Accept-Language", "en")).body())
                .path("detail")
                .asString();
        assertThat(english)
                .startsWith("No rebuild: topic " + FEEDBACK + " no longer holds its whole history")
                .contains("the current figures stay as they are", "Set the topic's retention back");

        // nothing changed: the same generation serves the same figures, no job ran, no lease is held
        assertThat(generations.active()).isEqualTo(serving);
        assertThat(received()).isEqualTo(16);
        assertThat(mongo.getCollection("statistics_rebuilds").countDocuments()).isZero();
        assertThat(mongo.getCollection("statistics_rebuild_lease").countDocuments())
                .isZero();
    }

    @Test
    @Order(2)
    void aReplayWhoseRecordsWereDeletedBeforeItReadThemFailsInsteadOfSkippingThem() throws Exception {
        // how a rebuild whose records retention deletes while it runs finds out: its consumer's poll fails (the
        // job then fails, the serving generation stays) where the default moved to the end and counted nothing
        try (KafkaConsumer<String, byte[]> consumer = SourceRecords.replayConsumer(broker.getBrokersAsString(), 10)) {
            TopicPartition head = partitions(consumer).stream()
                    .filter(partition ->
                            consumer.beginningOffsets(List.of(partition)).get(partition) > 0)
                    .findFirst()
                    .orElseThrow();
            consumer.assign(List.of(head));
            consumer.seek(head, 0);
            assertThatThrownBy(() -> {
                        for (int i = 0; i < 50; i++) {
                            consumer.poll(Duration.ofMillis(200));
                        }
                    })
                    .isInstanceOf(OffsetOutOfRangeException.class);
        }
    }

    @Test
    @Order(3)
    void theHealthDetailsSayWhenTheServingGenerationNeedsARebuildAndTheServiceStaysUp() throws Exception {
        String serving = generations.active();
        JsonNode figures = health().path("components").path("figures");
        assertThat(figures.path("status").asString()).isEqualTo("UP");
        assertThat(figures.path("details").path("generation").asString()).isEqualTo(serving);
        assertThat(figures.path("details").path("layout").asInt()).isEqualTo(Generations.LAYOUT);
        assertThat(figures.path("details").has("rebuildNeeded")).isFalse();

        // a generation written by the version before pendingChange, as an upgraded deployment serves it
        setLayout(2);
        try {
            JsonNode older = health();
            assertThat(older.path("status").asString()).as("still serving").isEqualTo("UP");
            JsonNode details = older.path("components").path("figures").path("details");
            assertThat(details.path("rebuildNeeded").asBoolean()).isTrue();
            assertThat(details.path("layout").asInt()).isEqualTo(2);
            assertThat(details.path("missing").path("3").asString()).contains("feedback.pendingAtEnd");
            assertThat(details.path("action").asString()).contains("POST /api/v1/statistics/rebuild");
            // and it serves its figures as before
            assertThat(received()).isEqualTo(16);
        } finally {
            setLayout(Generations.LAYOUT);
        }
    }

    @Test
    @Order(Integer.MAX_VALUE) // last: it closes the context
    void aReplicaStoppingWithADashboardConnectedEndsItsStreamAndStopsWithinSeconds() throws Exception {
        CountDownLatch ended = new CountDownLatch(1);
        AtomicBoolean endedNormally = new AtomicBoolean();
        Stream<String> stream = lines("/api/v1/statistics/stream?unit=" + DA_NANG);
        BlockingQueue<String> lines = drain(stream, ended, endedNormally);
        assertThat(lines.poll(10, TimeUnit.SECONDS)).isEqualTo(": connected");
        await().atMost(Duration.ofSeconds(10)).until(() -> subscribers() == 1);

        long start = System.nanoTime();
        context.close(); // what SIGTERM does
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        // a generous bound, not a benchmark: an open stream held the graceful shutdown for its whole 20 s before
        assertThat(took).as("closing took %s", took).isLessThan(Duration.ofSeconds(10));
        assertThat(ended.await(5, TimeUnit.SECONDS))
                .as("the dashboard sees its stream end")
                .isTrue();
        assertThat(endedNormally).as("ended by the server, not cut off").isTrue();
    }

    // --- helpers ---

    private void awaitReceived(long expected) {
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(received()).isEqualTo(expected));
    }

    /** Hải Vân's items received in the test's year, as the summary serves them. */
    private long received() throws Exception {
        HttpResponse<String> response = http.send(
                request("/api/v1/statistics/summary?unit=" + HAI_VAN + "&period=" + YEAR, Map.of())
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        for (JsonNode figure : json.readTree(response.body()).path("figures")) {
            if ("feedback.received".equals(figure.path("metric").asString())) {
                return figure.path("value").asLong();
            }
        }
        throw new AssertionError("no feedback.received in " + response.body());
    }

    private HttpResponse<String> startRebuild(Map<String, String> headers) throws Exception {
        Map<String, String> all = new HashMap<>(headers);
        all.put("Authorization", "Bearer " + TestIdentityProvider.shared().token("admin-1", DA_NANG, "ADMIN"));
        return http.send(
                request("/api/v1/statistics/rebuild", all)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode health() throws Exception {
        HttpResponse<String> response =
                http.send(request("/actuator/health", Map.of()).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private void setLayout(int layout) throws InterruptedException {
        mongo.getCollection("statistics_generation")
                .updateOne(new Document("_id", "active"), new Document("$set", new Document("layout", layout)));
        Thread.sleep(600); // the serving generation is re-read after 500 ms
    }

    private HttpRequest.Builder request(String path, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30));
        headers.forEach(builder::header);
        return builder;
    }

    private Stream<String> lines(String path) throws Exception {
        HttpResponse<Stream<String>> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Accept", "text/event-stream")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** The stream's lines as they come; {@code ended} counts down when it ends, normally or cut off. */
    private static BlockingQueue<String> drain(
            Stream<String> stream, CountDownLatch ended, AtomicBoolean endedNormally) {
        BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        Thread.ofVirtual().start(() -> {
            try {
                stream.forEach(queue::add);
                endedNormally.set(true);
            } catch (RuntimeException cutOff) {
                // closed by the test, or the connection dropped
            } finally {
                ended.countDown();
            }
        });
        return queue;
    }

    /** The next `figures` event: its fields (id, event, data). */
    private static Map<String, String> nextFigures(BlockingQueue<String> lines) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        Map<String, String> event = new HashMap<>();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(200, TimeUnit.MILLISECONDS);
            if (line == null) {
                continue;
            }
            if (line.isEmpty()) {
                if ("figures".equals(event.get("event"))) {
                    return event;
                }
                event = new HashMap<>();
            } else if (!line.startsWith(":")) {
                int colon = line.indexOf(':');
                event.put(line.substring(0, colon), line.substring(colon + 1).strip());
            }
        }
        throw new AssertionError("no figures event");
    }

    private double subscribers() {
        return meters.get("danvan.statistics.stream.subscribers").gauge().value();
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer) {
        return consumer.partitionsFor(FEEDBACK).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
    }

    private AdminClient admin() {
        return AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()));
    }
}
