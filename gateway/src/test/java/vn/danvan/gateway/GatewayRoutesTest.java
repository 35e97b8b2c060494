package vn.danvan.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * Each public path reaches the service that owns it. Four stub services on loopback answer with their own name, so a
 * route pointing at the wrong service (or a route under a property key the gateway ignores) fails.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayRoutesTest {

    private static final HttpServer MODELS = stub("model-registry");
    private static final HttpServer DIALOGUES = stub("dialogue-scheduler");
    private static final HttpServer FEEDBACK = stub("feedback-intake");
    private static final HttpServer STATISTICS = stub("statistics");

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        registry.add("MODEL_REGISTRY_URL", () -> url(MODELS));
        registry.add("DIALOGUE_SCHEDULER_URL", () -> url(DIALOGUES));
        registry.add("FEEDBACK_INTAKE_URL", () -> url(FEEDBACK));
        registry.add("STATISTICS_URL", () -> url(STATISTICS));
    }

    @AfterAll
    static void stopStubs() {
        for (HttpServer server : new HttpServer[] {MODELS, DIALOGUES, FEEDBACK, STATISTICS}) {
            server.stop(0);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "/api/v1/models/abc, model-registry",
        "/api/v1/dialogues, dialogue-scheduler",
        "/api/v1/feedback/track/ABCD-1234, feedback-intake",
        "/api/v1/consultations/c1/summary, feedback-intake",
        "/api/v1/statistics/summary, statistics",
        "/api/v1/units/01, statistics",
        "/dashboard/, statistics",
        // what the dashboard page loads, with and without the trailing slash
        "/dashboard, statistics",
        "/dashboard/dashboard.js, statistics",
        "/dashboard/webjars/chart.js/dist/chart.umd.js, statistics",
        "/api/v1/units, statistics",
        "/api/v1/units/48/children, statistics",
        "/api/v1/statistics/stream, statistics"
    })
    void eachPathReachesTheServiceThatOwnsIt(String path, String service) {
        String answer = RestClient.create("http://127.0.0.1:" + port)
                .get()
                .uri(path)
                .retrieve()
                .body(String.class);
        assertThat(answer).isEqualTo(service + " " + path);
    }

    private static HttpServer stub(String name) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                byte[] body = (name + " " + exchange.getRequestURI().getPath()).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String url(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }
}
