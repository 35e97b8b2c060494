package vn.danvan.kit.consumer;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.support.KafkaHeaderMapper;
import vn.danvan.kit.outbox.OutboxAutoConfiguration;

/** Idempotent event consumption backed by the service's own database. */
@AutoConfiguration(after = {DataMongoAutoConfiguration.class, OutboxAutoConfiguration.class})
@ConditionalOnBean(MongoTemplate.class)
@EnableConfigurationProperties(ConsumerProperties.class)
public class ConsumerAutoConfiguration {

    public static final String HEADER_MAPPER = "danvanKafkaHeaderMapper";

    @Bean
    @ConditionalOnMissingBean
    ProcessedEventLog processedEventLog(MongoTemplate mongo, java.util.Optional<Clock> clock) {
        return new ProcessedEventLog(mongo, clock.orElseGet(Clock::systemUTC));
    }

    @Bean
    ProcessedEventLogCleaner processedEventLogCleaner(ProcessedEventLog processed, ConsumerProperties properties) {
        return new ProcessedEventLogCleaner(processed, properties);
    }

    /** The binder's header mapper (named in the kit defaults), so that consumers see the event id. */
    @Bean(HEADER_MAPPER)
    @ConditionalOnMissingBean(name = HEADER_MAPPER)
    KafkaHeaderMapper danvanKafkaHeaderMapper() {
        return new CloudEventHeaderMapper();
    }

    @Bean
    @ConditionalOnMissingBean
    IdempotentConsumers idempotentConsumers(ProcessedEventLog processed, MeterRegistry meters) {
        return new IdempotentConsumers(processed, meters);
    }
}
