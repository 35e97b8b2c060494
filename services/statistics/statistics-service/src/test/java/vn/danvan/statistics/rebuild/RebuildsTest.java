package vn.danvan.statistics.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.danvan.kit.test.InProcessMongo;
import vn.danvan.kit.web.ServiceUnavailableException;

/** A rebuild asks the broker where the topics start before anything else. */
class RebuildsTest {

    private final InProcessMongo store = InProcessMongo.start();

    @AfterEach
    void stop() {
        store.close();
    }

    @Test
    void aRebuildAskedForWhileKafkaDoesNotAnswerIsRefusedForNowAndTakesNothing() {
        // nothing listens on port 1: the broker is away
        Rebuilds rebuilds = new Rebuilds(
                store.template("statistics_rebuilds_test"),
                null,
                null,
                "127.0.0.1:1",
                List.of("danvan.feedback.v1"),
                Clock.systemUTC(),
                100,
                Duration.ofMinutes(2));

        ServiceUnavailableException refused = catchThrowableOfType(ServiceUnavailableException.class, rebuilds::start);

        // a 503 problem to try again later, not a 500
        assertThat(refused.code()).isEqualTo("statistics.rebuild.broker-unavailable");
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(refused.arguments()).containsExactly(30L);
        // no lease held, no job recorded: another try (here or on another replica) starts afresh
        assertThat(store.template("statistics_rebuilds_test")
                        .getCollection(RebuildLease.COLLECTION)
                        .countDocuments())
                .isZero();
        assertThat(store.template("statistics_rebuilds_test")
                        .getCollection(Rebuilds.COLLECTION)
                        .countDocuments())
                .isZero();
    }
}
