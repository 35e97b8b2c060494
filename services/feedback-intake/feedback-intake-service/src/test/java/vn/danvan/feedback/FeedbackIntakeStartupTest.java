package vn.danvan.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
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
}
