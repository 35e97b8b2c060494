package vn.danvan.statistics.projection;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
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
            MeterRegistry meters) {
        // every stream whose events a projection counts; dialogues and models join here
        EventReader reader = new EventReader(serializer, FeedbackEvents.STREAM);
        return new Projector(mongo, reader, projections, units, clock.getIfAvailable(Clock::systemUTC), meters);
    }

    @Bean
    Consumer<Message<List<byte[]>>> statisticsProjector(
            Projector projector, Generations generations, ObjectProvider<FiguresChangedListener> listeners) {
        return message -> {
            List<ReceivedEvent> events = split(message);
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
    static List<ReceivedEvent> split(Message<List<byte[]>> message) {
        List<byte[]> payloads = message.getPayload();
        List<Map<String, Object>> headers =
                (List<Map<String, Object>>) message.getHeaders().get(KafkaHeaders.BATCH_CONVERTED_HEADERS);
        List<?> partitions = (List<?>) message.getHeaders().get(KafkaHeaders.RECEIVED_PARTITION);
        List<?> offsets = (List<?>) message.getHeaders().get(KafkaHeaders.OFFSET);
        List<ReceivedEvent> events = new ArrayList<>(payloads.size());
        for (int i = 0; i < payloads.size(); i++) {
            Map<String, Object> recordHeaders = new HashMap<>(headers == null ? Map.of() : headers.get(i));
            if (partitions != null) {
                recordHeaders.put(KafkaHeaders.RECEIVED_PARTITION, partitions.get(i));
            }
            if (offsets != null) {
                recordHeaders.put(KafkaHeaders.OFFSET, offsets.get(i));
            }
            try {
                events.add(ReceivedEvent.from(MessageBuilder.withPayload(payloads.get(i))
                        .copyHeaders(recordHeaders)
                        .build()));
            } catch (PoisonEventException e) {
                // not a CloudEvent: nothing to count, and it must not hold up the batch
                log.warn(
                        "Skipping a record without CloudEvent id or type at partition {} offset {}",
                        partitions == null ? null : partitions.get(i),
                        offsets == null ? null : offsets.get(i));
            }
        }
        return events;
    }
}
