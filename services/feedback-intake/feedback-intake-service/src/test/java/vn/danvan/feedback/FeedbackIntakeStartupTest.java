package vn.danvan.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.danvan.kit.test.OpenApiDocuments.PROBLEM;
import static vn.danvan.kit.test.OpenApiDocuments.names;
import static vn.danvan.kit.test.OpenApiDocuments.problemSchemaOf;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.danvan.kit.test.ServiceStartupContract;

class FeedbackIntakeStartupTest extends ServiceStartupContract {

    FeedbackIntakeStartupTest() {
        super("danvan.feedback.v1", "danvan_feedback");
    }

    @Test
    void itsOpenApiDocumentDescribesEveryEndpointOfTheIssue() {
        assertThat(openApiDocument())
                .contains("\"/api/v1/feedback\"")
                .contains("/api/v1/feedback/{id}/accept")
                .contains("/api/v1/feedback/{id}/extend")
                .contains("/api/v1/feedback/track/{trackingCode}")
                .contains("/api/v1/feedback/{id}/identity")
                .contains("/api/v1/feedback/imports")
                .contains("/api/v1/consultations/{id}/summary");
    }

    @Test
    void itsOpenApiDocumentGivesTheStatusesAndQueryParametersTheServiceAnswersWith() {
        JsonNode paths = JsonMapper.shared().readTree(openApiDocument()).path("paths");
        // created answers are documented as such, with their body
        for (String path : List.of("/api/v1/feedback", "/api/v1/consultations", "/api/v1/feedback/imports")) {
            assertThat(paths.path(path).path("post").path("responses").has("201"))
                    .as(path)
                    .isTrue();
            assertThat(paths.path(path)
                            .path("post")
                            .path("responses")
                            .path("201")
                            .path("content")
                            .isEmpty())
                    .as(path)
                    .isFalse();
        }
        assertThat(paths.path("/api/v1/feedback/imports")
                        .path("post")
                        .path("responses")
                        .has("202"))
                .isTrue();
        // the list's filters are query parameters of their own, not one object
        List<String> parameters = paths.path("/api/v1/feedback")
                .path("get")
                .path("parameters")
                .valueStream()
                .map(p -> p.path("name").asString())
                .toList();
        assertThat(parameters)
                .contains("unit", "kind", "status", "category", "overdue", "cursor")
                .doesNotContain("filter");
        // officers read what the free-text filter searches
        assertThat(paths.path("/api/v1/feedback")
                        .path("get")
                        .path("parameters")
                        .valueStream()
                        .filter(p -> "text".equals(p.path("name").asString()))
                        .map(p -> p.path("description").asString())
                        .findFirst())
                .hasValueSatisfying(d -> assertThat(d).contains("subject or the content"));
    }

    @Test
    void itsOpenApiDocumentListsTheProblemAnswersWithTheCodesOfTheService() {
        JsonNode paths = JsonMapper.shared().readTree(openApiDocument()).path("paths");

        // a lifecycle action: its own answer, then every problem it can give, with the states it is allowed in
        JsonNode accept =
                paths.path("/api/v1/feedback/{id}/accept").path("post").path("responses");
        assertThat(accept.path("200")
                        .path("content")
                        .path("application/json")
                        .path("schema")
                        .path("$ref")
                        .asString())
                .endsWith("/OfficerView");
        assertThat(names(accept)).containsExactly("200", "400", "401", "403", "404", "409", "429", "503");
        assertThat(problemSchemaOf(accept.path("409"))).isEqualTo(PROBLEM);
        assertThat(accept.path("409").path("description").asString())
                .contains("illegal-transition", "RECEIVED", "TRANSFERRED");
        assertThat(problemSchemaOf(accept.path("404"))).isEqualTo(PROBLEM);

        // public: anyone may track, so no token is asked for
        JsonNode track =
                paths.path("/api/v1/feedback/track/{trackingCode}").path("get").path("responses");
        assertThat(names(track)).contains("200", "400", "404").doesNotContain("401", "403");
        assertThat(paths.path("/api/v1/feedback/track/{trackingCode}")
                        .path("get")
                        .path("description")
                        .asString())
                .contains("mistyped", "400", "404");

        JsonNode submit = paths.path("/api/v1/feedback").path("post").path("responses");
        assertThat(names(submit))
                .contains("201", "400", "409", "413", "415", "422")
                .doesNotContain("401");
        assertThat(submit.path("409").path("description").asString()).contains("feedback.idempotency-key.reused");
        assertThat(submit.path("422").path("description").asString())
                .contains("feedback.complaint.contact-required", "feedback.channel.officers-only");

        JsonNode open = paths.path("/api/v1/consultations").path("post").path("responses");
        assertThat(open.path("422").path("description").asString()).contains("consultation.closes-in-past");
        JsonNode comment =
                paths.path("/api/v1/consultations/{id}/comments").path("post").path("responses");
        assertThat(comment.path("201").path("content").isEmpty()).isFalse();
        assertThat(comment.path("409").path("description").asString())
                .contains("consultation.closed", "consultation.idempotency-key.reused");
        assertThat(comment.path("422").path("description").asString())
                .contains("consultation.unknown-article", "consultation.commune-not-consulted");
        assertThat(problemSchemaOf(comment.path("422"))).isEqualTo(PROBLEM);

        JsonNode upload = paths.path("/api/v1/feedback/imports").path("post").path("responses");
        assertThat(upload.path("422").path("description").asString()).contains("feedback.import.unsupported-file");
        assertThat(upload.path("413").path("description").asString()).contains("payload-too-large");
    }
}
