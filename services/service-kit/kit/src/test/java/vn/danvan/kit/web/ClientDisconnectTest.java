package vn.danvan.kit.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import vn.danvan.kit.testapp.KitWebTestSupport;
import vn.danvan.kit.testapp.TestStreamController;

/** A client that closes an event stream is not a server failure: no 500 problem, no error in the log. */
class ClientDisconnectTest extends KitWebTestSupport {

    // listened to directly: other tests of the suite reconfigure the console, and the line looked for is DEBUG
    private final Logger handlerLog = (Logger) LoggerFactory.getLogger(ProblemExceptionHandler.class);
    private final Logger responderLog = (Logger) LoggerFactory.getLogger(ProblemResponder.class);
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();
    private Level handlerLevel;

    @BeforeEach
    void listen() {
        events.start();
        handlerLevel = handlerLog.getLevel();
        handlerLog.setLevel(Level.DEBUG);
        handlerLog.addAppender(events);
        responderLog.addAppender(events);
    }

    @AfterEach
    void stopListening() {
        handlerLog.detachAppender(events);
        responderLog.detachAppender(events);
        handlerLog.setLevel(handlerLevel);
    }

    @Test
    void aClosedStreamIsNeitherA500NorAnErrorInTheLog() throws Exception {
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
        // the failed write reaches the exception handlers on another thread: wait for the handler's line
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (messages().stream().noneMatch(m -> m.contains("the client went away")) && System.nanoTime() < deadline) {
            Thread.sleep(50); // polling the log, not timing anything
        }
        assertThat(messages()).contains("DEBUG GET /test/dialogues/stream: the client went away");
        assertThat(messages()).noneMatch(m -> m.startsWith("ERROR") || m.contains("failed: 500"));
    }

    @Test
    void onlyAFailedWriteOfTheResponseCountsAsAClientGone() {
        assertThat(ProblemExceptionHandler.clientWentAway(
                        new AsyncRequestNotUsableException("ServletResponse failed to flushBuffer")))
                .isTrue();
        // the store or another service closing on us is a failure of this service: still a 500
        assertThat(ProblemExceptionHandler.clientWentAway(
                        new IllegalStateException("store read failed", new EOFException())))
                .isFalse();
        assertThat(ProblemExceptionHandler.clientWentAway(new IOException("Connection reset by peer")))
                .isFalse();
    }

    private List<String> messages() {
        synchronized (events) { // the appender adds under its own lock
            return events.list.stream()
                    .map(e -> e.getLevel() + " " + e.getFormattedMessage().replaceAll(" \\(.*\\)$", ""))
                    .toList();
        }
    }
}
