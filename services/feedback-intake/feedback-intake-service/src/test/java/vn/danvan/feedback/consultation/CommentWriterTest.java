package vn.danvan.feedback.consultation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import vn.danvan.feedback.api.events.v1.Channel;
import vn.danvan.feedback.api.events.v1.CommentStance;
import vn.danvan.kit.test.InProcessMongo;

/** Group commit of comments: who writes, what each write carries, and what a failed write tells its requests. */
class CommentWriterTest {

    // never connected: the store below records the writes instead of sending them
    private final MongoClient client = MongoClients.create("mongodb://127.0.0.1:1");
    private final ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void close() {
        requests.shutdownNow();
        client.close();
    }

    @Test
    void commentsArrivingDuringAWriteShareTheNextOneAndEachRequestReturnsOnlyOnceItsCommentIsStored() throws Exception {
        RecordingStore store = new RecordingStore(client);
        CommentWriter writer = new CommentWriter(store);

        Future<ConsultationComment> first = requests.submit(() -> writer.insert(comment()));
        assertThat(store.writeStarted.await(10, TimeUnit.SECONDS)).isTrue();
        List<ConsultationComment> later = List.of(comment(), comment(), comment());
        List<Future<ConsultationComment>> waiting = new ArrayList<>();
        for (ConsultationComment comment : later) {
            waiting.add(requests.submit(() -> writer.insert(comment)));
        }
        // the three are queued behind the write in flight, none of them answered
        while (writer.queued() < 3) {
            Thread.onSpinWait();
        }
        assertThat(waiting).noneMatch(Future::isDone);
        assertThat(first.isDone()).isFalse();

        store.releaseFirstWrite.countDown();
        first.get(10, TimeUnit.SECONDS);
        for (int i = 0; i < later.size(); i++) {
            assertThat(waiting.get(i).get(10, TimeUnit.SECONDS)).isSameAs(later.get(i));
        }
        assertThat(store.writes).hasSize(2);
        assertThat(store.writes.get(0)).hasSize(1);
        assertThat(store.writes.get(1)).containsExactlyInAnyOrderElementsOf(later);
    }

    @Test
    void aCommentAloneIsWrittenAtOnce() {
        RecordingStore store = new RecordingStore(client);
        store.releaseFirstWrite.countDown();
        CommentWriter writer = new CommentWriter(store);

        ConsultationComment comment = comment();
        assertThat(writer.insert(comment)).isSameAs(comment);
        assertThat(store.writes).containsExactly(List.of(comment));
    }

    @Test
    void aFailedWriteFailsEveryRequestItCarriedAndTheNextWriteServesTheNextOnes() throws Exception {
        RecordingStore store = new RecordingStore(client);
        store.failFirstWrite = true;
        CommentWriter writer = new CommentWriter(store);

        Future<ConsultationComment> first = requests.submit(() -> writer.insert(comment()));
        assertThat(store.writeStarted.await(10, TimeUnit.SECONDS)).isTrue();
        store.releaseFirstWrite.countDown();
        assertThatThrownBy(() -> first.get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(DataAccessResourceFailureException.class);

        ConsultationComment next = comment();
        assertThat(requests.submit(() -> writer.insert(next)).get(10, TimeUnit.SECONDS))
                .isSameAs(next);
        assertThat(store.writes).hasSize(2);
    }

    @Test
    void aWriteCarryingACommentSentAgainWithItsKeyStoresTheOthersAndAnswersItWithTheFirst() {
        try (InProcessMongo mongo = InProcessMongo.start()) {
            MongoTemplate store = mongo.template("comment_writer_keys");
            CommentWriter writer = new CommentWriter(store);
            ConsultationComment first = keyed("k-1", "fingerprint-1");
            assertThat(writer.insert(first)).isSameAs(first);

            // three at once, the second a retry of the first (its id), in whatever writes they share: the others are
            // stored, the retry gets the comment stored first, and no write of them fails
            ConsultationComment before = comment();
            ConsultationComment retry = keyed("k-1", "fingerprint-1");
            ConsultationComment after = comment();
            List<ConsultationComment> stored = new ArrayList<>();
            Runnable writeAll = () -> {
                List<Future<ConsultationComment>> answers = new ArrayList<>();
                for (ConsultationComment comment : List.of(before, retry, after)) {
                    answers.add(requests.submit(() -> writer.insert(comment)));
                }
                for (Future<ConsultationComment> answer : answers) {
                    try {
                        stored.add(answer.get(10, TimeUnit.SECONDS));
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                }
            };
            writeAll.run();

            // a write that stopped at the retry may have stored the comments before it: those are then read back,
            // so each is the comment sent (its id and time), not necessarily the same object
            assertThat(stored.get(0).getId()).isEqualTo(before.getId());
            assertThat(stored.get(0).getReceivedAt()).isEqualTo(before.getReceivedAt());
            assertThat(stored.get(1)).isNotSameAs(retry);
            assertThat(stored.get(1).getId()).isEqualTo("k-1");
            assertThat(stored.get(1).getReceivedAt()).isEqualTo(first.getReceivedAt());
            assertThat(stored.get(2).getId()).isEqualTo(after.getId());
            assertThat(stored.get(2).getReceivedAt()).isEqualTo(after.getReceivedAt());
            assertThat(store.getCollection(ConsultationComment.COLLECTION).countDocuments())
                    .isEqualTo(3);
            // what the writer counts on: a write of several that meets a taken id says so as a duplicate key
            assertThatThrownBy(() -> store.insert(
                            List.of(comment(), keyed("k-1", "fingerprint-1"), comment()), ConsultationComment.class))
                    .isInstanceOf(org.springframework.dao.DuplicateKeyException.class);
        }
    }

    @Test
    void aWriteThatStoredTheCommentsBeforeARetryAnswersThemWithWhatItStored() throws Exception {
        try (InProcessMongo mongo = InProcessMongo.start()) {
            RecordingStore store = new RecordingStore(mongo.client(), true);
            CommentWriter writer = new CommentWriter(store);
            ConsultationComment first = keyed("k-1", "fingerprint-1");
            Future<ConsultationComment> firstAnswer = requests.submit(() -> writer.insert(first));
            assertThat(store.writeStarted.await(10, TimeUnit.SECONDS)).isTrue();

            // queued in this order behind the first write, so that the next write carries them in it: a write of
            // several stops at the retry, after it has stored the comment before it
            ConsultationComment before = comment();
            ConsultationComment retry = keyed("k-1", "fingerprint-1");
            ConsultationComment after = comment();
            List<Future<ConsultationComment>> answers = new ArrayList<>();
            for (ConsultationComment comment : List.of(before, retry, after)) {
                answers.add(requests.submit(() -> writer.insert(comment)));
                int queued = answers.size();
                while (writer.queued() < queued) {
                    Thread.onSpinWait();
                }
            }
            store.releaseFirstWrite.countDown();

            assertThat(firstAnswer.get(10, TimeUnit.SECONDS)).isSameAs(first);
            ConsultationComment storedBefore = answers.get(0).get(10, TimeUnit.SECONDS);
            ConsultationComment storedRetry = answers.get(1).get(10, TimeUnit.SECONDS);
            ConsultationComment storedAfter = answers.get(2).get(10, TimeUnit.SECONDS);
            assertThat(store.writes).extracting(List::size).containsExactly(1, 3);
            assertThat(storedBefore.getId()).isEqualTo(before.getId());
            assertThat(storedBefore.getReceivedAt()).isEqualTo(before.getReceivedAt());
            assertThat(storedRetry.getId()).isEqualTo("k-1");
            assertThat(storedRetry.getRequestFingerprint()).isEqualTo("fingerprint-1");
            assertThat(storedAfter.getId()).isEqualTo(after.getId());
            assertThat(store.getCollection(ConsultationComment.COLLECTION).countDocuments())
                    .isEqualTo(3);
        }
    }

    private static ConsultationComment keyed(String id, String fingerprint) {
        return comment(id).keyed(fingerprint);
    }

    private static ConsultationComment comment() {
        return comment(UUID.randomUUID().toString());
    }

    /** As the service makes it: received now, in milliseconds as stored. */
    private static ConsultationComment comment(String id) {
        return ConsultationComment.receive(
                id,
                "consultation-1",
                "dieu-1",
                CommentStance.AGREE,
                null,
                null,
                Channel.WEB,
                Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    }

    /**
     * Records each write's comments; the first write waits to be released, and fails if told to. Then it stores them
     * if it has a store to write to, or answers as if it had.
     */
    private static final class RecordingStore extends MongoTemplate {

        final List<List<Object>> writes = new CopyOnWriteArrayList<>();
        final CountDownLatch writeStarted = new CountDownLatch(1);
        final CountDownLatch releaseFirstWrite = new CountDownLatch(1);
        volatile boolean failFirstWrite;
        private final boolean stores;

        RecordingStore(MongoClient client) {
            this(client, false);
        }

        RecordingStore(MongoClient client, boolean stores) {
            super(client, "comment_writer_test");
            this.stores = stores;
        }

        @Override
        public <T> Collection<T> insert(Collection<? extends T> batch, Class<?> entityClass) {
            boolean firstWrite = writes.isEmpty();
            writes.add(List.copyOf(batch));
            if (firstWrite) {
                writeStarted.countDown();
                try {
                    releaseFirstWrite.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (failFirstWrite) {
                    throw new DataAccessResourceFailureException("store unavailable");
                }
            }
            return stores ? super.insert(batch, entityClass) : new ArrayList<>(batch);
        }
    }
}
