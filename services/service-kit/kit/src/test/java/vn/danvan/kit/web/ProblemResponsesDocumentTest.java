package vn.danvan.kit.web;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.danvan.kit.test.OpenApiDocuments.PROBLEM;
import static vn.danvan.kit.test.OpenApiDocuments.names;
import static vn.danvan.kit.test.OpenApiDocuments.problemSchemaOf;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vn.danvan.kit.testapp.KitWebTestSupport;

/**
 * The test service's OpenAPI document: each operation lists the problem answers it can give, with the one problem
 * schema, derived from what the operation is (public or not, path variables, body, Idempotency-Key).
 */
class ProblemResponsesDocumentTest extends KitWebTestSupport {

    private JsonNode document;

    @BeforeEach
    void fetch() {
        document = json(get("/v3/api-docs"));
    }

    @Test
    void theProblemSchemaHasTheMembersOfDocsErrors() {
        JsonNode problem = document.path("components").path("schemas").path("Problem");
        assertThat(names(problem.path("properties")))
                .contains(
                        "type",
                        "title",
                        "status",
                        "detail",
                        "instance",
                        "traceId",
                        "errors",
                        "field",
                        "in",
                        "allowed",
                        "code",
                        "currentState",
                        "action",
                        "maxBytes");
        assertThat(problem.path("properties").path("status").path("type").asString())
                .isEqualTo("integer");
        assertThat(problem.path("properties")
                        .path("errors")
                        .path("items")
                        .path("$ref")
                        .asString())
                .isEqualTo("#/components/schemas/ProblemError");
        JsonNode error = document.path("components").path("schemas").path("ProblemError");
        assertThat(names(error.path("properties"))).containsExactly("field", "in", "message");
    }

    @Test
    void aSecuredReadUnderAPathVariable() {
        JsonNode responses = responses("/test/units/{unit}/secret", "get");

        assertThat(names(responses)).containsExactly("200", "400", "401", "403", "404", "429", "503");
        for (String status : List.of("400", "401", "403", "404", "429", "503")) {
            assertThat(problemSchemaOf(responses.path(status))).as(status).isEqualTo(PROBLEM);
            assertThat(responses.path(status).path("description").asString())
                    .as(status)
                    .isNotBlank();
        }
        assertThat(responses.path("401").path("headers").has("WWW-Authenticate"))
                .isTrue();
        assertThat(responses.path("429").path("headers").has("Retry-After")).isTrue();
        assertThat(responses.path("503").path("headers").has("Retry-After")).isTrue();
    }

    @Test
    void aPublicOperationAsksForNoToken() {
        assertThat(names(responses("/test/notices/{id}", "get")))
                .contains("404")
                .doesNotContain("401", "403");
        assertThat(names(responses("/test/dialogues/{id}", "get"))).doesNotContain("401", "403");
    }

    @Test
    void anActionOnAnExistingResourceMayConflictWithItsState() {
        JsonNode responses = responses("/test/dialogues/{id}/recognise", "post");

        assertThat(names(responses)).contains("404", "409").doesNotContain("413", "415", "422");
        assertThat(problemSchemaOf(responses.path("409"))).isEqualTo(PROBLEM);
        assertThat(responses.path("409").path("description").asString()).contains("illegal-transition");
    }

    @Test
    void aCreateWithABodyMayBeTooLargeOfTheWrongTypeOrBreakARule() {
        JsonNode responses = responses("/test/dialogues", "post");

        assertThat(names(responses)).contains("201", "400", "413", "415", "422").doesNotContain("404", "409");
        assertThat(responses.path("400").path("description").asString()).contains("malformed-body");
        // a create with an Idempotency-Key may conflict with the first request of that key
        assertThat(names(responses("/test/dialogues/registrations", "post"))).contains("409");
    }

    @Test
    void anOperationWithNothingToGetWrongHasNo400() {
        assertThat(names(responses("/test/dialogues/boom", "get"))).doesNotContain("400", "404");
    }

    @Test
    void aResponseTheOperationDocumentsItselfKeepsItsDescriptionAndGetsTheProblemBody() {
        JsonNode conflict = responses("/test/dialogues/closed", "post").path("409");

        assertThat(conflict.path("description").asString()).contains("test.already-closed");
        assertThat(problemSchemaOf(conflict)).isEqualTo(PROBLEM);
    }

    @Test
    void anErrorTheOperationDocumentsNextToItsReturnTypeIsAProblemNotTheResource() {
        JsonNode responses = responses("/test/dialogues/{id}", "get");

        assertThat(responses.path("404").path("description").asString()).isEqualTo("`not-found`: no such dialogue");
        assertThat(names(responses.path("404").path("content"))).containsExactly("application/problem+json");
        assertThat(problemSchemaOf(responses.path("404"))).isEqualTo(PROBLEM);
        assertThat(names(responses.path("200").path("content"))).containsExactly("application/json");
    }

    @Test
    void successBodiesAreJsonNotAnyMediaType() {
        assertThat(names(responses("/test/dialogues/{id}", "get").path("200").path("content")))
                .containsExactly("application/json");
    }

    @Test
    void aChoiceParameterKeepsItsDefaultAndAStreamIsNoEmitterObject() {
        JsonNode order = document.path("paths")
                .path("/test/dialogues/sorted")
                .path("get")
                .path("parameters")
                .path(0)
                .path("schema");
        assertThat(order.path("enum").toString()).isEqualTo("[\"asc\",\"desc\"]");
        assertThat(order.path("default").asString()).isEqualTo("asc");

        assertThat(document.path("components").path("schemas").has("SseEmitter"))
                .isFalse();
    }

    private JsonNode responses(String path, String method) {
        JsonNode operation = document.path("paths").path(path).path(method);
        assertThat(operation.isMissingNode()).as(method + " " + path).isFalse();
        return operation.path("responses");
    }
}
