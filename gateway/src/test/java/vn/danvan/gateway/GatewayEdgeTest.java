package vn.danvan.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import vn.danvan.kit.test.identity.TestIdentityProvider.Forgery;

/** What the gateway does at its edge: tokens, problems, correlation ids, headers, body limit, CORS, OpenAPI. */
class GatewayEdgeTest extends GatewayTestBase {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    WebTestClient client;

    @BeforeEach
    void client() {
        client = WebTestClient.bindToServer()
                .baseUrl(gateway())
                .responseTimeout(Duration.ofSeconds(20))
                .build();
    }

    @Test
    void anonymousOnAProtectedPathGets401ProblemAndTheServiceIsNotCalled() {
        int before = MODELS.requests.get();
        Map<String, Object> problem = client.get()
                .uri("/api/v1/models/abc")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
        assertThat(problem)
                .containsEntry("type", "urn:danvan:problem:unauthenticated")
                .containsEntry("title", "Chưa xác thực")
                .containsEntry("status", 401)
                .containsEntry("instance", "/api/v1/models/abc")
                .containsKey("detail");
        assertThat(MODELS.requests.get()).isEqualTo(before);
    }

    @Test
    void theDialogueCalendarIsNotPublicUntilTheServiceHasOne() {
        int before = DIALOGUES.requests.get();
        client.get()
                .uri("/api/v1/dialogues/calendar/upcoming")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody(JSON)
                .value(problem -> assertThat(problem).containsEntry("type", "urn:danvan:problem:unauthenticated"));
        assertThat(DIALOGUES.requests.get()).isEqualTo(before);
    }

    @ParameterizedTest
    @EnumSource(Forgery.class)
    void aFlawedTokenGets401OnProtectedAndPublicPaths(Forgery flaw) {
        int before = FEEDBACK.requests.get() + MODELS.requests.get();
        for (String path : new String[] {"/api/v1/models/abc", "/api/v1/feedback/track/ABCD-1234"}) {
            Map<String, Object> problem = client.get()
                    .uri(path)
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + IDENTITY.forged(flaw))
                    .header(HttpHeaders.ACCEPT_LANGUAGE, "en")
                    .exchange()
                    .expectStatus()
                    .isUnauthorized()
                    .expectHeader()
                    .value(HttpHeaders.WWW_AUTHENTICATE, value -> assertThat(value)
                            .startsWith("Bearer error=\"invalid_token\""))
                    .expectBody(JSON)
                    .returnResult()
                    .getResponseBody();
            assertThat(problem)
                    .containsEntry("type", "urn:danvan:problem:unauthenticated")
                    .containsEntry("title", "Unauthenticated")
                    .doesNotContainKeys("trace", "exception", "message");
        }
        assertThat(FEEDBACK.requests.get() + MODELS.requests.get()).isEqualTo(before);
    }

    @Test
    void aValidTokenIsForwardedUnchanged() {
        String token = officerToken();
        client.get()
                .uri("/api/v1/models/abc")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus()
                .isOk();
        assertThat(MODELS.lastHeaders.get().getFirst(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer " + token);
    }

    @Test
    void theGatewaysOwnEndpointsAreTheAdminsHealthIsEveryones() {
        String citizen = IDENTITY.token("citizen-1", null, "CITIZEN");
        String admin = IDENTITY.token("admin-1", null, "ADMIN");
        for (String path : new String[] {"/actuator/prometheus", "/actuator/gateway/routes", "/actuator/info"}) {
            client.get()
                    .uri(path)
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + citizen)
                    .exchange()
                    .expectStatus()
                    .isForbidden();
            client.get()
                    .uri(path)
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + officerToken())
                    .exchange()
                    .expectStatus()
                    .isForbidden();
        }
        for (String path : new String[] {"/actuator/prometheus", "/actuator/gateway/routes", "/actuator"}) {
            client.get().uri(path).exchange().expectStatus().isUnauthorized();
        }
        client.get()
                .uri("/actuator/prometheus")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + admin)
                .exchange()
                .expectStatus()
                .isOk();
        // the routes with their filters (read only: no refresh, no route added or removed at run time)
        String routes = client.get()
                .uri("/actuator/gateway/routes")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + admin)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(routes)
                .contains(
                        "\"route_id\":\"feedback-intake\"",
                        "\"route_id\":\"statistics-stream\"",
                        "\"uri\":\"" + FEEDBACK.url());
        client.get()
                .uri("/actuator")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + admin)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(links -> assertThat(links).contains("/actuator/gateway"));
        client.post()
                .uri("/actuator/gateway/refresh")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + admin)
                .exchange()
                .expectStatus()
                .value(status -> assertThat(status).isNotEqualTo(200));
        client.get().uri("/actuator/health").exchange().expectStatus().isOk();
        // a service's route still takes any signed-in caller: roles are the service's business
        client.get()
                .uri("/api/v1/models/abc")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + citizen)
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void anonymousMayAskForTheHeadersOfAPublicPageAsForThePageItself() {
        client.head()
                .uri("/api/v1/statistics/summary?unit=01&period=2026")
                .exchange()
                .expectStatus()
                .isOk();
        // and a protected one still needs a token
        client.head().uri("/api/v1/models/abc").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void anonymousMayPostAnOpinion() {
        client.post()
                .uri("/api/v1/feedback")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"content\":\"Đường làng bị ngập\"}")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .isEqualTo("feedback-intake /api/v1/feedback");
    }

    @Test
    void aWellFormedCorrelationIdIsKeptAndReachesTheService() {
        client.get()
                .uri("/api/v1/units/01")
                .header("X-Correlation-Id", "client-chosen-42")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("X-Correlation-Id", "client-chosen-42");
        assertThat(STATISTICS.lastHeaders.get().getFirst("X-Correlation-Id")).isEqualTo("client-chosen-42");
        // W3C trace context goes on to the service
        assertThat(STATISTICS.lastHeaders.get().getFirst("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
    }

    @Test
    void aMissingOrMalformedCorrelationIdIsReplacedByAUuid() {
        for (String given : new String[] {null, "not well formed! <script>"}) {
            EntityExchangeResult<byte[]> result = client.get()
                    .uri("/api/v1/units/01")
                    .headers(headers -> {
                        if (given != null) {
                            headers.set("X-Correlation-Id", given);
                        }
                    })
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .returnResult();
            String id = result.getResponseHeaders().getFirst("X-Correlation-Id");
            assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
            assertThat(STATISTICS.lastHeaders.get().get("X-Correlation-Id")).containsExactly(id);
        }
    }

    @Test
    void noServerHeaderLeavesTheGateway() {
        client.get()
                .uri("/api/v1/units/01")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .doesNotExist("Server");
        client.get()
                .uri("/api/v1/models/abc")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .doesNotExist("Server");
    }

    @Test
    void hstsOnlyForRequestsThatCameOverTls() throws Exception {
        client.get().uri("/api/v1/units/01").exchange().expectHeader().doesNotExist("Strict-Transport-Security");
        client.get()
                .uri("/api/v1/units/01")
                .header("X-Forwarded-Proto", "https") // from 127.0.0.1, a trusted proxy in this test
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .value("Strict-Transport-Security", value -> assertThat(value).contains("max-age=31536000"));
        // the gateway's own answers too, also those given before its security chain or by the Netty server
        for (String request : new String[] {
            "GET /api/v1/nowhere HTTP/1.0\r\n", // 404, signed in below
            "POST /api/v1/feedback HTTP/1.0\r\nContent-Length: 2000\r\n", // 413
            "GET /api/v1/feedback/%ZZ HTTP/1.0\r\n" // 400 from the Netty server
        }) {
            String https = request + "Authorization: Bearer " + officerToken() + "\r\nX-Forwarded-Proto: https\r\n\r\n";
            assertThat(SecurityHeadersAssert.headersOf(raw(https)).get("Strict-Transport-Security"))
                    .as(request)
                    .containsExactly("max-age=31536000; includeSubDomains");
            assertThat(SecurityHeadersAssert.headersOf(raw(request + "\r\n")).get("Strict-Transport-Security"))
                    .as(request)
                    .isNull();
        }
    }

    @Test
    void everyAnswerTheGatewayGivesItselfCarriesTheSecurityHeadersOnceAndItsProblemsAreNotStored() throws Exception {
        String bearer = "Bearer " + officerToken();
        Map<String, WebTestClient.ResponseSpec> answers = new java.util.LinkedHashMap<>();
        answers.put("401 no token", client.get().uri("/api/v1/models/abc").exchange());
        answers.put(
                "401 forged token",
                client.get()
                        .uri("/api/v1/feedback/track/ABCD")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + IDENTITY.forged(Forgery.BAD_SIGNATURE))
                        .exchange());
        answers.put(
                "403 not an admin",
                client.get()
                        .uri("/actuator/prometheus")
                        .header(HttpHeaders.AUTHORIZATION, bearer)
                        .exchange());
        answers.put("403 another origin", preflight("/api/v1/models/abc", "http://evil.example", null));
        answers.put(
                "404 no route",
                client.get()
                        .uri("/api/v1/nowhere")
                        .header(HttpHeaders.AUTHORIZATION, bearer)
                        .exchange());
        answers.put(
                "404 no health group", client.get().uri("/actuator/health/foo").exchange());
        answers.put(
                "405 method",
                client.delete()
                        .uri("/swagger-ui.html")
                        .header(HttpHeaders.AUTHORIZATION, bearer)
                        .exchange());
        answers.put(
                "413 body",
                client.post()
                        .uri("/api/v1/feedback")
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue("{\"content\":\"" + "x".repeat(2000) + "\"}")
                        .exchange());
        answers.forEach((answer, response) -> {
            EntityExchangeResult<byte[]> result = response.expectBody().returnResult();
            assertThat(result.getStatus().value()).as(answer).isEqualTo(Integer.parseInt(answer.substring(0, 3)));
            SecurityHeadersAssert.assertSecuredProblem(answer, result.getResponseHeaders());
        });
        // answers written outside WebFlux's handlers: the firewall's, and the Netty server's own
        Map<String, String> raw = new java.util.LinkedHashMap<>();
        raw.put("400 firewall", "GET /api/v1/consultations/%2F HTTP/1.0\r\n\r\n");
        raw.put("400 target", "GET /api/v1/feedback/%ZZ HTTP/1.0\r\n\r\n");
        raw.put("414 target", "GET /api/v1/statistics/summary?note=" + "a".repeat(5_000) + " HTTP/1.0\r\n\r\n");
        raw.put("431 headers", "GET /api/v1/statistics/summary HTTP/1.0\r\nX-Note: " + "c".repeat(9_000) + "\r\n\r\n");
        for (Map.Entry<String, String> request : raw.entrySet()) {
            String answer = raw(request.getValue());
            assertThat(answer)
                    .as(request.getKey())
                    .startsWith("HTTP/1.0 " + request.getKey().substring(0, 3));
            SecurityHeadersAssert.assertSecuredProblem(request.getKey(), SecurityHeadersAssert.headersOf(answer));
        }
        // and its answers that are no problems
        SecurityHeadersAssert.assertSecured("health", headersOf("/actuator/health"));
    }

    @Test
    void aServicesOwnSecurityHeadersPassUnchangedAndNoneIsSentTwice() {
        HttpHeaders dashboard = headersOf("/dashboard/");
        // the statistics service's policy for its page, exactly as it sent it (the gateway has none of its own)
        assertThat(dashboard.get("Content-Security-Policy")).containsExactly(Stub.DASHBOARD_POLICY);
        // its values win over the gateway's, and the gateway's fill only what it left out
        assertThat(dashboard.get("X-Frame-Options")).containsExactly("SAMEORIGIN");
        assertThat(dashboard.get("X-Content-Type-Options")).containsExactly("nosniff");
        assertThat(dashboard.get(HttpHeaders.CACHE_CONTROL)).containsExactly("no-cache");
        assertThat(dashboard.get("Referrer-Policy")).containsExactly("no-referrer");
        assertThat(dashboard.get("X-XSS-Protection")).containsExactly("0");

        // a service that sends none gets all of the gateway's, and its caching stays its own decision
        HttpHeaders units = headersOf("/api/v1/units/01");
        SecurityHeadersAssert.assertSecured("proxied", units);
        assertThat(units.containsHeader(HttpHeaders.CACHE_CONTROL)).isFalse();
        assertThat(units.containsHeader("Content-Security-Policy")).isFalse();
    }

    /** The headers of an anonymous GET's answer, which must be 200. */
    private HttpHeaders headersOf(String uri) {
        return client.get()
                .uri(uri)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult()
                .getResponseHeaders();
    }

    @Test
    void aBodyOverTheLimitGets413ProblemBeforeReachingTheService() {
        int before = FEEDBACK.requests.get();
        Map<String, Object> problem = client.post()
                .uri("/api/v1/feedback")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"content\":\"" + "x".repeat(2000) + "\"}")
                .exchange()
                .expectStatus()
                .isEqualTo(413)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
        assertThat(problem)
                .containsEntry("type", "urn:danvan:problem:payload-too-large")
                .containsEntry("maxBytes", 1024);
        assertThat(FEEDBACK.requests.get()).isEqualTo(before);
        // imports have their own, larger limit
        client.post()
                .uri("/api/v1/feedback/imports")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + officerToken())
                .contentType(MediaType.TEXT_PLAIN)
                .bodyValue("x".repeat(2000))
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void anUnknownPathIsA404Problem() {
        client.get()
                .uri("/api/v1/nowhere")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + officerToken())
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JSON)
                .value(problem -> assertThat(problem).containsEntry("type", "urn:danvan:problem:not-found"));
    }

    @Test
    void anUnknownHealthGroupIsA404ProblemAsAnyUnknownPathIs() {
        for (String path : new String[] {"/actuator/health/foo", "/actuator/health/readiness/foo"}) {
            client.get()
                    .uri(path)
                    .exchange()
                    .expectStatus()
                    .isNotFound()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody(JSON)
                    .value(problem -> assertThat(problem)
                            .containsEntry("type", "urn:danvan:problem:not-found")
                            .containsEntry("instance", path));
        }
        // the groups that exist still answer as before
        client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        // a service's own error, with no content type, is the service's answer and passes as it is
        client.get()
                .uri("/api/v1/models/unavailable")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + officerToken())
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectBody(String.class)
                .isEqualTo("model-registry /api/v1/models/unavailable");
    }

    @Test
    void aRequestTargetThatIsNoUriIsABadRequestProblemAndNeverReachesTheService() throws Exception {
        int before = FEEDBACK.requests.get() + STATISTICS.requests.get();
        // a bad percent-escape in the path and in the query, characters a URI may not hold
        for (String target : new String[] {
            "/api/v1/feedback/%ZZ",
            "/api/v1/statistics/breakdown?by=%ZZ",
            "/api/v1/statistics/breakdown?by=a|b",
            "/api/v1/feedback/a[b]",
            // the services' Tomcat would refuse the brackets unread, with no path to name
            "/api/v1/statistics/summary?unit=[01]&period=2026"
        }) {
            String body = badRequestProblem(
                    target, raw("GET " + target + " HTTP/1.0\r\nHost: 127.0.0.1\r\nAccept-Language: en\r\n\r\n"));
            Map<String, Object> problem = tools.jackson.databind.json.JsonMapper.shared()
                    .readValue(body, new tools.jackson.core.type.TypeReference<Map<String, Object>>() {});
            assertThat(problem)
                    .as(target)
                    .containsEntry("type", "urn:danvan:problem:bad-request")
                    .containsEntry("status", 400)
                    .containsEntry("instance", target.split("\\?")[0]);
            assertThat((String) problem.get("detail")).as(target).contains("percent-escape");
        }
        assertThat(FEEDBACK.requests.get() + STATISTICS.requests.get()).isEqualTo(before);
    }

    @Test
    void aPathTheFirewallDistrustsIsABadRequestProblemAndNeverReachesTheService() throws Exception {
        int before = FEEDBACK.requests.get();
        for (String path : new String[] {
            "/api/v1/consultations/..", "/api/v1/consultations/%2F", "/api/v1/consultations/%25", "/api/v1/feedback/%00"
        }) {
            String body = badRequestProblem(path, raw("GET " + path + " HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n"));
            assertThat(body)
                    .as(path)
                    .contains("\"type\":\"urn:danvan:problem:bad-request\"")
                    .contains("không được phép");
        }
        assertThat(FEEDBACK.requests.get()).isEqualTo(before);
    }

    @Test
    void aRequestTargetOrHeadersTooLargeAreProblemsThatNeverReachTheServiceAndWithinTheLimitsTheyDo() throws Exception {
        int before = STATISTICS.requests.get();
        String longQuery = "/api/v1/statistics/summary?unit=48&note=" + "a".repeat(5_000);
        Map<String, Object> tooLong = problem(
                raw("GET " + longQuery + " HTTP/1.0\r\nHost: 127.0.0.1\r\nAccept-Language: en\r\n\r\n"), 414, "en");
        assertThat(tooLong)
                .containsEntry("type", "urn:danvan:problem:uri-too-long")
                .containsEntry("status", 414)
                .containsEntry("maxLength", 4096)
                .containsEntry("instance", "/api/v1/statistics/summary");
        assertThat((String) tooLong.get("detail")).contains("4096 characters");
        // a path of its own too long is not repeated in the answer
        assertThat(problem(raw("GET /api/v1/statistics/" + "b".repeat(5_000) + " HTTP/1.0\r\n\r\n"), 414, "vi"))
                .containsEntry("type", "urn:danvan:problem:uri-too-long")
                .doesNotContainKey("instance");

        Map<String, Object> tooLarge = problem(
                raw("GET /api/v1/statistics/summary?unit=48 HTTP/1.0\r\nHost: 127.0.0.1\r\nX-Note: " + "c".repeat(9_000)
                        + "\r\n\r\n"),
                431,
                "vi");
        assertThat(tooLarge)
                .containsEntry("type", "urn:danvan:problem:header-fields-too-large")
                .containsEntry("status", 431)
                .containsEntry("maxBytes", 8192)
                .containsEntry("instance", "/api/v1/statistics/summary");
        assertThat((String) tooLarge.get("detail")).contains("8192 byte");
        assertThat(STATISTICS.requests.get()).isEqualTo(before);

        // just within both limits: the service answers
        String within = "/api/v1/statistics/summary?unit=48&note=" + "d".repeat(3_900);
        String answer =
                raw("GET " + within + " HTTP/1.0\r\nHost: 127.0.0.1\r\nX-Note: " + "e".repeat(7_000) + "\r\n\r\n");
        assertThat(answer).matches("(?s)HTTP/1\\.[01] 200 .*");
        assertThat(STATISTICS.requests.get()).isEqualTo(before + 1);

        // beyond Netty's own decoder limit (64 KB) its answer is left as it is: the status, no body
        assertThat(raw("GET /api/v1/statistics/summary?note=" + "f".repeat(70_000) + " HTTP/1.0\r\n\r\n"))
                .matches("(?s)HTTP/1\\.[01] 414 .*");
        assertThat(STATISTICS.requests.get()).isEqualTo(before + 1);
    }

    /** The problem of a raw answer with this status, in this language. */
    private static Map<String, Object> problem(String answer, int status, String language) {
        assertThat(answer).startsWith("HTTP/1.0 " + status);
        String head = answer.substring(0, answer.indexOf("\r\n\r\n")).toLowerCase(java.util.Locale.ROOT);
        assertThat(head).contains("content-type: application/problem+json").contains("content-language: " + language);
        return tools.jackson.databind.json.JsonMapper.shared()
                .readValue(
                        answer.substring(answer.indexOf("\r\n\r\n") + 4),
                        new tools.jackson.core.type.TypeReference<Map<String, Object>>() {});
    }

    /** The body of a raw answer that must be a 400 problem. */
    private static String badRequestProblem(String target, String answer) {
        assertThat(answer).as(target).startsWith("HTTP/1.0 400");
        assertThat(answer.toLowerCase(java.util.Locale.ROOT))
                .as(target)
                .contains("content-type: application/problem+json");
        return answer.substring(answer.indexOf("\r\n\r\n") + 4);
    }

    /** Bytes as written: an HTTP client library refuses to send what is not a URI. */
    private String raw(String request) throws java.io.IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void corsPreflightFromAnAllowedOriginIsAnsweredWithoutAToken() {
        preflight("/api/v1/models/abc", "http://localhost:8080", "authorization,content-type")
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "http://localhost:8080");
    }

    @Test
    void aCitizenAppMayRetryASubmissionWithItsIdempotencyKeyFromAnAllowedOrigin() {
        preflight("/api/v1/feedback", "http://localhost:8080", "content-type,idempotency-key")
                .expectStatus()
                .isOk()
                .expectHeader()
                .value(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, allowed -> assertThat(allowed.toLowerCase())
                        .contains("idempotency-key"));
    }

    @Test
    void corsPreflightFromAnotherOriginIsRefusedWithAProblem() {
        preflight("/api/v1/models/abc", "http://evil.example", null)
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:danvan:problem:forbidden")
                .jsonPath("$.detail")
                .value(detail -> assertThat(detail.toString()).contains("Origin"));
    }

    /** A browser's CORS preflight for a POST from {@code origin}, asking to send {@code headers} (or none). */
    private WebTestClient.ResponseSpec preflight(String path, String origin, String headers) {
        WebTestClient.RequestHeadersSpec<?> request = client.method(HttpMethod.OPTIONS)
                .uri(path)
                .header(HttpHeaders.ORIGIN, origin)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST");
        if (headers != null) {
            request = request.header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, headers);
        }
        return request.exchange();
    }

    @Test
    void theOpenApiUiListsTheFourServicesAndTheirDocumentsComeFromThem() {
        client.get()
                .uri("/webjars/swagger-ui/index.html")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(html -> assertThat(html).contains("swagger-ui"));
        client.get()
                .uri("/v3/api-docs/swagger-config")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(config -> assertThat(config)
                        .contains(
                                "/v3/api-docs/feedback-intake",
                                "/v3/api-docs/statistics",
                                "/v3/api-docs/dialogue-scheduler",
                                "/v3/api-docs/model-registry"));
        client.get()
                .uri("/v3/api-docs/feedback-intake")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(doc -> assertThat(doc).contains("\"title\":\"feedback-intake\""));
        assertThat(FEEDBACK.lastHeaders.get()).isNotNull();
    }
}
