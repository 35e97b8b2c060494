package vn.danvan.kit.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import vn.danvan.kit.testapp.KitWebTestSupport;
import vn.danvan.kit.testapp.TestStreamController;

/** A client that closes an event stream is not a server failure: no 500 problem, no error in the log. */
@ExtendWith(OutputCaptureExtension.class)
class ClientDisconnectTest extends KitWebTestSupport {

    @Test
    void aClosedStreamIsNeitherA500NorAnErrorInTheLog(CapturedOutput output) throws Exception {
        TestStreamController.clientGone = new CountDownLatch(1);
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<InputStream> response = client.send(
                request("/test/dialogues/stream")
                        .header("Accept", "text/event-stream")
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = lines.readLine();
            } while (line != null && !line.startsWith("data:"));
            assertThat(line).isEqualTo("data:tick");
        }
        client.shutdownNow();

        assertThat(TestStreamController.clientGone.await(30, TimeUnit.SECONDS))
                .as("the stream's sender noticed the closed connection")
                .isTrue();
        // the failed send is handed to the exception handlers on another thread: wait for its line, then look
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!output.getOut().contains("the client went away") && System.nanoTime() < deadline) {
            Thread.sleep(50); // polling the captured log, not timing anything
        }
        assertThat(output.getOut()).contains("GET /test/dialogues/stream: the client went away");
        assertThat(output.getOut()).doesNotContain("/test/dialogues/stream failed");
        assertThat(output.getOut()).doesNotContainPattern("ERROR.*/test/dialogues/stream");
    }
}
