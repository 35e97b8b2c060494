package vn.danvan.kit.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.context.ApplicationContext;
import vn.danvan.kit.testapp.KitWebTestSupport;

/** What an operator gets from any service on the kit without configuring anything. */
class ObservabilityDefaultsTest extends KitWebTestSupport {

    @Autowired
    private HealthEndpointGroups healthGroups;

    @Autowired
    private ApplicationContext context;

    @Test
    void prometheusEndpointServesJvmMetricsTaggedWithTheService() {
        HttpResponse<String> response = get("/actuator/prometheus");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("jvm_memory_used_bytes")
                .contains("jvm_threads_live_threads")
                .contains("application=\"kit-test\"");
    }

    @Test
    void livenessAndReadinessProbesAnswerUp() {
        HttpResponse<String> liveness = get("/actuator/health/liveness");
        HttpResponse<String> readiness = get("/actuator/health/readiness");

        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(json(liveness).get("status").asString()).isEqualTo("UP");
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(json(readiness).get("status").asString()).isEqualTo("UP");
    }

    @Test
    void readinessDependsOnMongoDbButLivenessDoesNot() {
        assertThat(healthGroups.get("readiness").isMember("mongo")).isTrue();
        assertThat(healthGroups.get("readiness").isMember("readinessState")).isTrue();
        assertThat(healthGroups.get("liveness").isMember("mongo")).isFalse();
    }

    @Test
    void anonymousCallersSeeNoHealthDetails() {
        HttpResponse<String> health = get("/actuator/health");

        assertThat(json(health).has("components")).isFalse();
        assertThat(json(health).has("details")).isFalse();
        assertThat(health.body()).doesNotContain("mongo").doesNotContain("diskSpace");
    }

    @Test
    void onlyHealthInfoAndPrometheusAreExposed() {
        // signed in, so the answer is about exposure, not about the missing token
        assertThat(get("/actuator/env", signedIn()).statusCode()).isEqualTo(404);
        assertThat(get("/actuator/beans", signedIn()).statusCode()).isEqualTo(404);
        assertThat(get("/actuator/env").statusCode()).isEqualTo(401);
        assertThat(get("/actuator/info").statusCode()).isEqualTo(200);
    }

    @Test
    void spansAreNotShippedAnywhere() {
        // Brave hands finished spans to SpanHandlers; a reporter would be one of them.
        assertThat(context.getBeansOfType(brave.handler.SpanHandler.class).values())
                .allSatisfy(handler -> assertThat(handler.getClass().getName())
                        .doesNotContainIgnoringCase("zipkin")
                        .doesNotContainIgnoringCase("reporter")
                        .doesNotContainIgnoringCase("otlp"));
        assertThat(context.getBeanNamesForType(brave.Tracing.class)).hasSize(1);
    }

    @Test
    void requestsRunOnVirtualThreads() {
        assertThat(json(get("/test/dialogues/thread")).get("virtual").asBoolean())
                .isTrue();
    }
}
