package vn.danvan.statistics.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import vn.danvan.kit.test.identity.TestIdentityProvider;

/** What the browser fetches to show the dashboard, over plain HTTP (the browser test drives the page itself). */
@DashboardIntegrationTest
class DashboardPageTest {

    @LocalServerPort
    int port;

    @Test
    void thePageAnswersWithAndWithoutTheTrailingSlashWithoutARedirect() {
        for (String path : List.of("/dashboard", "/dashboard/")) {
            var page = http().get()
                    .uri(path)
                    .exchange((request, response) -> Map.entry(
                            response.getStatusCode().value(),
                            Map.entry(response.getHeaders().getContentType(), response.bodyTo(String.class))));

            assertThat(page.getKey()).as(path).isEqualTo(200);
            assertThat(page.getValue().getKey().isCompatibleWith(MediaType.TEXT_HTML))
                    .as(path)
                    .isTrue();
            assertThat(page.getValue().getValue())
                    .as(path)
                    .contains("<html lang=\"vi\">")
                    .contains("Số liệu công tác dân vận")
                    .contains("/dashboard/webjars/chart.js/dist/chart.umd.js")
                    .contains("/dashboard/dashboard.js");
        }
    }

    @Test
    void chartJsComesFromItsWebJarWithoutAVersionInTheAddress() {
        String library = http().get()
                .uri("/dashboard/webjars/chart.js/dist/chart.umd.js")
                .retrieve()
                .body(String.class);

        assertThat(library).contains("Chart.js v4.");
    }

    @Test
    void thePagesScriptsAreServedAsJavaScript() {
        for (String module : List.of("dashboard.js", "i18n.js", "periods.js")) {
            MediaType type = http().get()
                    .uri("/dashboard/" + module)
                    .retrieve()
                    .toBodilessEntity()
                    .getHeaders()
                    .getContentType();
            assertThat(type).as(module).isNotNull();
            assertThat(type.getSubtype()).as(module).isEqualTo("javascript");
        }
    }

    @Test
    void thePageAndItsFilesComeWithAPolicyAllowingOnlyTheirOwnOriginAndTheIdentityProvider() {
        String provider = TestIdentityProvider.shared().issuer(); // http://127.0.0.1:<port>, another origin
        for (String path : List.of("/dashboard", "/dashboard/", "/dashboard/dashboard.js", "/dashboard/sign-in.json")) {
            List<String> policy = http().get()
                    .uri(path)
                    .retrieve()
                    .toBodilessEntity()
                    .getHeaders()
                    .get("Content-Security-Policy");

            assertThat(policy)
                    .as(path)
                    .containsExactly("default-src 'self'; connect-src 'self' " + provider
                            + "; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
        }
    }

    private RestClient http() {
        return RestClient.create("http://127.0.0.1:" + port);
    }
}
