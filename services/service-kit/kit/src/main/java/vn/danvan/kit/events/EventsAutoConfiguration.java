package vn.danvan.kit.events;

import java.time.Duration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.json.JsonMapper;

/** CloudEvents envelope and the service's own topic, created with its configured partition count. */
@AutoConfiguration(after = {JacksonAutoConfiguration.class, KafkaAutoConfiguration.class})
@EnableConfigurationProperties(EventsProperties.class)
public class EventsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    EventSerializer eventSerializer(JsonMapper json) {
        return new EventSerializer(json);
    }

    /**
     * Creates the service's own stream at start-up with its configured partitions and retention, and restores the
     * retention of one that exists; never changes an existing topic's partition count ({@link OwnStreamTopic}). Not
     * with {@code spring.kafka.admin.auto-create=false}, which switches off Spring Kafka's own start-up topic work too.
     */
    @Bean
    @ConditionalOnProperty("danvan.events.topic")
    @ConditionalOnBooleanProperty(name = "spring.kafka.admin.auto-create", matchIfMissing = true)
    OwnStreamTopic ownStreamTopic(EventsProperties properties, KafkaProperties kafka) {
        Duration timeout = kafka.getAdmin().getOperationTimeout();
        Duration closeTimeout = kafka.getAdmin().getCloseTimeout();
        return new OwnStreamTopic(
                properties,
                kafka.buildAdminProperties(),
                timeout == null ? Duration.ofSeconds(30) : timeout,
                closeTimeout == null ? Duration.ofSeconds(5) : closeTimeout);
    }
}
