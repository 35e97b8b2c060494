package vn.danvan.kit.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import java.net.InetAddress;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.MongoMappingContext;
import org.springframework.data.mongodb.core.mapping.MongoPersistentEntity;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import vn.danvan.kit.events.EventSerializer;
import vn.danvan.kit.events.EventsAutoConfiguration;
import vn.danvan.kit.events.EventsProperties;

/**
 * The transactional outbox: events enter the aggregate's document on save and a relay publishes them. Active when
 * the service owns a stream ({@code danvan.events.topic}).
 */
@AutoConfiguration(after = {EventsAutoConfiguration.class, DataMongoAutoConfiguration.class})
@ConditionalOnProperty("danvan.events.topic")
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    OutboxSignal outboxSignal() {
        return new OutboxSignal();
    }

    @Bean
    OutboxRecorder outboxRecorder(
            EventSerializer serializer,
            EventsProperties events,
            Clock clock,
            ObjectProvider<Tracer> tracer,
            OutboxSignal signal) {
        return new OutboxRecorder(serializer, events.source(), clock, tracer, signal);
    }

    @Bean
    @ConditionalOnProperty(name = "danvan.outbox.enabled", matchIfMissing = true)
    OutboxRelay outboxRelay(
            MongoTemplate mongo,
            MongoMappingContext mappingContext,
            KafkaProperties kafkaProperties,
            EventsProperties events,
            OutboxProperties properties,
            OutboxSignal signal,
            MeterRegistry meters) {
        String owner = relayOwner();
        KafkaTemplate<String, byte[]> kafka = new KafkaTemplate<>(
                new DefaultKafkaProducerFactory<>(producerConfig(kafkaProperties, properties, owner)));
        return new OutboxRelay(
                mongo,
                outboxCollections(mappingContext),
                kafka,
                events.topic(),
                properties,
                // leases are about which process is alive, so wall-clock time: never a domain clock a test moves
                Clock.systemUTC(),
                signal,
                meters,
                owner);
    }

    /** Collections of every mapped entity that extends {@link OutboxAggregate}. */
    static List<String> outboxCollections(MongoMappingContext mappingContext) {
        return mappingContext.getPersistentEntities().stream()
                .filter(entity -> OutboxAggregate.class.isAssignableFrom(entity.getType()))
                .map(MongoPersistentEntity::getCollection)
                .distinct()
                .sorted()
                .toList();
    }

    /**
     * Reliability first: every in-sync replica acknowledges, the idempotent producer keeps per-partition order across
     * retries, and a send gives up within the relay's send timeout so events stay in the outbox rather than block.
     */
    static Map<String, Object> producerConfig(
            KafkaProperties kafkaProperties, OutboxProperties properties, String owner) {
        Map<String, Object> config = new HashMap<>(kafkaProperties.buildProducerProperties());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        int sendTimeout = (int) properties.sendTimeout().toMillis();
        int requestTimeout = Math.max(1000, sendTimeout / 2);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, requestTimeout);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, sendTimeout);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, requestTimeout);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay-" + owner);
        return config;
    }

    private static String relayOwner() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "unknown";
        }
        return host + "-" + ProcessHandle.current().pid() + "-"
                + UUID.randomUUID().toString().substring(0, 8);
    }
}
