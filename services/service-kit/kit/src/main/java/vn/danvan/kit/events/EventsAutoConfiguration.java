package vn.danvan.kit.events;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;
import tools.jackson.databind.json.JsonMapper;

/** CloudEvents envelope and the service's own topic, created with its configured partition count. */
@AutoConfiguration(after = JacksonAutoConfiguration.class)
@EnableConfigurationProperties(EventsProperties.class)
public class EventsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    EventSerializer eventSerializer(JsonMapper json) {
        return new EventSerializer(json);
    }

    /**
     * Created by Boot's KafkaAdmin at start-up, with its retention (for ever unless configured); a topic that exists
     * with other settings (made by the broker's defaults, or before the retention was set) gets them at start-up too
     * ({@code spring.kafka.admin.modify-topic-configs}, a kit default). If the broker is down then, the relay's
     * publish creates the topic later with the broker's defaults, and the next start-up corrects it.
     */
    @Bean
    @ConditionalOnProperty("danvan.events.topic")
    NewTopic ownStream(EventsProperties properties) {
        return TopicBuilder.name(properties.topic())
                .partitions(properties.partitions())
                .replicas(properties.replicationFactor())
                .config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(properties.retentionMs()))
                // the broker's default is unbounded already; said here so that a broker configured otherwise cannot
                // cut a domain stream's history by size
                .config(TopicConfig.RETENTION_BYTES_CONFIG, "-1")
                .build();
    }
}
