package vn.danvan.statistics.projection;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.event.ListenerContainerIdleEvent;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import vn.danvan.feedback.api.events.v1.FeedbackEvents;
import vn.danvan.kit.consumer.ConsumerProperties;
import vn.danvan.kit.consumer.DeadLetters;
import vn.danvan.kit.consumer.EventReader;
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

    @Bean
    StatisticsUnits statisticsUnits(AdministrativeUnits units) {
        return new StatisticsUnits(units);
    }

    @Bean
    Generations generations(MongoTemplate mongo, ObjectProvider<Clock> clock) {
        return new Generations(mongo, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    FigureReader figureReader(
            MongoTemplate mongo, Generations generations, List<FigureSource> sources, ObjectProvider<Clock> clock) {
        return new FigureReader(mongo, generations, sources, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    Projector projector(
            MongoTemplate mongo,
            EventSerializer serializer,
            List<Projection> projections,
            List<FigureSource> sources,
            StatisticsUnits units,
            ObjectProvider<Clock> clock,
            DeadLetters deadLetters,
            MeterRegistry meters) {
        // every stream whose events a projection counts; dialogues and models join here. Records of the types no
        // projection counts never reach the reader (Projector#counted drops them by their type header)
        EventReader reader = new EventReader(serializer, FeedbackEvents.STREAM);
        return new Projector(
                mongo,
                reader,
                projections,
                sources,
                units,
                clock.getIfAvailable(Clock::systemUTC),
                deadLetters,
                meters);
    }

    @Bean
    AppliedIdsCleaner appliedIdsCleaner(
            MongoTemplate mongo, Generations generations, ConsumerProperties consumers, ObjectProvider<Clock> clock) {
        return new AppliedIdsCleaner(
                mongo,
                generations,
                consumers.processedRetention(),
                consumers.cleanupInterval(),
                clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    DeadLetters deadLetters(
            @Value("${spring.kafka.bootstrap-servers}") String bootstrapServers,
            @Value("${spring.cloud.stream.bindings.statisticsProjector-in-0.group:statistics}") String group) {
        return DeadLetters.of(bootstrapServers, group);
    }

    @Bean(destroyMethod = "close")
    ChangeNotifications changeNotifications(
            ObjectProvider<FiguresChangedListener> listeners,
            @Value("${danvan.statistics.changes.pending-limit:50000}") int limit,
            MeterRegistry meters) {
        return new ChangeNotifications(listeners.orderedStream().toList(), limit, meters);
    }

    @Bean
    MissedRecords missedRecords(
            Projector projector, @Value("${spring.kafka.bootstrap-servers}") String bootstrapServers) {
        return new MissedRecords(projector, bootstrapServers);
    }

    @Bean
    Consumer<Message<List<byte[]>>> statisticsProjector(
            Projector projector,
            Generations generations,
            MissedRecords missed,
            DeadLetters deadLetters,
            ChangeNotifications notifications) {
        return message -> applyAndAnnounce(
                split(message, deadLetters),
                assigned(message),
                caughtUp(consumerOf(message)),
                projector,
                generations,
                missed,
                notifications);
    }

    /**
     * A projector's consumer with nothing to read still catches up with another replica's switch of generations: the
     * binder's containers publish an idle event every {@code idle-event-interval} (30 s by default) on the consumer
     * thread, which owns the partitions it lists.
     */
    @Bean
    ApplicationListener<ListenerContainerIdleEvent> missedWhileIdle(
            Projector projector, Generations generations, MissedRecords missed, ChangeNotifications notifications) {
        return event -> {
            List<TopicPartition> partitions =
                    event.getTopicPartitions() == null ? List.of() : List.copyOf(event.getTopicPartitions());
            if (!partitions.isEmpty()
                    && partitions.stream().allMatch(p -> Projector.SOURCE_TOPICS.containsKey(p.topic()))) {
                // (other bindings' containers are idle too: only the projector's reads the source topics)
                applyAndAnnounce(
                        List.of(),
                        partitions,
                        caughtUp(event.getConsumer()),
                        projector,
                        generations,
                        missed,
                        notifications);
            }
        };
    }

    /**
     * Applies a batch, with what the serving generation missed before it, and announces what changed.
     *
     * @param caughtUp the consumer's partitions read to their end: complete up to now once the batch is applied
     */
    private static void applyAndAnnounce(
            List<ReceivedEvent> batch,
            Collection<TopicPartition> assigned,
            Collection<TopicPartition> caughtUp,
            Projector projector,
            Generations generations,
            MissedRecords missed,
            ChangeNotifications notifications) {
        Projector.Result result;
        // the read lock: a rebuild's switch in this replica waits for this batch (and holds the next) so none is
        // half-applied; another replica's switch is caught up with by MissedRecords
        generations.lock().readLock().lock();
        try {
            String generation = generations.active();
            List<ReceivedEvent> events = missed.withMissed(batch, generation, assigned);
            if (events.isEmpty()) {
                // nothing to read (an idle consumer): its partitions' figures are complete up to now
                projector.markCaughtUp(caughtUp, generation);
                return;
            }
            result = projector.apply(events, generation, caughtUp);
        } finally {
            generations.lock().readLock().unlock();
        }
        try {
            notifications.changed(result.changedIds());
        } catch (InterruptedException e) {
            // stopping: the batch is stored; its offsets may not be committed, and a redelivery counts nothing twice
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while announcing a batch's changes", e);
        }
    }

    /** The partitions of the consumer a batch came from (the binder hands the consumer over); null if it did not. */
    static Set<TopicPartition> assigned(Message<?> message) {
        org.apache.kafka.clients.consumer.Consumer<?, ?> consumer = consumerOf(message);
        return consumer == null ? null : consumer.assignment();
    }

    private static org.apache.kafka.clients.consumer.Consumer<?, ?> consumerOf(Message<?> message) {
        return message.getHeaders().get(KafkaHeaders.CONSUMER)
                        instanceof org.apache.kafka.clients.consumer.Consumer<?, ?> c
                ? c
                : null;
    }

    /**
     * The consumer's partitions it has read to their end (no lag as of its last fetch, which the consumer knows
     * without asking the broker). Called on the consumer's thread, the only one that may use it.
     */
    static Set<TopicPartition> caughtUp(org.apache.kafka.clients.consumer.Consumer<?, ?> consumer) {
        if (consumer == null) {
            return Set.of();
        }
        Set<TopicPartition> caughtUp = new HashSet<>();
        for (TopicPartition partition : consumer.assignment()) {
            OptionalLong lag = consumer.currentLag(partition);
            if (lag.isPresent() && lag.getAsLong() == 0) {
                caughtUp.add(partition);
            }
        }
        return caughtUp;
    }

    /** A batch from the binder, its records that are not CloudEvents dead-lettered: they must not hold up the batch. */
    static List<ReceivedEvent> split(Message<List<byte[]>> message, DeadLetters deadLetters) {
        return ReceivedEvent.fromBatch(message, deadLetters::send);
    }
}
