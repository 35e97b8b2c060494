package vn.danvan.kit.events;

import org.apache.kafka.clients.admin.NewTopic;
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

    /** Created by Boot's KafkaAdmin at start-up; if the broker is down then, the relay's publish creates it later. */
    @Bean
    @ConditionalOnProperty("danvan.events.topic")
    NewTopic ownStream(EventsProperties properties) {
        return TopicBuilder.name(properties.topic())
                .partitions(properties.partitions())
                .replicas(properties.replicationFactor())
                .build();
    }
}
