package vn.danvan.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.springframework.http.HttpHeaders;

/**
 * The security headers every answer leaving the gateway carries, each exactly once (headers/SecurityHeaders), and
 * the {@code no-store} of its own problems.
 */
final class SecurityHeadersAssert {

    static final Map<String, String> SECURITY_HEADERS = Map.of(
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "X-XSS-Protection", "0",
            "Referrer-Policy", "no-referrer");

    private SecurityHeadersAssert() {}

    static void assertSecured(String answer, HttpHeaders headers) {
        SECURITY_HEADERS.forEach((name, value) ->
                assertThat(headers.get(name)).as(answer + ": " + name).containsExactly(value));
    }

    /** A problem of the gateway's own: the security headers, and never kept by a cache. */
    static void assertSecuredProblem(String answer, HttpHeaders headers) {
        assertThat(headers.getContentType()).as(answer).hasToString("application/problem+json");
        assertSecured(answer, headers);
        assertThat(headers.get(HttpHeaders.CACHE_CONTROL))
                .as(answer + ": Cache-Control")
                .containsExactly("no-store");
    }

    /** The headers of a raw HTTP answer, each line as sent (a header sent twice has two values). */
    static HttpHeaders headersOf(String rawAnswer) {
        HttpHeaders headers = new HttpHeaders();
        String head = rawAnswer.substring(0, rawAnswer.indexOf("\r\n\r\n"));
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("HTTP/")) {
                headers.add(
                        line.substring(0, colon).trim(),
                        line.substring(colon + 1).trim());
            }
        }
        return headers;
    }
}
