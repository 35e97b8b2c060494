package vn.danvan.statistics.rebuild;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import vn.danvan.feedback.api.events.v1.FeedbackEvents;
import vn.danvan.statistics.figures.Generations;
import vn.danvan.statistics.projection.Projector;

@Configuration(proxyBeanMethods = false)
class RebuildConfiguration {

    /** Closed with the context: a running rebuild stops and frees its lease (Rebuilds#close). */
    @Bean(destroyMethod = "close")
    Rebuilds rebuilds(
            MongoTemplate mongo,
            Projector projector,
            Generations generations,
            @Value("${spring.kafka.bootstrap-servers}") String bootstrapServers,
            ObjectProvider<Clock> clock,
            // memory budget of a replay: counter documents and items folded before they are written
            @Value("${danvan.statistics.rebuild.flush-documents:200000}") int flushDocuments,
            // how long a replica that stopped mid-rebuild keeps others from starting one
            @Value("${danvan.statistics.rebuild.lease:2m}") Duration lease) {
        return new Rebuilds(
                mongo,
                projector,
                generations,
                bootstrapServers,
                List.of(FeedbackEvents.STREAM.topic()),
                clock.getIfAvailable(Clock::systemUTC),
                flushDocuments,
                lease);
    }
}
