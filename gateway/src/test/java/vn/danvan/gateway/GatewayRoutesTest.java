package vn.danvan.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.web.client.RestClient;

/**
 * Each path reaches the service that owns it. Four stub services on loopback answer with their own name, so a
 * route pointing at the wrong service (or a route under a property key the gateway ignores) fails. Public paths
 * go without a token, the others with one.
 */
class GatewayRoutesTest extends GatewayTestBase {

    @ParameterizedTest
    @CsvSource({
        "/api/v1/models/abc, model-registry, token",
        "/api/v1/dialogues, dialogue-scheduler, token",
        "/api/v1/dialogues/calendar/upcoming, dialogue-scheduler, token",
        "/api/v1/feedback/track/ABCD-1234, feedback-intake, anonymous",
        "/api/v1/feedback/f1, feedback-intake, token",
        "/api/v1/consultations/c1/summary, feedback-intake, anonymous",
        "/api/v1/statistics/summary, statistics, anonymous",
        "/api/v1/statistics/rebuilds, statistics, token",
        "/api/v1/units/01, statistics, anonymous",
        "/dashboard/, statistics, anonymous",
        // what the dashboard page loads, with and without the trailing slash
        "/dashboard, statistics, anonymous",
        "/dashboard/dashboard.js, statistics, anonymous",
        "/dashboard/webjars/chart.js/dist/chart.umd.js, statistics, anonymous",
        "/api/v1/units, statistics, anonymous",
        "/api/v1/units/48/children, statistics, anonymous",
        "/api/v1/statistics/stream, statistics, anonymous"
    })
    void eachPathReachesTheServiceThatOwnsIt(String path, String service, String caller) {
        String answer = RestClient.create(gateway())
                .get()
                .uri(path)
                .headers(headers -> {
                    if (caller.equals("token")) {
                        headers.setBearerAuth(officerToken());
                    }
                })
                .retrieve()
                .body(String.class);
        assertThat(answer).isEqualTo(service + " " + path);
    }
}
