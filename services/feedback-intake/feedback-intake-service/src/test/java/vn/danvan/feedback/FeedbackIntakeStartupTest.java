package vn.danvan.feedback;

import static org.assertj.core.api.Assertions.assertThat;

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
    }
}
