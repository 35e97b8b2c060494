package vn.danvan.statistics.rebuild;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import vn.danvan.kit.consumer.ReceivedEvent;
import vn.danvan.kit.web.ConflictException;
import vn.danvan.kit.web.ServiceUnavailableException;
import vn.danvan.statistics.figures.Generations;
import vn.danvan.statistics.projection.Projector;
import vn.danvan.statistics.projection.Replay;
import vn.danvan.statistics.projection.SourceRecords;

/**
 * Rebuilds every view from the topics: a plain consumer replays them from the beginning into a new generation of
 * the collections while the serving one keeps answering, then the switch makes it serve (docs/adr/0005).
 *
 * <p>Only from the whole history: a topic whose partitions no longer start at offset 0 (retention or {@code
 * deleteRecords} removed their first events) would give figures that are too low, and switching to them would
 * silently replace right figures with wrong ones. Such a rebuild is refused before it starts (409); one whose records
 * are deleted while it runs fails ({@link #HISTORY_INCOMPLETE}) and the serving generation stays.
 *
 * <p>The switch: holding the write lock (the live projector of this instance waits, with no batch half-applied), the
 * replay catches up with every event the live projector applied to the serving generation (its recorded positions),
 * then the active-generation document is rewritten. The live projector then continues on the new generation from its
 * committed offsets; events the replay applied already are skipped by the counters' offset guards. Other replicas'
 * live batches are not held by this lock: what they apply to the old generation after the catch-up, until they see
 * the switch, is read again from the topic and applied to the new one by their {@code MissedRecords}.
 */
class Rebuilds {

    /** Records read before they are folded into the replay. */
    static final int REPLAY_BATCH = 20_000;

    private static final Logger log = LoggerFactory.getLogger(Rebuilds.class);
    static final String COLLECTION = "statistics_rebuilds";

    private final MongoTemplate mongo;
    private final Projector projector;
    private final Generations generations;
    private final String bootstrapServers;
    private final List<String> topics;
    private final Clock clock;
    private final int flushDocuments;

    /** What a job left running by a replica that stopped reads as failed with. */
    static final String ABANDONED = "abandoned";

    /** What a job stopped by its replica's graceful shutdown fails with: its lease is released at once. */
    static final String STOPPED = "stopped";

    /** What a job fails with when records of a topic were deleted before its replay read them. */
    static final String HISTORY_INCOMPLETE = "history-incomplete";

    /** How long asking the broker for the topics' partitions and first offsets may take. */
    private static final Duration BROKER_TIMEOUT = Duration.ofSeconds(10);

    /** When to ask again after the broker did not answer a rebuild's start. */
    private static final Duration BROKER_RETRY_AFTER = Duration.ofSeconds(30);

    /** How long a graceful shutdown waits for a running job to stop (between two batches of the replay). */
    private static final Duration STOP_WAIT = Duration.ofSeconds(20);

    /** The job running in this instance, if any: one rebuild at a time (and {@link RebuildLease} across replicas). */
    private volatile String running;

    private volatile boolean leaseLost;
    private final RebuildLease lease;

    /** The running job's thread, and whether this replica is stopping (no job starts, a running one stops). */
    private volatile Thread worker;

    private volatile boolean stopping;

    Rebuilds(
            MongoTemplate mongo,
            Projector projector,
            Generations generations,
            String bootstrapServers,
            List<String> topics,
            Clock clock,
            int flushDocuments,
            Duration leaseTtl) {
        this.mongo = mongo;
        this.lease = new RebuildLease(mongo, clock, leaseTtl);
        this.projector = projector;
        this.generations = generations;
        this.bootstrapServers = bootstrapServers;
        this.topics = List.copyOf(topics);
        this.clock = clock;
        this.flushDocuments = flushDocuments;
    }

    synchronized RebuildJob start() {
        if (stopping) {
            // the replica is shutting down: another one may take the request
            throw new ConflictException("statistics.rebuild.stopping");
        }
        if (running != null) {
            throw new ConflictException("statistics.rebuild.running", running);
        }
        requireWholeHistory();
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        RebuildLease.Taken lease = this.lease.acquire(id);
        if (!lease.held()) {
            // another replica's
            throw new ConflictException("statistics.rebuild.running", lease.other());
        }
        if (lease.other() != null) {
            log.warn(
                    "Rebuild {} takes over from rebuild {}, whose replica stopped before it finished",
                    id,
                    lease.other());
            find(lease.other()).ifPresent(this::save);
        }
        RebuildJob job = new RebuildJob(id, RebuildJob.RUNNING, "r" + id, 0, 0, 0, clock.instant(), null, null);
        try {
            save(job);
            running = id;
            worker = Thread.ofVirtual().name("statistics-rebuild-" + id).start(() -> run(job));
        } catch (RuntimeException e) {
            running = null;
            this.lease.release(id);
            throw e;
        }
        return job;
    }

    /**
     * A job as it stands. A job left running by a replica that stopped (its lease expired, or taken over) reads as
     * failed, "abandoned".
     */
    Optional<RebuildJob> find(String id) {
        Document doc = jobs().find(Filters.eq("_id", id)).first();
        return Optional.ofNullable(doc).map(Rebuilds::job).map(job -> {
            if (!RebuildJob.RUNNING.equals(job.status())
                    || id.equals(running)
                    || lease.holder().filter(id::equals).isPresent()) {
                return job;
            }
            return new RebuildJob(
                    job.jobId(),
                    RebuildJob.FAILED,
                    job.generation(),
                    job.processed(),
                    job.total(),
                    job.ratePerSecond(),
                    job.startedAt(),
                    null,
                    ABANDONED);
        });
    }

    /**
     * Refuses a rebuild (409) when a topic has lost the start of its history: before any lease is taken or any
     * generation written, so the serving figures stay exactly as they are.
     */
    private void requireWholeHistory() {
        Map<TopicPartition, Long> gone;
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer);
            gone = new TreeMap<>(
                    Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
            consumer.beginningOffsets(partitions, BROKER_TIMEOUT).forEach((partition, first) -> {
                if (first != null && first > 0) {
                    gone.put(partition, first);
                }
            });
        } catch (TimeoutException e) {
            throw new ServiceUnavailableException(
                            "the broker did not give the topics' first offsets within " + BROKER_TIMEOUT,
                            BROKER_RETRY_AFTER)
                    .because("statistics.rebuild.broker-unavailable", BROKER_RETRY_AFTER.toSeconds());
        }
        if (gone.isEmpty()) {
            return;
        }
        log.warn(
                "Rebuild refused: the topics no longer hold their whole history (partition=first offset {}); the"
                        + " serving generation keeps serving",
                gone);
        Set<String> topicsGone = new TreeSet<>();
        gone.keySet().forEach(partition -> topicsGone.add(partition.topic()));
        List<String> firsts = new ArrayList<>();
        gone.forEach((partition, first) -> firsts.add(
                (topicsGone.size() > 1 ? partition.topic() + "/" : "") + partition.partition() + " → " + first));
        throw new ConflictException(
                "statistics.rebuild.history-incomplete", String.join(", ", topicsGone), String.join(", ", firsts));
    }

    /** Every partition of the source topics. */
    private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, BROKER_TIMEOUT);
            if (infos != null) {
                infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            }
        }
        return partitions;
    }

    private void run(RebuildJob started) {
        String jobId = started.jobId();
        leaseLost = false;
        Thread renewals =
                Thread.ofVirtual().name("statistics-rebuild-lease-" + jobId).start(() -> renew(jobId));
        try {
            replay(started);
        } finally {
            renewals.interrupt();
            lease.release(jobId);
            running = null;
        }
    }

    /**
     * Renews the job's lease until interrupted. A renewal that fails (the store away a moment) is tried again at the
     * next turn; a lease found held by another job, or gone, fails this one.
     */
    private void renew(String jobId) {
        try {
            while (true) {
                Thread.sleep(lease.renewEvery());
                try {
                    if (!lease.renew(jobId)) {
                        log.warn("Rebuild {} lost its lease: it stops without switching", jobId);
                        leaseLost = true;
                        return;
                    }
                } catch (RuntimeException e) {
                    log.warn("Rebuild {} could not renew its lease; trying again", jobId, e);
                }
            }
        } catch (InterruptedException e) {
            // the job ended
        }
    }

    private void holdingTheLease(String jobId) {
        if (leaseLost || !lease.renew(jobId)) {
            throw new IllegalStateException("rebuild " + jobId + " lost its lease: another may have started");
        }
    }

    private void replay(RebuildJob started) {
        String generation = started.generation();
        Instant startedAt = started.startedAt();
        long processed = 0;
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            String serving = generations.active();
            for (String old : generations.existing()) {
                if (!old.equals(serving)) {
                    generations.drop(old); // leftovers of earlier rebuilds
                }
            }
            List<TopicPartition> partitions = partitions(consumer);
            consumer.assign(partitions);
            // from offset 0, not from the partitions' first offsets (seekToBeginning): records deleted since the
            // start was allowed, or while the replay runs, fail the poll that would have read them
            partitions.forEach(partition -> consumer.seek(partition, 0));
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long total = 0;
            for (TopicPartition p : partitions) {
                total += ends.get(p);
            }
            save(progress(started, processed, total, startedAt));
            Replay replay = projector.replay(generation, flushDocuments);
            while (!reached(consumer, ends)) {
                if (stopping) {
                    throw new Stopped();
                }
                processed += poll(consumer, replay);
                holdingTheLease(started.jobId());
                save(progress(started, processed, total, startedAt));
            }
            generations.lock().writeLock().lock();
            try {
                Map<TopicPartition, Long> live = new HashMap<>();
                Map<Integer, Long> applied = projector.positions(serving);
                for (TopicPartition p : partitions) {
                    Long offset = applied.get(Projector.guardOf(p.topic(), p.partition()));
                    live.put(p, offset == null ? 0 : offset + 1);
                }
                // read from offset 0 without a gap and up to the serving generation's positions at least: the new
                // generation has counted every event the serving one has
                while (!reached(consumer, live)) {
                    processed += poll(consumer, replay);
                }
                replay.flush();
                // never switch to a generation another rebuild may be writing
                holdingTheLease(started.jobId());
                generations.activate(generation);
            } finally {
                generations.lock().writeLock().unlock();
            }
            Instant finished = clock.instant();
            save(new RebuildJob(
                    started.jobId(),
                    RebuildJob.DONE,
                    generation,
                    processed,
                    Math.max(total, processed),
                    rate(processed, startedAt, finished),
                    startedAt,
                    finished,
                    null));
            log.info("Rebuild {} done: {} events, generation {} serves", started.jobId(), processed, generation);
        } catch (Stopped e) {
            log.warn("Rebuild {} stopped with its replica; the previous generation keeps serving", started.jobId());
            save(failed(started, processed, STOPPED));
        } catch (OffsetOutOfRangeException e) {
            log.warn(
                    "Rebuild {} failed: records of {} were deleted before the replay read them (retention?); the"
                            + " previous generation keeps serving",
                    started.jobId(),
                    e.offsetOutOfRangePartitions());
            save(failed(started, processed, HISTORY_INCOMPLETE));
        } catch (RuntimeException e) {
            log.error("Rebuild {} failed; the previous generation keeps serving", started.jobId(), e);
            save(failed(started, processed, e.getClass().getSimpleName()));
        }
    }

    private RebuildJob failed(RebuildJob started, long processed, String error) {
        Instant now = clock.instant();
        return new RebuildJob(
                started.jobId(),
                RebuildJob.FAILED,
                started.generation(),
                processed,
                0,
                rate(processed, started.startedAt(), now),
                started.startedAt(),
                now,
                error);
    }

    /**
     * A graceful shutdown: a running job stops before its next batch, fails as {@code stopped} and releases its
     * lease, so that another replica may start a rebuild at once instead of after the lease expires (its
     * generation, never switched to, is dropped by the next rebuild as a leftover). Waits up to 20 s for it.
     * Spring calls it when the context closes; no rebuild starts afterwards.
     */
    void close() {
        stopping = true;
        Thread job = worker;
        if (job == null) {
            return;
        }
        try {
            if (!job.join(STOP_WAIT)) {
                log.warn("Rebuild {} did not stop within {}; its lease expires by itself", running, STOP_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Thrown in the replay's thread when the replica stops. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }

    private static long poll(KafkaConsumer<String, byte[]> consumer, Replay replay) {
        List<ReceivedEvent> events = new ArrayList<>();
        while (events.size() < REPLAY_BATCH) {
            ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(200));
            if (records.isEmpty()) {
                break;
            }
            for (ConsumerRecord<String, byte[]> record : records) {
                ReceivedEvent event = SourceRecords.event(record);
                if (event != null) {
                    events.add(event);
                }
            }
        }
        replay.add(events);
        return events.size();
    }

    private static boolean reached(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> targets) {
        for (Map.Entry<TopicPartition, Long> target : targets.entrySet()) {
            if (consumer.position(target.getKey()) < target.getValue()) {
                return false;
            }
        }
        return true;
    }

    private KafkaConsumer<String, byte[]> consumer() {
        return SourceRecords.replayConsumer(bootstrapServers, 2000);
    }

    private RebuildJob progress(RebuildJob started, long processed, long total, Instant startedAt) {
        return new RebuildJob(
                started.jobId(),
                RebuildJob.RUNNING,
                started.generation(),
                processed,
                total,
                rate(processed, startedAt, clock.instant()),
                startedAt,
                null,
                null);
    }

    private static double rate(long processed, Instant from, Instant to) {
        double seconds = Math.max(0.001, Duration.between(from, to).toMillis() / 1000.0);
        return Math.round(processed / seconds * 10.0) / 10.0;
    }

    private void save(RebuildJob job) {
        Document doc = new Document("_id", job.jobId())
                .append("status", job.status())
                .append("generation", job.generation())
                .append("processed", job.processed())
                .append("total", job.total())
                .append("ratePerSecond", job.ratePerSecond())
                .append("startedAt", Date.from(job.startedAt()))
                .append("finishedAt", job.finishedAt() == null ? null : Date.from(job.finishedAt()))
                .append("error", job.error());
        jobs().replaceOne(Filters.eq("_id", job.jobId()), doc, new ReplaceOptions().upsert(true));
    }

    private static RebuildJob job(Document doc) {
        return new RebuildJob(
                doc.getString("_id"),
                doc.getString("status"),
                doc.getString("generation"),
                doc.get("processed", Number.class).longValue(),
                doc.get("total", Number.class).longValue(),
                doc.get("ratePerSecond", Number.class).doubleValue(),
                doc.getDate("startedAt").toInstant(),
                doc.getDate("finishedAt") == null
                        ? null
                        : doc.getDate("finishedAt").toInstant(),
                doc.getString("error"));
    }

    private MongoCollection<Document> jobs() {
        return mongo.getCollection(COLLECTION);
    }
}
