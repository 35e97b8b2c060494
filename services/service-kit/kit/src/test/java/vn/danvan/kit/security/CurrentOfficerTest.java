package vn.danvan.kit.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import vn.danvan.kit.test.identity.TestIdentityProvider;
import vn.danvan.kit.test.identity.TestIdentityProvider.Forgery;
import vn.danvan.kit.testapp.KitWebTestSupport;

/** The caller and their unit scope, as a feature sees them; 401, 403 and 404 as a client sees them. */
class CurrentOfficerTest extends KitWebTestSupport {

    private static final TestIdentityProvider IDENTITY = TestIdentityProvider.shared();

    // 46 = Thành phố Huế; 19753 = Phường Phú Xuân in it; 01 = Hà Nội
    @Test
    void aPageThatIsPublicForGetIsPublicForHeadAndForNothingElse() {
        HttpResponse<String> head = send(request("/test/notices/1")
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(get("/test/notices/1").statusCode()).isEqualTo(200);
        assertThat(send(request("/test/notices/1").DELETE().build()).statusCode())
                .isEqualTo(401);
    }

    @Test
    void anInspectorReachesUnitsWithinTheirScope() {
        HttpResponse<String> own = get(IDENTITY.token("officer-7", "46", "INSPECTOR"), "/test/units/46/secret");
        HttpResponse<String> child =
                get(IDENTITY.token("officer-7", "46", "INSPECTOR", "PROVINCE_OFFICER"), "/test/units/19753/secret");

        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(child.statusCode()).isEqualTo(200);
        assertThat(child.body()).isEqualTo("secret of 19753 for officer-7");
    }

    @Test
    void anotherProvincesUnitAnswersNotFoundSoItsExistenceDoesNotLeak() {
        HttpResponse<String> response = get(IDENTITY.token("officer-7", "46", "INSPECTOR"), "/test/units/01/secret");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).get("type").asString()).isEqualTo("urn:danvan:problem:not-found");
    }

    @Test
    void withoutACallerTheAnswerIs401AndWithoutTheRole403() {
        HttpResponse<String> anonymous =
                send(request("/test/units/46/secret").GET().build());
        HttpResponse<String> officer =
                get(IDENTITY.token("officer-7", "46", "COMMUNE_OFFICER"), "/test/units/46/secret");
        // an identity provider's own roles (Keycloak's offline_access) grant nothing and break nothing
        HttpResponse<String> unknownRole =
                get(IDENTITY.token("officer-7", "46", "SUPERUSER", "offline_access"), "/test/units/46/secret");

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(json(anonymous).get("type").asString()).isEqualTo("urn:danvan:problem:unauthenticated");
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(officer.statusCode()).isEqualTo(403);
        assertThat(json(officer).get("type").asString()).isEqualTo("urn:danvan:problem:forbidden");
        assertThat(json(officer).get("title").asString()).isEqualTo("Không có quyền");
        assertThat(unknownRole.statusCode()).isEqualTo(403);
    }

    @ParameterizedTest
    @EnumSource(Forgery.class)
    void aFlawedTokenIsRefusedWith401EvenOnAPublicEndpoint(Forgery flaw) {
        String token = IDENTITY.forged(flaw);

        HttpResponse<String> secured = get(token, "/test/units/01/secret");
        HttpResponse<String> open = get(token, "/test/dialogues/thread");

        for (HttpResponse<String> response : java.util.List.of(secured, open)) {
            assertThat(response.statusCode()).as(flaw + " " + response.uri()).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(json(response).get("type").asString()).isEqualTo("urn:danvan:problem:unauthenticated");
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
            // why it was refused stays in the log
            assertThat(response.body()).doesNotContainIgnoringCase("expired").doesNotContainIgnoringCase("audience");
        }
    }

    @Test
    void aPublicEndpointAnswersAnonymousCallers() {
        HttpResponse<String> response =
                send(request("/test/dialogues/thread").GET().build());

        assertThat(response.statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(String token, String path) {
        return send(
                request(path).header("Authorization", "Bearer " + token).GET().build());
    }
}
