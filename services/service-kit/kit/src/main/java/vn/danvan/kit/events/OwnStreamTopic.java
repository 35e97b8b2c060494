package vn.danvan.kit.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.kafka.config.TopicBuilder;

/**
 * The service's own stream, made ready at start-up (before the bindings and the relay start). A missing topic is
 * created with the configured partitions, replicas and retention. An existing one keeps its partition count whatever
 * is configured: Spring Kafka's KafkaAdmin would add partitions to match, which moves aggregates' keys to other
 * partitions (an item's later events could then be consumed before its earlier ones) and cannot be undone. Its
 * retention settings are restored, as a topic made by the broker's defaults (7 days) or by an earlier version would
 * otherwise lose history. A broker that cannot be reached leaves everything to the next start-up.
 */
final class OwnStreamTopic implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(OwnStreamTopic.class);

    private final NewTopic wanted;
    private final Map<String, Object> adminConfig;
    private final Duration timeout;
    private final Duration closeTimeout;

    /**
     * @param timeout how long each step may wait for the broker
     * @param closeTimeout how long closing the admin client may wait for calls still running (a broker that is away)
     */
    OwnStreamTopic(
            EventsProperties properties, Map<String, Object> adminConfig, Duration timeout, Duration closeTimeout) {
        this.wanted = newTopic(properties);
        this.adminConfig = Map.copyOf(adminConfig);
        this.timeout = timeout;
        this.closeTimeout = closeTimeout;
    }

    /** What the service creates its topic with. */
    static NewTopic newTopic(EventsProperties properties) {
        return TopicBuilder.name(properties.topic())
                .partitions(properties.partitions())
                .replicas(properties.replicationFactor())
                .config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(properties.retentionMs()))
                // the broker's default is unbounded already; said here so that a broker configured otherwise cannot
                // cut a domain stream's history by size
                .config(TopicConfig.RETENTION_BYTES_CONFIG, "-1")
                .build();
    }

    @Override
    public void afterSingletonsInstantiated() {
        Admin admin = null;
        try {
            admin = Admin.create(adminConfig);
            prepare(admin);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // as KafkaAdmin did: a broker away at start-up must not keep the service down. The relay's first publish
            // then creates the topic with the broker's defaults, and the next start-up restores its retention
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            log.warn(
                    "Topic {} not checked at start-up, the broker could not be reached: {}",
                    wanted.name(),
                    cause.toString());
        } finally {
            if (admin != null) {
                // close() alone would wait for a call that timed out here to give up by itself (up to a minute)
                admin.close(closeTimeout);
            }
        }
    }

    void prepare(Admin admin) throws InterruptedException, ExecutionException, TimeoutException {
        TopicDescription existing = describe(admin);
        if (existing == null) {
            try {
                admin.createTopics(List.of(wanted)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                log.info("Created topic {} with {} partitions", wanted.name(), wanted.numPartitions());
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
                // another replica created it a moment ago
                existing = describe(admin);
                if (existing == null) {
                    return;
                }
            }
        }
        int partitions = existing.partitions().size();
        if (partitions != wanted.numPartitions()) {
            log.warn(
                    "Topic {} has {} partitions, not the {} configured (danvan.events.partitions): left as it is. The"
                            + " configured count applies only when the topic is created: adding partitions would move"
                            + " aggregates to other partitions, so an aggregate's events could be consumed out of"
                            + " order, and partitions cannot be removed",
                    wanted.name(),
                    partitions,
                    wanted.numPartitions());
        }
        restoreSettings(admin);
    }

    private TopicDescription describe(Admin admin) throws InterruptedException, ExecutionException, TimeoutException {
        try {
            return admin.describeTopics(List.of(wanted.name()))
                    .allTopicNames()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .get(wanted.name());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return null;
            }
            throw e;
        }
    }

    private void restoreSettings(Admin admin) throws InterruptedException, ExecutionException, TimeoutException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, wanted.name());
        Config actual = admin.describeConfigs(List.of(resource))
                .all()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .get(resource);
        List<AlterConfigOp> changes = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        wanted.configs().forEach((name, value) -> {
            ConfigEntry entry = actual.get(name);
            if (entry == null || !value.equals(entry.value())) {
                changes.add(new AlterConfigOp(new ConfigEntry(name, value), AlterConfigOp.OpType.SET));
                changed.add(name + "=" + value + " (was " + (entry == null ? "unset" : entry.value()) + ")");
            }
        });
        if (!changes.isEmpty()) {
            admin.incrementalAlterConfigs(Map.of(resource, changes))
                    .all()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            log.info("Topic {}: restored {}", wanted.name(), String.join(", ", changed));
        }
    }
}
