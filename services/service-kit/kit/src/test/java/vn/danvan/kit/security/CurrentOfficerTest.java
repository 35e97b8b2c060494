package vn.danvan.kit.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import vn.danvan.kit.testapp.KitWebTestSupport;

/** The caller and their unit scope, as a feature sees them; 401, 403 and 404 as a client sees them. */
class CurrentOfficerTest extends KitWebTestSupport {

    // 46 = Thành phố Huế; 19753 = Phường Phú Xuân in it; 01 = Hà Nội
    @Test
    void anInspectorReachesUnitsWithinTheirScope() {
        HttpResponse<String> own = get("46", "INSPECTOR", "/test/units/46/secret");
        HttpResponse<String> child = get("46", "inspector,province_officer", "/test/units/19753/secret");

        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(child.statusCode()).isEqualTo(200);
        assertThat(child.body()).isEqualTo("secret of 19753 for officer-7");
    }

    @Test
    void anotherProvincesUnitAnswersNotFoundSoItsExistenceDoesNotLeak() {
        HttpResponse<String> response = get("46", "INSPECTOR", "/test/units/01/secret");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).get("type").asString()).isEqualTo("urn:danvan:problem:not-found");
    }

    @Test
    void withoutACallerTheAnswerIs401AndWithoutTheRole403() {
        HttpResponse<String> anonymous =
                send(request("/test/units/46/secret").GET().build());
        HttpResponse<String> officer = get("46", "COMMUNE_OFFICER", "/test/units/46/secret");
        HttpResponse<String> unknownRole = get("46", "SUPERUSER", "/test/units/46/secret");

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(json(anonymous).get("type").asString()).isEqualTo("urn:danvan:problem:unauthenticated");
        assertThat(officer.statusCode()).isEqualTo(403);
        assertThat(json(officer).get("type").asString()).isEqualTo("urn:danvan:problem:forbidden");
        assertThat(json(officer).get("title").asString()).isEqualTo("Không có quyền");
        assertThat(unknownRole.statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> get(String unit, String roles, String path) {
        return send(request(path)
                .header("X-Danvan-Officer", "officer-7")
                .header("X-Danvan-Unit", unit)
                .header("X-Danvan-Roles", roles)
                .GET()
                .build());
    }
}
