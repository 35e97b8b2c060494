package vn.danvan.statistics.projection;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import vn.danvan.feedback.api.events.v1.FeedbackEvents;
import vn.danvan.kit.consumer.EventReader;
import vn.danvan.kit.consumer.PoisonEventException;
import vn.danvan.kit.consumer.ReceivedEvent;
import vn.danvan.kit.events.EventSerializer;
import vn.danvan.kit.units.AdministrativeUnits;
import vn.danvan.statistics.figures.FigureReader;
import vn.danvan.statistics.figures.FigureSource;
import vn.danvan.statistics.figures.Generations;
import vn.danvan.statistics.units.StatisticsUnits;

/**
 * The live projection: the batch consumer function bound as {@code statisticsProjector-in-0} (application.yml) to
 * every source stream, group {@code statistics}.
 */
@Configuration(proxyBeanMethods = false)
class ProjectionConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ProjectionConfiguration.class);

    @Bean
    StatisticsUnits statisticsUnits(AdministrativeUnits units) {
        return new StatisticsUnits(units);
    }

    @Bean
    Generations generations(MongoTemplate mongo, ObjectProvider<Clock> clock) {
        return new Generations(mongo, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    FigureReader figureReader(MongoTemplate mongo, Generations generations, List<FigureSource> sources) {
        return new FigureReader(mongo, generations, sources);
    }

    @Bean
    Projector projector(
            MongoTemplate mongo,
            EventSerializer serializer,
            List<Projection> projections,
            StatisticsUnits units,
            ObjectProvider<Clock> clock,
            DeadLetters deadLetters,
            MeterRegistry meters) {
        // every stream whose events a projection counts; dialogues and models join here
        EventReader reader = new EventReader(serializer, FeedbackEvents.STREAM);
        return new Projector(
                mongo, reader, projections, units, clock.getIfAvailable(Clock::systemUTC), deadLetters, meters);
    }

    @Bean
    DeadLetters deadLetters(
            @Value("${spring.kafka.bootstrap-servers}") String bootstrapServers,
            @Value("${spring.cloud.stream.bindings.statisticsProjector-in-0.group:statistics}") String group) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class);
        return new DeadLetters(new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config)), group);
    }

    @Bean
    Consumer<Message<List<byte[]>>> statisticsProjector(
            Projector projector,
            Generations generations,
            DeadLetters deadLetters,
            ObjectProvider<FiguresChangedListener> listeners) {
        return message -> {
            List<ReceivedEvent> events = split(message, deadLetters);
            Projector.Result result;
            // the read lock: a rebuild's switch waits for this batch (and holds the next) so none is half-applied
            generations.lock().readLock().lock();
            try {
                result = projector.apply(events, generations.active());
            } finally {
                generations.lock().readLock().unlock();
            }
            if (!result.changedIds().isEmpty()) {
                listeners.forEach(listener -> {
                    try {
                        listener.changed(result.changedIds());
                    } catch (RuntimeException e) {
                        // the figures are stored; only this notification is lost (a stream client resyncs on reconnect)
                        log.warn(
                                "Could not publish the change of {} figures",
                                result.changedIds().size(),
                                e);
                    }
                });
            }
        };
    }

    /** A batch from the binder: one payload list, each record's headers in {@link KafkaHeaders#BATCH_CONVERTED_HEADERS}. */
    @SuppressWarnings("unchecked")
    static List<ReceivedEvent> split(Message<List<byte[]>> message, DeadLetters deadLetters) {
        List<byte[]> payloads = message.getPayload();
        List<Map<String, Object>> headers =
                (List<Map<String, Object>>) message.getHeaders().get(KafkaHeaders.BATCH_CONVERTED_HEADERS);
        List<?> partitions = (List<?>) message.getHeaders().get(KafkaHeaders.RECEIVED_PARTITION);
        List<?> offsets = (List<?>) message.getHeaders().get(KafkaHeaders.OFFSET);
        List<?> topics = (List<?>) message.getHeaders().get(KafkaHeaders.RECEIVED_TOPIC);
        List<ReceivedEvent> events = new ArrayList<>(payloads.size());
        for (int i = 0; i < payloads.size(); i++) {
            Map<String, Object> recordHeaders = new HashMap<>(headers == null ? Map.of() : headers.get(i));
            if (partitions != null) {
                recordHeaders.put(KafkaHeaders.RECEIVED_PARTITION, partitions.get(i));
            }
            if (offsets != null) {
                recordHeaders.put(KafkaHeaders.OFFSET, offsets.get(i));
            }
            if (topics != null) {
                recordHeaders.put(KafkaHeaders.RECEIVED_TOPIC, topics.get(i));
            }
            try {
                events.add(ReceivedEvent.from(MessageBuilder.withPayload(payloads.get(i))
                        .copyHeaders(recordHeaders)
                        .build()));
            } catch (PoisonEventException e) {
                // not a CloudEvent: nothing to count, and it must not hold up the batch
                Object partition = partitions == null ? null : partitions.get(i);
                Object offset = offsets == null ? null : offsets.get(i);
                log.warn(
                        "Dead-lettering a record without CloudEvent id or type (partition {} offset {})",
                        partition,
                        offset);
                deadLetters.send(
                        String.valueOf(recordHeaders.get(KafkaHeaders.RECEIVED_TOPIC)),
                        partition,
                        offset,
                        payloads.get(i),
                        recordHeaders,
                        e.getMessage());
            }
        }
        return events;
    }
}
