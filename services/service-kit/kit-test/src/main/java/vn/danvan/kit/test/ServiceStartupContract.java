package vn.danvan.kit.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import vn.danvan.kit.test.identity.TestIdentityProvider;

/**
 * What every service must do from its first day, checked the same way for each: start against a real broker and its
 * own database, create its own stream with the configured partitions, report liveness and readiness, expose its
 * metrics, and answer unknown paths with a problem response. A service's test extends this with its expectations.
 */
@DanvanIntegrationTest
public abstract class ServiceStartupContract {

    private final String topic;
    private final String database;

    @LocalServerPort
    private int port;

    @Autowired
    private MongoTemplate mongo;

    protected ServiceStartupContract(String topic, String database) {
        this.topic = topic;
        this.database = database;
    }

    @Test
    void usesItsOwnDatabase() {
        assertThat(mongo.getDb().getName()).isEqualTo(database);
    }

    @Test
    void createsItsOwnStreamWithSixPartitions() throws Exception {
        try (AdminClient admin = AdminClient.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestBackends.get().kafkaBootstrapServers()))) {
            TopicDescription description =
                    admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            assertThat(description.partitions()).hasSize(6);
        }
    }

    @Test
    void reportsLivenessAndReadiness() {
        for (String probe : List.of("liveness", "readiness")) {
            String body =
                    http().get().uri("/actuator/health/" + probe).retrieve().body(String.class);
            assertThat(body).as(probe).contains("\"status\":\"UP\"");
        }
    }

    @Test
    void exposesPrometheusMetricsIncludingTheOutboxBacklog() {
        String metrics = http().get().uri("/actuator/prometheus").retrieve().body(String.class);
        assertThat(metrics).contains("jvm_memory_used_bytes").contains("danvan_outbox_backlog");
    }

    @Test
    void servesItsOpenApiDocument() {
        String document = http().get().uri("/v3/api-docs").retrieve().body(String.class);
        assertThat(document).contains("\"openapi\":\"3.");
        // relative, so the gateway's Swagger UI calls through the gateway
        assertThat(document).contains("\"servers\":[{\"url\":\"/\"");
    }

    /** The service's OpenAPI document, for a service's own assertions on its API. */
    protected String openApiDocument() {
        return http().get().uri("/v3/api-docs").retrieve().body(String.class);
    }

    @Test
    void answersAnUnknownPathWithAProblemResponse() {
        var response = http().get()
                .uri("/api/v1/khong-ton-tai")
                // signed in: anonymous callers get 401 on any path that is not public, existing or not
                .header(
                        "Authorization",
                        "Bearer " + TestIdentityProvider.shared().token("officer-1", "01", "PROVINCE_OFFICER"))
                .exchange((request, answer) ->
                        Map.entry(answer.getStatusCode(), answer.getHeaders().getContentType()));
        assertThat(response.getKey()).isEqualTo(HttpStatusCode.valueOf(404));
        assertThat(response.getValue()).isNotNull();
        assertThat(response.getValue().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .isTrue();
    }

    @Test
    void refusesAnAnonymousCallerOutsideItsPublicEndpointsWith401Problem() {
        var response = http().get()
                .uri("/api/v1/khong-ton-tai")
                .exchange((request, answer) -> Map.entry(
                        answer.getStatusCode(),
                        String.valueOf(answer.getHeaders().getFirst("WWW-Authenticate"))));
        assertThat(response.getKey()).isEqualTo(HttpStatusCode.valueOf(401));
        assertThat(response.getValue()).isEqualTo("Bearer");
    }

    private RestClient http() {
        return RestClient.create("http://127.0.0.1:" + port);
    }
}
