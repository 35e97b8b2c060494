package vn.danvan.kit.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import vn.danvan.kit.test.TcpForwarder;

/**
 * The orchestrator probes readiness every few seconds: while the store is away, each probe leaves one WARN line
 * saying why, not a stack trace of forty lines.
 */
@ExtendWith(OutputCaptureExtension.class)
class MongoPingHealthIndicatorTest {

    @Test
    void aFailedProbeIsOneWarningLineWithItsCause(CapturedOutput output) {
        // a loopback port nobody listens on (never opened): the store is down
        try (TcpForwarder nowhere = TcpForwarder.reserve("127.0.0.1", 9);
                MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + nowhere.port())) {
            MongoPingHealthIndicator ping = new MongoPingHealthIndicator(client, Duration.ofMillis(300));

            assertThat(ping.health(false).getStatus()).isEqualTo(Status.DOWN);
            assertThat(ping.health(false).getStatus()).isEqualTo(Status.DOWN);
        }

        List<String> lines = output.getAll().lines().toList();
        List<Integer> failures = new java.util.ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("MongoDB health check failed")) {
                failures.add(i);
            }
        }
        assertThat(failures).hasSize(2);
        for (int i : failures) {
            assertThat(lines.get(i))
                    .contains("WARN")
                    .containsPattern("MongoDB health check failed: com\\.mongodb\\.\\w+");
            // the next line is the next log record, not the exception and its frames
            if (i + 1 < lines.size()) {
                assertThat(lines.get(i + 1)).doesNotStartWith("com.mongodb").doesNotStartWith("\tat ");
            }
        }
    }
}
