package vn.danvan.gateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.FilterDefinition;
import org.springframework.cloud.gateway.route.RouteDefinition;

/** Each breaker's time limit follows the response timeout of the routes it guards, as application.yml writes them. */
class BreakerConfigTest {

    private static final Duration LEAST = Duration.ofSeconds(30);

    @Test
    void aBreakerWaitsItsRoutesResponseTimeoutAndASecondMoreButNeverLessThanTheLeastLimit() {
        Map<String, Duration> limits = BreakerConfig.timeLimits(
                List.of(
                        // placeholders bind as text, literals as numbers
                        route("feedback-intake", "60000", "CircuitBreaker=feedback-intake"),
                        route("statistics", 10_000, "CircuitBreaker=statistics"),
                        route("statistics-stream", "-1", "CircuitBreaker=statistics-stream"),
                        // no timeout of its own: the http client's; no name: the route's id
                        route("models", null, "CircuitBreaker"),
                        route("openapi", "10000", "RewritePath=/a, /b")),
                Duration.ofSeconds(45),
                LEAST);

        assertThat(limits)
                .containsOnly(
                        Map.entry("feedback-intake", Duration.ofSeconds(61)),
                        Map.entry("statistics", LEAST),
                        Map.entry("models", Duration.ofSeconds(46)));
    }

    @Test
    void aBreakerSharedByRoutesWaitsForTheSlowestAndTheNameArgumentCounts() {
        RouteDefinition quick = route("quick", "2000", "CircuitBreaker=shared");
        RouteDefinition slow = route("slow", "90000", "CircuitBreaker");
        slow.getFilters().getFirst().addArg("name", "shared");

        assertThat(BreakerConfig.timeLimits(List.of(quick, slow), null, Duration.ofSeconds(1)))
                .containsOnly(Map.entry("shared", Duration.ofSeconds(91)));
    }

    private static RouteDefinition route(String id, Object responseTimeout, String filter) {
        RouteDefinition route = new RouteDefinition();
        route.setId(id);
        if (responseTimeout != null) {
            route.getMetadata().put("response-timeout", responseTimeout);
        }
        route.getFilters().add(new FilterDefinition(filter));
        return route;
    }
}
