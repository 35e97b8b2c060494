package vn.danvan.kit.consumer;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.binder.ExtendedConsumerProperties;
import org.springframework.cloud.stream.binder.kafka.KafkaListenerContainerCustomizer;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaConsumerProperties;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.util.StringUtils;

/**
 * Gives every batch-mode binding the kit's {@link BatchRetryErrorHandler}. The binder ignores {@code max-attempts} in
 * batch mode and leaves the container's default, which retried a batch ten times without a pause and then skipped
 * it, committing its offsets: a store away for a minute lost its events for good. Record bindings keep the binder's
 * retries and dead-letter topic (kit defaults), and a binding naming its own {@code common-error-handler-bean-name}
 * keeps that.
 */
final class BatchBindingsRetry implements KafkaListenerContainerCustomizer {

    private static final Logger log = LoggerFactory.getLogger(BatchBindingsRetry.class);

    private final ConsumerProperties.BatchRetry retry;
    private final MeterRegistry meters;
    private final Clock clock;

    BatchBindingsRetry(ConsumerProperties.BatchRetry retry, MeterRegistry meters, Clock clock) {
        this.retry = retry;
        this.meters = meters;
        this.clock = clock;
    }

    @Override
    public void configure(
            AbstractMessageListenerContainer<?, ?> container,
            String destinationName,
            String group,
            ExtendedConsumerProperties<KafkaConsumerProperties> properties) {
        if (!properties.isBatchMode()) {
            return;
        }
        KafkaConsumerProperties kafka = properties.getExtension();
        if (StringUtils.hasText(kafka.getCommonErrorHandlerBeanName())) {
            return;
        }
        if (kafka.isEnableDlq()) {
            // the binder's dead-letter handler takes the failure before the container sees it
            log.warn(
                    "Batch binding of {} (group {}) has enable-dlq: a failing batch goes whole to the dead-letter topic"
                            + " at once, even while the store is only away; set enable-dlq: false to have it retried"
                            + " (docs/adr/0003)",
                    destinationName,
                    group);
        }
        BatchRetryErrorHandler handler = new BatchRetryErrorHandler(
                destinationName, group, retry.initialInterval(), retry.maxInterval(), meters, clock);
        container.setCommonErrorHandler(handler);
        intercept(container, handler);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void intercept(AbstractMessageListenerContainer container, BatchRetryErrorHandler handler) {
        container.setBatchInterceptor(handler.successTracker(container.getBatchInterceptor()));
    }

    /** Not called by the Kafka binder, which passes the binding's properties ({@link #configure} above). */
    @Override
    public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName, String group) {}
}
