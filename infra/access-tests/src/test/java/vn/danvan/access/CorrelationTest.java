package vn.danvan.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import vn.danvan.kit.test.TopicRecords;

/**
 * One citizen's request, followed across the platform: the correlation id the gateway answers with is the one the
 * service's event carries on Kafka ({@code ce_correlationid}), beside the same trace ({@code traceparent}).
 */
class CorrelationTest {

    @Test
    void theCorrelationIdOfARequestThroughTheGatewayIsInTheEventItRaised() throws Exception {
        Platform platform = Platform.get();
        String correlationId = "yeu-cau-" + UUID.randomUUID();
        HttpResponse<String> receipt = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(platform.gateway() + "/api/v1/feedback"))
                                .header("Content-Type", "application/json")
                                .header("X-Correlation-Id", correlationId)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(
                                        Fixtures.submitReport().body()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(receipt.statusCode()).as(receipt.body()).isEqualTo(201);
        assertThat(receipt.headers().firstValue("X-Correlation-Id")).hasValue(correlationId);
        String id = JsonMapper.shared().readTree(receipt.body()).path("id").asString();

        List<ConsumerRecord<String, byte[]>> records = TopicRecords.readUntil(
                platform.backends.kafkaBootstrapServers(),
                "danvan.feedback.v1",
                Duration.ofSeconds(30),
                read -> read.stream().anyMatch(r -> id.equals(r.key())));
        ConsumerRecord<String, byte[]> received = records.stream()
                .filter(r -> id.equals(r.key()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no event for " + id));

        assertThat(TopicRecords.header(received, "ce_correlationid")).isEqualTo(correlationId);
        assertThat(TopicRecords.header(received, "traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
    }
}
