package vn.danvan.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import vn.danvan.kit.test.MalformedRequests;
import vn.danvan.kit.test.identity.TestIdentityProvider;
import vn.danvan.statistics.dashboard.DashboardIntegrationTest;

/**
 * Every operation of the service's OpenAPI document, sent what a broken or hostile client sends (query values that
 * are no periods, units or choices, bad percent-escapes, control characters in headers, bodies and content types
 * where none belong): each answer is a success or a problem, never a 500 or an HTML page.
 */
@DashboardIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class MalformedRequestsTest {

    @LocalServerPort
    int port;

    @Test
    void everyOperationAnswersBadInputWithAProblem(CapturedOutput output) {
        MalformedRequests.Sweep sweep = new MalformedRequests(port)
                .as(null, TestIdentityProvider.shared().token("officer-01", "01", "PROVINCE_OFFICER"))
                .pathValue("/api/v1/units", "code", "01")
                .queryValue("unit", "01")
                .queryValue("period", "2026")
                .queryValue("compare", "previous")
                .queryValue("by", "kind")
                .queryValue("step", "month")
                .queryValue("activity", "feedback")
                .queryValue("format", "csv")
                .queryValue("lang", "en")
                .run();

        assertThat(sweep.findings())
                .as("answers that are no success and no problem")
                .isEmpty();
        assertThat(sweep.requests()).isGreaterThan(300);
        // the valid requests were answered: the sweep reached the code behind the checks
        assertThat(sweep.acceptedBy("GET /api/v1/statistics/summary")).isPositive();
        assertThat(sweep.acceptedBy("GET /api/v1/statistics/breakdown")).isPositive();
        assertThat(sweep.acceptedBy("GET /api/v1/statistics/stream")).isPositive();
        assertThat(output.getOut()).doesNotContain("failed: 500");
    }
}
