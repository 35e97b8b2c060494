package vn.danvan.kit.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import vn.danvan.kit.outboxapp.OutboxTestApplication;
import vn.danvan.kit.test.DanvanIntegrationTest;
import vn.danvan.kit.test.TestBackends;

/**
 * A service's own stream keeps its events for ever: statistics rebuilds its figures by replaying the stream from
 * the beginning, and with the broker's default of 7 days a rebuild would lose everything older. A topic made before
 * (by the broker's defaults when a consumer came first, or by an earlier version) is corrected at start-up, but keeps
 * its partitions: adding some would move aggregates' keys, and their events could be consumed out of order.
 */
@ExtendWith(OutputCaptureExtension.class)
@DanvanIntegrationTest(
        classes = OutboxTestApplication.class,
        properties = {
            "spring.config.name=kit-test",
            "danvan.test.database=kit_retention",
            "danvan.events.topic=" + OwnStreamRetentionIntegrationTest.TOPIC
        })
class OwnStreamRetentionIntegrationTest {

    static final String TOPIC = "danvan.retention-test.v1";

    private static final String SEVEN_DAYS_MS = Long.toString(Duration.ofDays(7).toMillis());

    // before the service starts (configured with the kit's 6 partitions): the topic exists already, with 2 partitions
    // and a retention of 7 days, as the broker's defaults make
    static {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1)
                            .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, SEVEN_DAYS_MS))))
                    .all()
                    .get(30, TimeUnit.SECONDS);
            assertThat(retentionOf(admin, TOPIC)).isEqualTo(SEVEN_DAYS_MS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theServicesOwnStreamIsKeptForEverOnceTheServiceHasStarted() throws Exception {
        try (Admin admin = admin()) {
            assertThat(retentionOf(admin, TOPIC)).isEqualTo("-1");
        }
    }

    @Test
    void anExistingTopicKeepsItsPartitionsAndTheServiceSaysWhy(CapturedOutput output) throws Exception {
        try (Admin admin = admin()) {
            assertThat(partitionsOf(admin, TOPIC)).isEqualTo(2);
        }
        assertThat(output.getAll())
                .containsOnlyOnce("Topic " + TOPIC + " has 2 partitions, not the 6 configured")
                .contains("out of order");
    }

    @Test
    void aMissingTopicIsCreatedWithTheConfiguredPartitionsAndRetention() throws Exception {
        String topic = "danvan.created-test.v1";
        try (Admin admin = admin()) {
            new OwnStreamTopic(
                            new EventsProperties(topic, "/danvan/kit-test", 3, (short) 1, Duration.ofDays(7)),
                            Map.of(),
                            Duration.ofSeconds(30),
                            Duration.ofSeconds(5))
                    .prepare(admin);

            assertThat(partitionsOf(admin, topic)).isEqualTo(3);
            assertThat(retentionOf(admin, topic)).isEqualTo(SEVEN_DAYS_MS);
        }
    }

    @Test
    void aStreamOfNotificationsCanHaveARetention() {
        NewTopic topic = OwnStreamTopic.newTopic(
                new EventsProperties("danvan.statistics.v1", "/danvan/statistics", 6, (short) 1, Duration.ofDays(7)));
        assertThat(topic.configs()).containsEntry(TopicConfig.RETENTION_MS_CONFIG, SEVEN_DAYS_MS);
        NewTopic domainStream = OwnStreamTopic.newTopic(
                new EventsProperties("danvan.feedback.v1", "/danvan/feedback-intake", null, null, null));
        assertThat(domainStream.configs()).containsEntry(TopicConfig.RETENTION_MS_CONFIG, "-1");
        assertThat(domainStream.numPartitions()).isEqualTo(6);
    }

    private static int partitionsOf(Admin admin, String topic) throws Exception {
        return admin.describeTopics(List.of(topic))
                .allTopicNames()
                .get(30, TimeUnit.SECONDS)
                .get(topic)
                .partitions()
                .size();
    }

    private static Admin admin() {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestBackends.get().kafkaBootstrapServers()));
    }

    private static String retentionOf(Admin admin, String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = admin.describeConfigs(List.of(resource))
                .all()
                .get(30, TimeUnit.SECONDS)
                .get(resource);
        return config.get(TopicConfig.RETENTION_MS_CONFIG).value();
    }
}
