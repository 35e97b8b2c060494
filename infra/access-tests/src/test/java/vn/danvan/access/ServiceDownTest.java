package vn.danvan.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A real service killed behind the real gateway: callers get a 503 problem with Retry-After at once (never a hang,
 * never a 500), other services keep answering, and traffic resumes by itself once the service is back.
 */
class ServiceDownTest {

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aKilledServiceGivesAFast503ProblemAndTrafficResumesWhenItReturns() throws Exception {
        Platform platform = Platform.get();
        assertThat(ping(platform).statusCode()).isEqualTo(200);

        platform.kill("feedback-intake");
        long started = System.nanoTime();
        HttpResponse<String> down = ping(platform);
        Duration answeredIn = Duration.ofNanos(System.nanoTime() - started);

        assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
        assertThat(down.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(down.headers().firstValue("Retry-After"))
                .hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
        assertThat(down.body()).contains("urn:danvan:problem:service-unavailable");
        // the gateway and the other services are unaffected
        HttpResponse<String> units = get(platform.gateway() + "/api/v1/units");
        assertThat(units.statusCode()).isEqualTo(200);
        System.out.println(
                "[access-tests] feedback-intake killed: the gateway answered 503 in " + answeredIn.toMillis() + " ms");

        platform.restart("feedback-intake");
        Instant back = Instant.now();
        Instant deadline = back.plus(Duration.ofSeconds(60));
        int status = 0;
        while (Instant.now().isBefore(deadline) && status != 200) {
            status = ping(platform).statusCode();
            if (status != 200) {
                Thread.sleep(250); // polling: the breaker half-opens after its wait
            }
        }
        assertThat(status)
                .as("traffic through the gateway after the service returned")
                .isEqualTo(200);
        System.out.println("[access-tests] feedback-intake back: traffic through the gateway resumed "
                + Duration.between(back, Instant.now()).toMillis() + " ms after it was ready");
    }

    private HttpResponse<String> ping(Platform platform) throws Exception {
        return get(platform.gateway() + "/api/v1/feedback/ping");
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
