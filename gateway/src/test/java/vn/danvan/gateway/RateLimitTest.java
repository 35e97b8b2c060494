package vn.danvan.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import vn.danvan.kit.test.identity.TestIdentityProvider;

/** The in-process rate limits: per client address (from a trusted proxy here) or per signed-in subject. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "danvan.gateway.trusted-proxies=127.0.0.1",
            "DANVAN_RATE_LIMIT_SUBMIT=3",
            "DANVAN_RATE_LIMIT_READ=5"
        })
class RateLimitTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};
    private static final TestIdentityProvider IDENTITY = TestIdentityProvider.shared();
    private static final Stub FEEDBACK = new Stub("feedback-intake");
    private static final Stub STATISTICS = new Stub("statistics");

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        registry.add("FEEDBACK_INTAKE_URL", FEEDBACK::url);
        registry.add("STATISTICS_URL", STATISTICS::url);
        registry.add("DANVAN_ISSUER_URI", IDENTITY::issuer);
        registry.add("DANVAN_JWK_SET_URI", IDENTITY::jwkSetUri);
    }

    @AfterAll
    static void stopStub() {
        FEEDBACK.stop();
        STATISTICS.stop();
    }

    @Test
    void theRequestAfterTheLimitGets429ProblemWithRetryAfterAndOtherClientsAreNotAffected() {
        WebTestClient client = client();
        for (int i = 0; i < 3; i++) {
            post(client, "203.0.113.7", null).expectStatus().isOk();
        }
        EntityExchangeResult<Map<String, Object>> tooMany = post(client, "203.0.113.7", null)
                .expectStatus()
                .isEqualTo(429)
                .expectHeader()
                .valueEquals(HttpHeaders.RETRY_AFTER, "20") // 3 a minute: one every 20 s
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JSON)
                .returnResult();
        assertThat(tooMany.getResponseBody()).containsEntry("type", "urn:danvan:problem:too-many-requests");
        SecurityHeadersAssert.assertSecuredProblem("429", tooMany.getResponseHeaders());
        post(client, "203.0.113.8", null).expectStatus().isOk();
        // signed in from the same address: the subject has its own budget
        String token = IDENTITY.token("citizen-9", null, "CITIZEN");
        post(client, "203.0.113.7", token).expectStatus().isOk();
        // reads have their own limit
        client.get()
                .uri("/api/v1/feedback/track/ABCD")
                .header("X-Forwarded-For", "203.0.113.7")
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void theDashboardsOwnFilesAreNotCountedOnlyItsCallsToTheApiAre() {
        WebTestClient client = client();
        // a page load fetches a dozen files: counted, two tabs behind one office address ran out of reads
        for (int i = 0; i < 12; i++) {
            client.get()
                    .uri("/dashboard/dashboard.js")
                    .header("X-Forwarded-For", "203.0.113.20")
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
        for (int i = 0; i < 5; i++) {
            read(client, "203.0.113.20").expectStatus().isOk();
        }
        read(client, "203.0.113.20").expectStatus().isEqualTo(429);
    }

    private static WebTestClient.ResponseSpec read(WebTestClient client, String from) {
        return client.get()
                .uri("/api/v1/statistics/summary?unit=48&period=2026")
                .header("X-Forwarded-For", from)
                .exchange();
    }

    private WebTestClient client() {
        return WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(20))
                .build();
    }

    private static WebTestClient.ResponseSpec post(WebTestClient client, String from, String token) {
        return client.post()
                .uri("/api/v1/feedback")
                .header("X-Forwarded-For", from)
                .headers(headers -> {
                    if (token != null) {
                        headers.setBearerAuth(token);
                    }
                })
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}")
                .exchange();
    }
}
