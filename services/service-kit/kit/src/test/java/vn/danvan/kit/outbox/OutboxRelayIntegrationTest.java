package vn.danvan.kit.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Indexes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import vn.danvan.kit.events.CloudEventHeaders;
import vn.danvan.kit.outboxapp.AppliedEvents;
import vn.danvan.kit.outboxapp.OutboxTestApplication;
import vn.danvan.kit.outboxapp.Ticket;
import vn.danvan.kit.outboxapp.TicketEvents;
import vn.danvan.kit.outboxapp.TicketRepository;
import vn.danvan.kit.test.DanvanIntegrationTest;
import vn.danvan.kit.test.TestBackends;
import vn.danvan.kit.test.TopicRecords;

/**
 * The outbox end to end against a real broker: the write, the relay, the idempotent consumer and the dead-letter
 * topic, including the failures the design exists for.
 */
@DanvanIntegrationTest(
        classes = OutboxTestApplication.class,
        properties = {"spring.config.name=kit-test", "danvan.test.database=kit_outbox"})
class OutboxRelayIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    TicketRepository tickets;

    @Autowired
    AppliedEvents applied;

    @Autowired
    OutboxRelay relay;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    KafkaProperties kafkaProperties;

    @Autowired
    OutboxProperties outboxProperties;

    @Autowired
    Tracer tracer;

    @BeforeEach
    void relayRuns() {
        relay.start();
    }

    @AfterEach
    void relayRunsAfterwards() {
        relay.start();
    }

    @Test
    void anAggregateAndItsEventAreWrittenInOneDocumentOrNotAtAll() {
        relay.stop();
        String id = "t-" + UUID.randomUUID();
        tickets.save(Ticket.open(id, "Đường làng được mở rộng"));

        Document stored = raw(id);
        assertThat(stored.getString("title")).isEqualTo("Đường làng được mở rộng");
        List<Document> outbox = stored.getList("outbox", Document.class);
        assertThat(outbox).hasSize(1);
        assertThat(outbox.getFirst().getString("type")).isEqualTo("vn.danvan.test.TicketOpened.v1");
        assertThat(outbox.getFirst().getString("subject")).isEqualTo(id);
        assertThat(outbox.getFirst().getString("data")).contains("Đường làng được mở rộng");

        // two officers edit the same copy: the second save loses, and neither its state nor its event is stored
        Ticket first = tickets.findById(id).orElseThrow();
        Ticket second = tickets.findById(id).orElseThrow();
        first.record(first.note());
        tickets.save(first);
        second.retitle("lost edit");
        second.record(second.note());
        assertThatThrownBy(() -> tickets.save(second)).isInstanceOf(OptimisticLockingFailureException.class);

        Document after = raw(id);
        assertThat(after.getString("title")).isEqualTo("Đường làng được mở rộng");
        assertThat(after.getList("outbox", Document.class))
                .extracting(e -> e.getString("type"))
                .containsExactly("vn.danvan.test.TicketOpened.v1", "vn.danvan.test.TicketNoted.v1");
    }

    @Test
    void publishedEventsCarryCloudEventHeadersAreConsumedOnceAndLeaveTheOutbox() {
        String id = "t-" + UUID.randomUUID();
        Ticket ticket = Ticket.open(id, "Tiếp công dân định kỳ");
        ticket.record(ticket.note());
        ticket.record(ticket.note());
        tickets.save(ticket);

        await().atMost(WAIT).until(() -> applied.sequences(id).size() == 3);
        assertThat(applied.sequences(id)).containsExactly(0, 1, 2);
        await().atMost(WAIT).until(() -> !raw(id).containsKey("outboxPendingSince"));
        Document stored = raw(id);
        assertThat(stored.getList("outbox", Document.class)).isEmpty();
        assertThat(stored.get("outboxLease")).isNull();
        assertThat(stored.getLong("version")).isGreaterThanOrEqualTo(1L);

        List<ConsumerRecord<String, byte[]>> records = recordsOf(id, 3);
        ConsumerRecord<String, byte[]> opened = records.getFirst();
        assertThat(opened.key()).isEqualTo(id);
        assertThat(TopicRecords.header(opened, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(TopicRecords.header(opened, CloudEventHeaders.TYPE)).isEqualTo("vn.danvan.test.TicketOpened.v1");
        assertThat(TopicRecords.header(opened, CloudEventHeaders.SOURCE)).isEqualTo("/danvan/kit-test");
        assertThat(TopicRecords.header(opened, CloudEventHeaders.SUBJECT)).isEqualTo(id);
        assertThat(TopicRecords.header(opened, CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
        assertThat(UUID.fromString(TopicRecords.header(opened, CloudEventHeaders.ID))
                        .version())
                .isEqualTo(7);
        assertThat(TopicRecords.header(opened, CloudEventHeaders.TIME)).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
        assertThat(TopicRecords.value(opened)).contains("\"ticketId\":\"" + id + "\"");
        assertThat(records).extracting(ConsumerRecord::partition).containsOnly(opened.partition());
    }

    @Test
    void theTraceOfTheWritingRequestTravelsWithTheEventToTheConsumer() {
        String id = "t-" + UUID.randomUUID();
        Span request = tracer.nextSpan().name("officer request").start();
        try (Tracer.SpanInScope scope = tracer.withSpan(request)) {
            tickets.save(Ticket.open(id, "Trace me"));
        } finally {
            request.end();
        }
        String traceId = request.context().traceId();

        ConsumerRecord<String, byte[]> record = recordsOf(id, 1).getFirst();
        assertThat(TopicRecords.header(record, CloudEventHeaders.TRACEPARENT)).startsWith("00-" + traceId + "-");
        String eventId = TopicRecords.header(record, CloudEventHeaders.ID);
        await().atMost(WAIT).until(() -> applied.traceIdOf(eventId) != null);
        assertThat(applied.traceIdOf(eventId)).isEqualTo(traceId);
    }

    @Test
    void theGatewaysCorrelationIdTravelsWithTheEvent() {
        String id = "c-" + UUID.randomUUID();
        Span request = tracer.nextSpan().name("request through the gateway").start();
        try (Tracer.SpanInScope scope = tracer.withSpan(request);
                io.micrometer.tracing.BaggageInScope correlation =
                        tracer.createBaggageInScope(CloudEventHeaders.CORRELATION_BAGGAGE, "corr-" + id)) {
            tickets.save(Ticket.open(id, "Correlate me"));
        } finally {
            request.end();
        }

        ConsumerRecord<String, byte[]> record = recordsOf(id, 1).getFirst();
        assertThat(TopicRecords.header(record, CloudEventHeaders.CORRELATION_ID))
                .isEqualTo("corr-" + id);
    }

    @Test
    void aCorrelationIdNotOfTheGatewaysFormStaysOffTheTopic() {
        // a caller inside the network that skipped the gateway, which would have replaced it
        String id = "c-" + UUID.randomUUID();
        Span request = tracer.nextSpan().name("request straight to the service").start();
        try (Tracer.SpanInScope scope = tracer.withSpan(request);
                io.micrometer.tracing.BaggageInScope correlation = tracer.createBaggageInScope(
                        CloudEventHeaders.CORRELATION_BAGGAGE, "EVIL <script> " + "x".repeat(200))) {
            tickets.save(Ticket.open(id, "Do not correlate me"));
        } finally {
            request.end();
        }

        ConsumerRecord<String, byte[]> record = recordsOf(id, 1).getFirst();
        assertThat(TopicRecords.header(record, CloudEventHeaders.CORRELATION_ID))
                .isNull();
    }

    @Test
    void aRelayKilledBetweenPublishAndRemovalIsCoveredAndTheConsumerAppliesOnce() {
        relay.stop();
        String id = "t-" + UUID.randomUUID();
        tickets.save(Ticket.open(id, "Relay dies"));

        // a relay publishes, then dies before removing: its lease stays until it lapses
        OutboxRelay doomed = newRelay("doomed");
        OutboxRelay.Batch batch = doomed.claim("tickets");
        assertThat(batch.aggregates()).extracting(OutboxRelay.Claimed::id).contains(id);
        doomed.publish(batch);
        assertThat(raw(id).getList("outbox", Document.class)).hasSize(1);

        relay.start(); // the surviving relay takes over once the lease lapses (3 s in this test)
        await().atMost(WAIT)
                .until(() -> raw(id).getList("outbox", Document.class).isEmpty());

        List<ConsumerRecord<String, byte[]>> records = recordsOf(id, 2);
        assertThat(records).hasSize(2); // published twice: at least once
        assertThat(records)
                .extracting(r -> TopicRecords.header(r, CloudEventHeaders.ID))
                .containsOnly(TopicRecords.header(records.getFirst(), CloudEventHeaders.ID));
        await().atMost(WAIT).until(() -> !applied.eventIds(id).isEmpty());
        await().during(Duration.ofSeconds(1))
                .atMost(WAIT)
                .until(() -> applied.eventIds(id).size() == 1);
    }

    @Test
    void aCopyLoadedWhileTheRelayHeldItsClaimCannotWriteTheClaimOrTheEventsBack() {
        relay.stop();
        String id = "t-" + UUID.randomUUID();
        tickets.save(Ticket.open(id, "Stale copy"));
        OutboxRelay other = newRelay("claimer");
        OutboxRelay.Batch batch = other.claim("tickets");
        Ticket loadedDuringClaim = tickets.findById(id).orElseThrow();
        other.acknowledge(other.publish(batch));

        loadedDuringClaim.record(loadedDuringClaim.note());
        assertThatThrownBy(() -> tickets.save(loadedDuringClaim)).isInstanceOf(OptimisticLockingFailureException.class);
        Document stored = raw(id);
        assertThat(stored.get("outboxLease")).isNull();
        assertThat(stored.getList("outbox", Document.class)).isEmpty();
        assertThat(stored.get("outboxPendingSince")).isNull();
    }

    @Test
    void anEventSavedBetweenTheClaimAndTheAcknowledgementStaysPendingAndIsPublishedNext() {
        relay.stop();
        String id = "t-" + UUID.randomUUID();
        tickets.save(Ticket.open(id, "Saved while publishing"));
        OutboxRelay other = newRelay("acknowledger");
        OutboxRelay.Batch batch = other.claim("tickets");
        assertThat(batch.aggregates()).extracting(OutboxRelay.Claimed::id).contains(id);
        // loaded after the claim: the save keeps the claim and adds an event the relay has not seen
        Ticket loaded = tickets.findById(id).orElseThrow();
        loaded.record(loaded.note());
        tickets.save(loaded);

        other.acknowledge(other.publish(batch));

        Document stored = raw(id);
        assertThat(stored.getList("outbox", Document.class))
                .extracting(event -> event.getString("type"))
                .containsExactly("vn.danvan.test.TicketNoted.v1");
        assertThat(stored.get("outboxPendingSince")).isNotNull();
        relay.start();
        await().atMost(WAIT)
                .until(() -> raw(id).getList("outbox", Document.class).isEmpty());
        assertThat(recordsOf(id, 2))
                .extracting(r -> TopicRecords.header(r, CloudEventHeaders.TYPE))
                .containsExactly("vn.danvan.test.TicketOpened.v1", "vn.danvan.test.TicketNoted.v1");
        assertThat(raw(id).get("outboxPendingSince")).isNull();
    }

    @Test
    void twoRelaysAtOncePublishEveryEventKeepingEachAggregatesOrder() throws Exception {
        relay.stop();
        OutboxRelay a = newRelay("relay-a");
        OutboxRelay b = newRelay("relay-b");
        a.start();
        b.start();
        int aggregates = 40;
        int notes = 8;
        List<String> ids = new ArrayList<>();
        try (ExecutorService writers = Executors.newFixedThreadPool(4)) {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < aggregates; i++) {
                String id = "t-" + UUID.randomUUID();
                ids.add(id);
                done.add(writers.submit(() -> {
                    tickets.save(Ticket.open(id, "Concurrent relays"));
                    for (int n = 0; n < notes; n++) {
                        // each note is its own save while the relays publish: a lost race is retried as a
                        // service would, on a fresh copy
                        while (true) {
                            Ticket fresh = tickets.findById(id).orElseThrow();
                            fresh.record(fresh.note());
                            try {
                                tickets.save(fresh);
                                break;
                            } catch (OptimisticLockingFailureException conflict) {
                                Thread.onSpinWait();
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        await().atMost(WAIT)
                .until(() -> mongo.getCollection("tickets")
                                .countDocuments(new Document("_id", new Document("$in", ids))
                                        .append("outboxPendingSince", new Document("$ne", null)))
                        == 0);
        a.stop();
        b.stop();

        Set<String> wanted = new LinkedHashSet<>(ids);
        List<ConsumerRecord<String, byte[]>> records = TopicRecords.readUntil(
                TestBackends.get().kafkaBootstrapServers(),
                TicketEvents.TOPIC,
                WAIT,
                rs -> rs.stream().filter(r -> wanted.contains(r.key())).count() >= (long) aggregates * (notes + 1));
        Map<String, List<Integer>> firstSeenOrder = new HashMap<>();
        Map<String, Set<String>> seenIds = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            if (!wanted.contains(record.key())) {
                continue;
            }
            String eventId = TopicRecords.header(record, CloudEventHeaders.ID);
            if (seenIds.computeIfAbsent(record.key(), k -> new java.util.HashSet<>())
                    .add(eventId)) {
                firstSeenOrder
                        .computeIfAbsent(record.key(), k -> new ArrayList<>())
                        .add(sequence(record));
            }
        }
        List<Integer> expected = new ArrayList<>();
        for (int n = 0; n <= notes; n++) {
            expected.add(n);
        }
        assertThat(firstSeenOrder).hasSize(aggregates);
        firstSeenOrder.forEach((id, order) -> assertThat(order).as(id).isEqualTo(expected));
        await().atMost(WAIT)
                .untilAsserted(() -> ids.forEach(
                        id -> assertThat(applied.sequences(id)).as(id).isEqualTo(expected)));
    }

    @Test
    void aPoisonEventGoesToTheDeadLetterTopicAndLaterEventsAreStillConsumed() {
        String poisonId = UUID.randomUUID().toString();
        Map<String, Object> config = new HashMap<>(kafkaProperties.buildProducerProperties());
        config.put("key.serializer", org.apache.kafka.common.serialization.StringSerializer.class);
        config.put("value.serializer", org.apache.kafka.common.serialization.ByteArraySerializer.class);
        DefaultKafkaProducerFactory<String, byte[]> factory = new DefaultKafkaProducerFactory<>(config);
        try {
            KafkaTemplate<String, byte[]> raw = new KafkaTemplate<>(factory);
            ProducerRecord<String, byte[]> poison = new ProducerRecord<>(
                    TicketEvents.TOPIC, "t-poison", "{not json".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            poison.headers()
                    .add(new RecordHeader(CloudEventHeaders.ID, poisonId.getBytes()))
                    .add(new RecordHeader(CloudEventHeaders.TYPE, "vn.danvan.test.TicketOpened.v1".getBytes()))
                    .add(new RecordHeader(CloudEventHeaders.SPEC_VERSION, "1.0".getBytes()));
            raw.send(poison).join();
        } finally {
            factory.destroy();
        }
        String id = "t-" + UUID.randomUUID();
        tickets.save(Ticket.open(id, "After the poison"));

        await().atMost(WAIT).until(() -> applied.eventIds(id).size() == 1);
        List<ConsumerRecord<String, byte[]>> dead = TopicRecords.readUntil(
                TestBackends.get().kafkaBootstrapServers(),
                "error." + TicketEvents.TOPIC + "." + OutboxTestApplication.GROUP,
                WAIT,
                rs -> rs.stream().anyMatch(r -> poisonId.equals(TopicRecords.header(r, CloudEventHeaders.ID))));
        assertThat(dead)
                .extracting(r -> TopicRecords.header(r, CloudEventHeaders.ID))
                .contains(poisonId);
        assertThat(applied.eventIds("t-poison")).isEmpty();
    }

    /**
     * On MongoDB the relay's indexes cost every write of every aggregate, millions of consultation comments among
     * them: it keeps the ones its queries use, the pending one holding only aggregates with something to publish, and
     * drops what earlier versions made; the exact-match ones only where they are wanted (the embedded store).
     */
    @Test
    void theRelayKeepsOnlyTheIndexesItsQueriesUse() {
        MongoCollection<Document> collection = mongo.getCollection("index_check");
        collection.insertOne(new Document("_id", "a"));
        // as earlier versions made them
        collection.createIndex(Indexes.ascending(OutboxAggregate.PENDING_SINCE));
        collection.createIndex(Indexes.ascending(OutboxAggregate.LEASE + ".token"));

        newRelay("index-check", "index_check", outboxProperties).createIndexes();
        Map<String, Document> indexes = indexesOf(collection);
        assertThat(indexes).doesNotContainKeys("outboxPendingSince_1", "outboxLease.token_1");
        assertThat(indexes.get(OutboxRelay.PENDING_INDEX).get("partialFilterExpression", Document.class))
                .isEqualTo(new Document(OutboxAggregate.PENDING_SINCE, new Document("$exists", true)));
        assertThat(indexes).containsKeys("_id_1_version_1", "_id_1_outboxLease_1", "_id_1_outboxLease.token_1");

        OutboxProperties onMongoDb = new OutboxProperties(
                true,
                outboxProperties.batchSize(),
                outboxProperties.pollInterval(),
                outboxProperties.lease(),
                outboxProperties.sendTimeout(),
                outboxProperties.maxBackoff(),
                false);
        OutboxRelay relayOnMongoDb = newRelay("index-check", "index_check", onMongoDb);
        relayOnMongoDb.createIndexes();
        relayOnMongoDb.createIndexes(); // a second replica's start: nothing left to drop, no failure
        assertThat(indexesOf(collection).keySet()).containsExactlyInAnyOrder("_id_", OutboxRelay.PENDING_INDEX);
    }

    private static Map<String, Document> indexesOf(MongoCollection<Document> collection) {
        Map<String, Document> indexes = new HashMap<>();
        collection.listIndexes().forEach(index -> indexes.put(index.getString("name"), index));
        return indexes;
    }

    private OutboxRelay newRelay(String owner) {
        return newRelay(owner, "tickets", outboxProperties);
    }

    private OutboxRelay newRelay(String owner, String collection, OutboxProperties properties) {
        KafkaTemplate<String, byte[]> kafka = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(
                OutboxAutoConfiguration.producerConfig(kafkaProperties, properties, owner)));
        return new OutboxRelay(
                mongo,
                List.of(collection),
                kafka,
                TicketEvents.TOPIC,
                properties,
                Clock.systemUTC(),
                new OutboxSignal(),
                new SimpleMeterRegistry(),
                owner);
    }

    private Document raw(String id) {
        MongoCollection<Document> collection = mongo.getCollection("tickets");
        return collection.find(new Document("_id", id)).first();
    }

    private List<ConsumerRecord<String, byte[]>> recordsOf(String key, int atLeast) {
        List<ConsumerRecord<String, byte[]>> all = TopicRecords.readUntil(
                TestBackends.get().kafkaBootstrapServers(),
                TicketEvents.TOPIC,
                WAIT,
                rs -> rs.stream().filter(r -> key.equals(r.key())).count() >= atLeast);
        return all.stream().filter(r -> key.equals(r.key())).toList();
    }

    private static int sequence(ConsumerRecord<String, byte[]> record) {
        String json = TopicRecords.value(record);
        int at = json.indexOf("\"sequence\":");
        if (at < 0) {
            return 0;
        }
        int start = at + "\"sequence\":".length();
        int end = start;
        while (end < json.length() && Character.isDigit(json.charAt(end))) {
            end++;
        }
        return Integer.parseInt(json.substring(start, end));
    }
}
