package vn.danvan.statistics.units;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import vn.danvan.statistics.dashboard.DashboardIntegrationTest;

/** The unit tree the dashboard's pickers read, over HTTP, with a deployment-defined agency. */
@DashboardIntegrationTest
class UnitsApiTest {

    private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST =
            new ParameterizedTypeReference<>() {};

    @LocalServerPort
    int port;

    @Test
    void listsTheThirtyFourProvincesInCodeOrder() {
        List<Map<String, Object>> provinces =
                http().get().uri("/api/v1/units").retrieve().body(LIST);

        assertThat(provinces).hasSize(34);
        assertThat(provinces.getFirst())
                .containsEntry("code", "01")
                .containsEntry("name", "Thành phố Hà Nội")
                .containsEntry("level", "PROVINCE")
                .containsEntry("parentCode", null);
        assertThat(provinces).extracting(p -> p.get("level")).containsOnly("PROVINCE");
        assertThat(provinces).extracting(p -> (String) p.get("code")).isSorted();
        assertThat(provinces)
                .anySatisfy(p -> assertThat(p).containsEntry("code", "48").containsEntry("name", "Thành phố Đà Nẵng"));
    }

    @Test
    void showsOneUnitWithItsLevelAndParent() {
        Map<String, Object> commune =
                http().get().uri("/api/v1/units/{code}", "20194").retrieve().body(Map.class);

        assertThat(commune)
                .containsEntry("code", "20194")
                .containsEntry("name", "Phường Hải Vân")
                .containsEntry("level", "COMMUNE")
                .containsEntry("parentCode", "48");
    }

    @Test
    void listsAProvincesCommunesThenItsDeploymentDefinedAgencies() {
        List<Map<String, Object>> children =
                http().get().uri("/api/v1/units/48/children").retrieve().body(LIST);

        // Đà Nẵng after the 2025 merger: 94 communes, wards and special zones, plus the configured agency
        assertThat(children).hasSize(95);
        assertThat(children).extracting(c -> c.get("parentCode")).containsOnly("48");
        assertThat(children.subList(0, 94)).extracting(c -> c.get("level")).containsOnly("COMMUNE");
        assertThat(children.getLast())
                .containsEntry("code", "BDV-48")
                .containsEntry("name", "Ban Dân vận Thành ủy Đà Nẵng")
                .containsEntry("level", "AGENCY");
        assertThat(http().get().uri("/api/v1/units/BDV-48").retrieve().body(Map.class))
                .containsEntry("level", "AGENCY")
                .containsEntry("parentCode", "48");
    }

    @Test
    void aCommuneHasNoChildren() {
        assertThat(http().get().uri("/api/v1/units/20194/children").retrieve().body(LIST))
                .isEmpty();
    }

    @Test
    void anUnknownOrOldCodeIsTheKitsNotFoundProblem() {
        // 99 is no province; 20195 was a commune until 2025, merged into 20194: an old code, not a current unit
        for (String path : List.of(
                "/api/v1/units/99", "/api/v1/units/99/children", "/api/v1/units/20195", "/api/v1/units/khong-co")) {
            var answer = http().get()
                    .uri(path)
                    .exchange((request, response) ->
                            Map.entry(response.getStatusCode().value(), response.bodyTo(JsonNode.class)));
            assertThat(answer.getKey()).as(path).isEqualTo(404);
            assertThat(answer.getValue().path("type").asString()).as(path).isEqualTo("urn:danvan:problem:not-found");
            assertThat(answer.getValue().path("status").asInt()).isEqualTo(404);
            // the path parameter that named no unit, as the platform's problems name their field
            assertThat(answer.getValue().path("field").asString()).as(path).isEqualTo("code");
            assertThat(answer.getValue().path("detail").asString())
                    .as(path)
                    .startsWith("Tham số “code” không phải mã của một đơn vị hiện hành");
        }
        String english = http().get()
                .uri("/api/v1/units/99")
                .header("Accept-Language", "en-US,en;q=0.9")
                .exchange((request, response) -> response.bodyTo(JsonNode.class))
                .path("detail")
                .asString();
        assertThat(english).startsWith("Parameter “code” is not the code of a current unit");
        var contentType = http().get().uri("/api/v1/units/99").exchange((request, response) -> response.getHeaders()
                .getContentType());
        assertThat(contentType.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .isTrue();
    }

    @Test
    void theOpenApiDocumentDescribesTheThreeEndpoints() {
        String document = http().get().uri("/v3/api-docs").retrieve().body(String.class);

        assertThat(document)
                .contains("\"/api/v1/units\"")
                .contains("\"/api/v1/units/{code}\"")
                .contains("\"/api/v1/units/{code}/children\"");
    }

    private RestClient http() {
        return RestClient.create("http://127.0.0.1:" + port);
    }
}
