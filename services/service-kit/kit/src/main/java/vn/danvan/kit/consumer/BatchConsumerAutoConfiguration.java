package vn.danvan.kit.consumer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.stream.binder.kafka.KafkaMessageChannelBinder;
import org.springframework.cloud.stream.config.ListenerContainerCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * Batch-mode bindings retry a failing batch until it goes through instead of skipping it ({@link BatchBindingsRetry},
 * docs/adr/0003). The binder takes one container customizer: a service that declares its own takes over, and should
 * call this one from it.
 */
@AutoConfiguration
@ConditionalOnClass(KafkaMessageChannelBinder.class)
@EnableConfigurationProperties(ConsumerProperties.class)
public class BatchConsumerAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(ListenerContainerCustomizer.class)
    BatchBindingsRetry danvanBatchBindingsRetry(ConsumerProperties properties, ObjectProvider<MeterRegistry> meters) {
        // the batch's wait is about time passing, never a domain clock a test moves
        return new BatchBindingsRetry(
                properties.batchRetry(), meters.getIfAvailable(SimpleMeterRegistry::new), Clock.systemUTC());
    }
}
