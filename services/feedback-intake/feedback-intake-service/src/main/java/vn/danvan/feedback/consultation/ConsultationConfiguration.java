package vn.danvan.feedback.consultation;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.messaging.Message;
import vn.danvan.kit.consumer.IdempotentConsumers;
import vn.danvan.kit.events.EventSerializer;
import vn.danvan.kit.security.UnitScope;

/** Wiring of consultations; the consumer function is bound as {@code consultationTallies-in-0} in application.yml. */
@Configuration(proxyBeanMethods = false)
class ConsultationConfiguration {

    @Bean
    ConsultationCatalog consultationCatalog(
            ConsultationRepository consultations,
            ObjectProvider<Clock> clock,
            @Value("${danvan.consultations.cache-ttl:2s}") Duration timeToLive) {
        return new ConsultationCatalog(consultations, clock.getIfAvailable(Clock::systemUTC), timeToLive);
    }

    @Bean
    Consultations consultations(
            ConsultationRepository repository,
            ConsultationCatalog catalog,
            MongoTemplate mongo,
            UnitScope scope,
            ObjectProvider<Clock> clock) {
        Consultations consultations =
                new Consultations(repository, catalog, mongo, scope, clock.getIfAvailable(Clock::systemUTC));
        consultations.createIndexes();
        return consultations;
    }

    @Bean
    ConsultationTallies consultationTalliesStore(
            MongoTemplate mongo, EventSerializer serializer, ObjectProvider<Clock> clock) {
        ConsultationTallies tallies =
                new ConsultationTallies(mongo, serializer, clock.getIfAvailable(Clock::systemUTC));
        tallies.createIndexes();
        return tallies;
    }

    @Bean
    Consumer<Message<byte[]>> consultationTallies(IdempotentConsumers consumers, ConsultationTallies tallies) {
        return consumers.consumer(ConsultationTallies.GROUP, ConsultationTallies.TYPES, tallies::apply);
    }
}
