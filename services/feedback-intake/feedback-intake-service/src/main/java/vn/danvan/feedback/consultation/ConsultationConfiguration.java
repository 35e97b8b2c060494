package vn.danvan.feedback.consultation;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.messaging.Message;
import vn.danvan.kit.consumer.DeadLetters;
import vn.danvan.kit.consumer.ProcessedEventLog;
import vn.danvan.kit.consumer.ReceivedEvent;
import vn.danvan.kit.events.EventSerializer;
import vn.danvan.kit.security.UnitScope;
import vn.danvan.kit.units.AdministrativeUnits;

/** Wiring of consultations; the consumer function is bound as {@code consultationTallies-in-0} in application.yml. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConsultationProperties.class)
class ConsultationConfiguration {

    @Bean
    ConsultationCatalog consultationCatalog(
            ConsultationRepository consultations, ObjectProvider<Clock> clock, ConsultationProperties properties) {
        return new ConsultationCatalog(consultations, clock.getIfAvailable(Clock::systemUTC), properties.cacheTtl());
    }

    @Bean
    Consultations consultations(
            ConsultationRepository repository,
            ConsultationCatalog catalog,
            MongoTemplate mongo,
            UnitScope scope,
            AdministrativeUnits units,
            ObjectProvider<Clock> clock) {
        Consultations consultations =
                new Consultations(repository, catalog, mongo, scope, units, clock.getIfAvailable(Clock::systemUTC));
        consultations.createIndexes();
        return consultations;
    }

    @Bean
    ConsultationCloser consultationCloser(Consultations consultations, ConsultationProperties properties) {
        return new ConsultationCloser(consultations, properties.closeEvery());
    }

    @Bean
    ConsultationTallies consultationTalliesStore(
            MongoTemplate mongo,
            EventSerializer serializer,
            ProcessedEventLog processed,
            DeadLetters talliesDeadLetters,
            MeterRegistry meters,
            ObjectProvider<Clock> clock) {
        ConsultationTallies tallies = new ConsultationTallies(
                mongo, serializer, processed, talliesDeadLetters, meters, clock.getIfAvailable(Clock::systemUTC));
        tallies.createIndexes();
        return tallies;
    }

    /** {@code error.danvan.feedback.v1.feedback-intake-tallies}: a batch binding does not dead-letter by itself. */
    @Bean
    DeadLetters talliesDeadLetters(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers) {
        return DeadLetters.of(bootstrapServers, ConsultationTallies.GROUP);
    }

    /** In batches (binding {@code consultationTallies-in-0}, batch mode): a few writes per batch, not three a comment. */
    @Bean
    Consumer<Message<List<byte[]>>> consultationTallies(ConsultationTallies tallies, DeadLetters talliesDeadLetters) {
        return message -> tallies.apply(ReceivedEvent.fromBatch(message, talliesDeadLetters::send));
    }
}
