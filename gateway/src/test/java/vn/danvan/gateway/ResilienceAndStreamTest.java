package vn.danvan.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import vn.danvan.kit.test.identity.TestIdentityProvider;

/**
 * Breakers, timeouts and the event stream, against stubs that stop, stall or stream. Short breaker waits, a 1 s
 * response timeout, a 3 s one for feedback-intake's imports and a 1 s least TimeLimiter here, so the test is quick;
 * the stream must outlive the TimeLimiters of the other routes, and a slow import its breaker's least one.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "danvan.gateway.resilience.open-wait=500ms",
            "danvan.gateway.resilience.minimum-calls=2",
            "danvan.gateway.resilience.sliding-window=4",
            "danvan.gateway.resilience.time-limit=1s",
            "DANVAN_RESPONSE_TIMEOUT_MS=1000",
            "DANVAN_IMPORT_RESPONSE_TIMEOUT_MS=3000"
        })
class ResilienceAndStreamTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};
    private static final TestIdentityProvider IDENTITY = TestIdentityProvider.shared();
    private static final Stub MODELS = new Stub("model-registry");
    private static final Stub DIALOGUES = new Stub("dialogue-scheduler");
    private static final HttpServer FEEDBACK = feedback();
    private static final CountDownLatch STREAM_WRITE_FAILED = new CountDownLatch(1);
    private static final HttpServer STATISTICS = statistics();

    @LocalServerPort
    int port;

    WebTestClient client;

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        registry.add("MODEL_REGISTRY_URL", MODELS::url);
        registry.add("DIALOGUE_SCHEDULER_URL", DIALOGUES::url);
        registry.add(
                "FEEDBACK_INTAKE_URL",
                () -> "http://127.0.0.1:" + FEEDBACK.getAddress().getPort());
        registry.add(
                "STATISTICS_URL",
                () -> "http://127.0.0.1:" + STATISTICS.getAddress().getPort());
        registry.add("DANVAN_ISSUER_URI", IDENTITY::issuer);
        registry.add("DANVAN_JWK_SET_URI", IDENTITY::jwkSetUri);
    }

    @AfterAll
    static void stopStubs() {
        STATISTICS.stop(0);
        MODELS.stop();
        DIALOGUES.stop();
        FEEDBACK.stop(0);
    }

    @Autowired
    ReactiveResilience4JCircuitBreakerFactory breakers;

    /**
     * Each test starts with closed breakers and empty windows: a failure another test left (the stalled call) would
     * otherwise open its breaker at the next success, the window's minimum being two calls.
     */
    @BeforeEach
    void closedBreakers() {
        breakers.getCircuitBreakerRegistry().getAllCircuitBreakers().forEach(CircuitBreaker::reset);
    }

    @BeforeEach
    void client() {
        client = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(20))
                .build();
    }

    @Test
    void aStoppedServiceGets503ProblemWithRetryAfterAndTrafficResumesWhenItIsBack() throws Exception {
        String token = IDENTITY.token("officer-1", "48", "PROVINCE_OFFICER");
        MODELS.stop();
        try {
            for (int i = 0; i < 4; i++) { // enough failures to open the breaker
                long started = System.nanoTime();
                EntityExchangeResult<Map<String, Object>> result = client.get()
                        .uri("/api/v1/models/abc")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                        .exchange()
                        .expectStatus()
                        .isEqualTo(503)
                        .expectHeader()
                        .exists(HttpHeaders.RETRY_AFTER)
                        .expectBody(JSON)
                        .returnResult();
                System.out.printf(
                        "[note] stopped service, request %d: 503 after %d ms%n",
                        i, (System.nanoTime() - started) / 1_000_000);
                assertThat(result.getResponseBody())
                        .containsEntry("type", "urn:danvan:problem:service-unavailable")
                        .containsEntry("service", "model-registry")
                        // the client's path, not the fallback the breaker forwarded to
                        .containsEntry("instance", "/api/v1/models/abc");
                assertThat((String) result.getResponseBody().get("detail")).contains("Danh mục mô hình");
                SecurityHeadersAssert.assertSecuredProblem("503", result.getResponseHeaders());
            }
            // the breaker's state is the operators' to see, in the metrics
            assertThat(metrics())
                    .containsPattern("(?m)^resilience4j_circuitbreaker_state\\{[^}]*name=\"model-registry\"[^}]*"
                            + "state=\"open\"[^}]*} 1\\.0$");
        } finally {
            MODELS.restart();
        }
        // the breaker lets a probe through after its wait (half-open), and closes when the probes succeed
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        int status = 0;
        while (System.nanoTime() < deadline) {
            status = client.get()
                    .uri("/api/v1/models/abc")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .exchange()
                    .returnResult(String.class)
                    .getStatus()
                    .value();
            if (status == 200) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(status).isEqualTo(200);
    }

    private String metrics() {
        return client.get()
                .uri("/actuator/prometheus")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + IDENTITY.token("admin-1", null, "ADMIN"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    @Test
    void manyConcurrentSlowCallsAreNotRefused() throws Exception {
        // more than Resilience4j's default bulkhead (25), which would answer the rest with 503
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest hold = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + port + "/api/v1/units/hold"))
                .build();
        java.util.List<java.util.concurrent.CompletableFuture<Integer>> answers = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            answers.add(http.sendAsync(hold, java.net.http.HttpResponse.BodyHandlers.discarding())
                    .thenApply(java.net.http.HttpResponse::statusCode));
        }
        for (java.util.concurrent.CompletableFuture<Integer> answer : answers) {
            assertThat(answer.get(20, TimeUnit.SECONDS)).isEqualTo(200);
        }
    }

    @Test
    void aServiceThatDoesNotAnswerInTimeGets504Problem() {
        EntityExchangeResult<Map<String, Object>> timeout = client.get()
                .uri("/api/v1/units/slow")
                .exchange()
                .expectStatus()
                .isEqualTo(504)
                .expectBody(JSON)
                .returnResult();
        assertThat(timeout.getResponseBody())
                .containsEntry("type", "urn:danvan:problem:gateway-timeout")
                .containsEntry("service", "statistics")
                .containsEntry("instance", "/api/v1/units/slow");
        SecurityHeadersAssert.assertSecuredProblem("504", timeout.getResponseHeaders());
    }

    @Test
    void anAnswerWithinItsRoutesResponseTimeoutIsNotCutByTheBreakersLeastTimeLimit() {
        // 2 s: longer than the least TimeLimiter (1 s), within feedback-intake's response timeout (3 s)
        long started = System.nanoTime();
        client.post()
                .uri("/api/v1/feedback/imports")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + IDENTITY.token("officer-1", "48", "PROVINCE_OFFICER"))
                .bodyValue("unit,text\n48,...\n")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .isEqualTo("imported");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void feedbackIntakesOtherCallsGet504AtTheNormalResponseTimeoutNotTheImportsOne() {
        String token = IDENTITY.token("officer-1", "48", "PROVINCE_OFFICER");
        // 2 s each: within the imports' 3 s, over the normal 1 s; an import's progress is no import
        for (String path : new String[] {"/api/v1/feedback/slow", "/api/v1/feedback/imports/job-1"}) {
            EntityExchangeResult<Map<String, Object>> timeout = client.get()
                    .uri(path)
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .exchange()
                    .expectStatus()
                    .isEqualTo(504)
                    .expectBody(JSON)
                    .returnResult();
            assertThat(timeout.getResponseBody())
                    .containsEntry("type", "urn:danvan:problem:gateway-timeout")
                    .containsEntry("service", "feedback-intake")
                    .containsEntry("instance", path);
        }
    }

    @Test
    void getIsRetriedOnA503ButPostIsNot() {
        int before = DIALOGUES.requests.get();
        String token = IDENTITY.token("officer-1", "48", "PROVINCE_OFFICER");
        client.get()
                .uri("/api/v1/dialogues/unavailable")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus()
                .isEqualTo(503);
        assertThat(DIALOGUES.requests.get() - before).isEqualTo(3);
        client.post()
                .uri("/api/v1/dialogues/unavailable")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus()
                .isEqualTo(503);
        assertThat(DIALOGUES.requests.get() - before).isEqualTo(4);
    }

    @Test
    void eventsStreamThroughUnbufferedAndAClientThatLeavesClosesTheServiceConnection() throws Exception {
        long started = System.nanoTime();
        int events = 0;
        long firstEventMillis = -1;
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write(("GET /api/v1/statistics/stream HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                    + "Accept: text/event-stream\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            BufferedReader reader =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            // read for 3 s: longer than the TimeLimiters the other routes have (1 s at least, 2 s for statistics),
            // and the 1 s response timeout
            long readUntil = started + TimeUnit.SECONDS.toNanos(3);
            String line;
            while (System.nanoTime() < readUntil && (line = reader.readLine()) != null) {
                if (line.startsWith("data:")) {
                    if (events++ == 0) {
                        firstEventMillis = (System.nanoTime() - started) / 1_000_000;
                    }
                }
            }
        }
        long closedAt = System.nanoTime();
        System.out.printf("[note] first event after %d ms; %d events in 3 s%n", firstEventMillis, events);
        // the service never ends the stream, so any event at all came through unbuffered
        assertThat(events).isGreaterThan(5);
        assertThat(STREAM_WRITE_FAILED.await(15, TimeUnit.SECONDS))
                .as("the service's next write fails once the client has gone")
                .isTrue();
        System.out.printf(
                "[note] service saw the connection closed %d ms after the client left%n",
                (System.nanoTime() - closedAt) / 1_000_000);
    }

    /** The feedback-intake stub: an import (any method) and a slow read that take 2 s; everything else at once. */
    private static HttpServer feedback() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/api/v1/feedback/imports", exchange -> {
                exchange.getRequestBody().readAllBytes();
                try {
                    Thread.sleep(2000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                byte[] body = "imported".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.createContext("/api/v1/feedback/slow", answerAfter(2000));
            server.createContext("/", answerAfter(0));
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The statistics stub: an endless event stream, a stalled endpoint, and a plain one. */
    private static HttpServer statistics() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/api/v1/statistics/stream", exchange -> {
                exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
                exchange.sendResponseHeaders(200, 0);
                OutputStream out = exchange.getResponseBody();
                try {
                    for (int i = 0; ; i++) {
                        out.write(("id: " + i + "\ndata: {\"n\":" + i + "}\n\n").getBytes(StandardCharsets.UTF_8));
                        out.flush();
                        Thread.sleep(100);
                    }
                } catch (IOException gone) {
                    STREAM_WRITE_FAILED.countDown();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    exchange.close();
                }
            });
            server.createContext("/api/v1/units/slow", answerAfter(3000));
            server.createContext("/api/v1/units/hold", answerAfter(300));
            server.createContext("/", answerAfter(0));
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A stub endpoint answering 200 with no body after the given time. */
    private static com.sun.net.httpserver.HttpHandler answerAfter(long millis) {
        return exchange -> {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        };
    }
}
