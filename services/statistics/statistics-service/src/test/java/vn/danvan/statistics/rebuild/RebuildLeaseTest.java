package vn.danvan.statistics.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import vn.danvan.kit.test.InProcessMongo;
import vn.danvan.kit.test.MovableClock;

/** Two replicas' rebuilds sharing one store: one lease, renewed while held, taken over once expired. */
class RebuildLeaseTest {

    static final Duration TTL = Duration.ofMinutes(2);

    InProcessMongo store;
    final MovableClock clock = new MovableClock(Instant.parse("2026-12-05T01:00:00Z"));
    RebuildLease replicaA;
    RebuildLease replicaB;

    @BeforeEach
    void start() {
        store = InProcessMongo.start();
        MongoTemplate mongo = store.template("statistics_lease");
        replicaA = new RebuildLease(mongo, clock, TTL);
        replicaB = new RebuildLease(mongo, clock, TTL);
    }

    @AfterEach
    void stop() {
        store.close();
    }

    @Test
    void aHeldLeaseRefusesAnotherJobNamingTheHolderUntilReleased() {
        assertThat(replicaA.acquire("job-a")).isEqualTo(new RebuildLease.Taken(true, null));
        assertThat(replicaB.acquire("job-b")).isEqualTo(new RebuildLease.Taken(false, "job-a"));
        assertThat(replicaB.holder()).contains("job-a");
        replicaB.release("job-b"); // not its lease: nothing happens
        assertThat(replicaA.holder()).contains("job-a");
        replicaA.release("job-a");
        assertThat(replicaB.holder()).isEmpty();
        assertThat(replicaB.acquire("job-b")).isEqualTo(new RebuildLease.Taken(true, null));
    }

    @Test
    void renewingKeepsTheLeaseAndAnExpiredOneIsTakenOverFromItsStoppedHolder() {
        replicaA.acquire("job-a");
        clock.advance(TTL.minusSeconds(1));
        assertThat(replicaA.renew("job-a")).isTrue();
        clock.advance(TTL.minusSeconds(1));
        assertThat(replicaB.acquire("job-b").held())
                .as("renewed, so still held")
                .isFalse();

        // replica A stops renewing
        clock.advance(Duration.ofSeconds(2));
        assertThat(replicaB.holder()).as("expired").isEmpty();
        assertThat(replicaB.acquire("job-b")).isEqualTo(new RebuildLease.Taken(true, "job-a"));
        assertThat(replicaA.renew("job-a"))
                .as("job A has lost it and must not switch")
                .isFalse();
        replicaA.release("job-a");
        assertThat(replicaB.holder()).contains("job-b");
    }
}
