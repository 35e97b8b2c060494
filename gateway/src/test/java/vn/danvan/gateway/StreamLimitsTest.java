package vn.danvan.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.danvan.kit.test.identity.TestIdentityProvider;

/**
 * What one client, or all of them, can hold of a service through event streams: two streams per client address here
 * (from a trusted proxy, so X-Forwarded-For names the client), and a pool of three connections to each service whose
 * requests wait at most 1 s for a free one.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "danvan.gateway.trusted-proxies=127.0.0.1",
            "DANVAN_STREAMS_PER_CLIENT=2",
            "DANVAN_GATEWAY_POOL_MAX_CONNECTIONS=3",
            "DANVAN_GATEWAY_POOL_ACQUIRE_TIMEOUT_MS=1000"
        })
class StreamLimitsTest {

    private static final TestIdentityProvider IDENTITY = TestIdentityProvider.shared();
    private static final AtomicInteger OPEN_AT_SERVICE = new AtomicInteger();
    private static final AtomicInteger MOST_AT_SERVICE = new AtomicInteger();
    private static final HttpServer STATISTICS = statistics();

    @LocalServerPort
    int port;

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<InputStream> held = new ArrayList<>();

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        registry.add(
                "STATISTICS_URL",
                () -> "http://127.0.0.1:" + STATISTICS.getAddress().getPort());
        registry.add("DANVAN_ISSUER_URI", IDENTITY::issuer);
        registry.add("DANVAN_JWK_SET_URI", IDENTITY::jwkSetUri);
    }

    @AfterAll
    static void stopStub() {
        STATISTICS.stop(0);
    }

    /** Every stream a test opened is closed, and the service has seen them go, before the next test. */
    @AfterEach
    void closeStreams() throws IOException {
        for (InputStream stream : held) {
            stream.close();
        }
        held.clear();
        await().atMost(Duration.ofSeconds(15)).until(() -> OPEN_AT_SERVICE.get() == 0);
    }

    @Test
    void aClientAddressHoldsAtMostItsStreamsAndGetsOneBackWhenItClosesOne() throws Exception {
        InputStream first = open("203.0.113.30");
        open("203.0.113.30");

        Answer third = refused("203.0.113.30", "vi");
        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(third.headers().firstValue(HttpHeaders.RETRY_AFTER)).hasValue("30");
        JsonNode problem = JsonMapper.shared().readTree(third.body());
        assertThat(problem.path("type").asString()).isEqualTo("urn:danvan:problem:too-many-requests");
        assertThat(problem.path("maxStreams").asInt()).isEqualTo(2);
        assertThat(problem.path("detail").asString())
                .isEqualTo("Đã có 2 luồng số liệu trực tiếp đang mở từ địa chỉ này, mức tối đa cho phép; hãy đóng"
                        + " bớt hoặc thử lại sau 30 giây.");
        SecurityHeadersAssert.assertSecuredProblem("429", springHeaders(third));
        assertThat(JsonMapper.shared()
                        .readTree(refused("203.0.113.30", "en").body())
                        .path("detail")
                        .asString())
                .isEqualTo("2 live streams are already open from this address, the most allowed; close one or try"
                        + " again in 30 seconds.");
        // the refused ones never reached the service
        assertThat(OPEN_AT_SERVICE.get()).isEqualTo(2);

        // another address has streams of its own
        open("203.0.113.31");

        // a stream its client left gives its place back
        held.remove(first);
        first.close();
        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> tryOpen("203.0.113.30"));
    }

    @Test
    void theGatewayOpensAtMostItsPoolOfConnectionsToAServiceAndAnswersTheNextWith503() throws Exception {
        InputStream first = open("203.0.113.40");
        open("203.0.113.40");
        open("203.0.113.41");
        await().atMost(Duration.ofSeconds(10)).until(() -> OPEN_AT_SERVICE.get() == 3);

        // within its own limit, but every connection to the service is taken: after the pool's 1 s, a 503
        Answer waited = refused("203.0.113.42", "vi");
        assertThat(waited.statusCode()).isEqualTo(503);
        assertThat(waited.headers().firstValue(HttpHeaders.RETRY_AFTER)).isPresent();
        JsonNode problem = JsonMapper.shared().readTree(waited.body());
        assertThat(problem.path("type").asString()).isEqualTo("urn:danvan:problem:service-unavailable");
        assertThat(problem.path("service").asString()).isEqualTo("statistics");
        assertThat(MOST_AT_SERVICE.get())
                .as("connections the service saw at once")
                .isLessThanOrEqualTo(3);

        held.remove(first);
        first.close();
        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> tryOpen("203.0.113.42"));
    }

    /** Opens a stream from the address, which must be answered 200 with events; it stays open until the test ends. */
    private InputStream open(String from) throws Exception {
        HttpResponse<InputStream> response = send(from, "vi");
        assertThat(response.statusCode()).as("stream from " + from).isEqualTo(200);
        held.add(response.body());
        readEvent(response.body());
        return response.body();
    }

    /** Whether a stream from the address opens now; a refusal holds nothing. */
    private boolean tryOpen(String from) throws Exception {
        HttpResponse<InputStream> response = send(from, "vi");
        if (response.statusCode() != 200) {
            response.body().close();
            return false;
        }
        held.add(response.body());
        readEvent(response.body());
        return true;
    }

    /** A stream request that is refused: its whole answer (a stream opened instead is closed at once). */
    private Answer refused(String from, String language) throws Exception {
        HttpResponse<InputStream> response = send(from, language);
        try (InputStream body = response.body()) {
            assertThat(response.statusCode()).as("stream from " + from).isNotEqualTo(200);
            return new Answer(
                    response.statusCode(), response.headers(), new String(body.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private HttpResponse<InputStream> send(String from, String language) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/statistics/stream?unit=48"))
                .header("Accept", "text/event-stream")
                .header("Accept-Language", language)
                .header("X-Forwarded-For", from)
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    }

    /** Reads up to the end of the first event: the stream flows through the gateway. */
    private static void readEvent(InputStream body) throws IOException {
        StringBuilder read = new StringBuilder();
        while (!read.toString().contains("\n\n")) {
            int c = body.read();
            assertThat(c).as("the stream ended before its first event").isNotNegative();
            read.append((char) c);
        }
    }

    private static HttpHeaders springHeaders(Answer answer) {
        HttpHeaders headers = new HttpHeaders();
        answer.headers().map().forEach(headers::addAll);
        return headers;
    }

    /** The statistics stub: an endless event stream that counts the connections it holds. */
    private static HttpServer statistics() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/api/v1/statistics/stream", exchange -> {
                MOST_AT_SERVICE.accumulateAndGet(OPEN_AT_SERVICE.incrementAndGet(), Math::max);
                try {
                    exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
                    exchange.sendResponseHeaders(200, 0);
                    OutputStream out = exchange.getResponseBody();
                    for (int i = 0; ; i++) {
                        out.write(("id: " + i + "\ndata: {}\n\n").getBytes(StandardCharsets.UTF_8));
                        out.flush();
                        Thread.sleep(100);
                    }
                } catch (IOException gone) {
                    // the gateway closed the connection: its client left
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    OPEN_AT_SERVICE.decrementAndGet();
                    exchange.close();
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A refused request's answer, read whole. */
    private record Answer(int statusCode, java.net.http.HttpHeaders headers, String body) {}
}
