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
import vn.danvan.kit.outboxapp.OutboxTestApplication;
import vn.danvan.kit.test.DanvanIntegrationTest;
import vn.danvan.kit.test.TestBackends;

/**
 * A service's own stream keeps its events for ever: statistics rebuilds its figures by replaying the stream from
 * the beginning, and with the broker's default of 7 days a rebuild would lose everything older. A topic made before
 * (by the broker's defaults when a consumer came first, or by an earlier version) is corrected at start-up.
 */
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

    // before the service starts: the topic exists already, with a retention of 7 days, as the broker's default makes
    static {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 6, (short) 1)
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
    void aStreamOfNotificationsCanHaveARetention() {
        NewTopic topic = new EventsAutoConfiguration()
                .ownStream(new EventsProperties(
                        "danvan.statistics.v1", "/danvan/statistics", 6, (short) 1, Duration.ofDays(7)));
        assertThat(topic.configs()).containsEntry(TopicConfig.RETENTION_MS_CONFIG, SEVEN_DAYS_MS);
        NewTopic domainStream = new EventsAutoConfiguration()
                .ownStream(new EventsProperties("danvan.feedback.v1", "/danvan/feedback-intake", null, null, null));
        assertThat(domainStream.configs()).containsEntry(TopicConfig.RETENTION_MS_CONFIG, "-1");
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
