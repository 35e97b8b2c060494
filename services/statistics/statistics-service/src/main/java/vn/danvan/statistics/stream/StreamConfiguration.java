package vn.danvan.statistics.stream;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.messaging.Message;
import tools.jackson.databind.json.JsonMapper;
import vn.danvan.kit.consumer.ReceivedEvent;
import vn.danvan.kit.contract.EventStream;
import vn.danvan.kit.events.EventSerializer;
import vn.danvan.statistics.api.events.v1.StatisticsChanged;
import vn.danvan.statistics.figures.FigureReader;
import vn.danvan.statistics.units.StatisticsUnits;

/**
 * The published changes and the live stream. Every replica follows {@code danvan.statistics.v1} with its own
 * consumer group ({@code statisticsChanges-in-0}, from the latest offset at every start), so a client gets the
 * changes whichever replica projected them and whichever replica it is connected to.
 */
@Configuration(proxyBeanMethods = false)
class StreamConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StreamConfiguration.class);

    private static final String CHANGED = EventStream.typeOf(StatisticsChanged.class);

    @Bean
    ChangePublisher changePublisher(
            MongoTemplate mongo,
            FigureReader figures,
            StatisticsUnits units,
            ChangeFeed feed,
            ObjectProvider<Clock> clock) {
        return new ChangePublisher(mongo, figures, units, feed, clock.getIfAvailable(Clock::systemUTC));
    }

    /** Its streams end when the replica begins to stop ({@link StreamsShutdown}); the rest goes with the context. */
    @Bean(destroyMethod = "close")
    ChangeFeed changeFeed(
            @Value("${danvan.statistics.stream.ring-size:10000}") int ringSize,
            @Value("${danvan.statistics.stream.client-queue:10000}") int clientQueue,
            @Value("${danvan.statistics.stream.max-subscribers:500}") int maxSubscribers,
            StatisticsUnits units,
            JsonMapper json,
            MeterRegistry meters) {
        return new ChangeFeed(ringSize, clientQueue, maxSubscribers, units, json, meters);
    }

    @Bean
    StreamsShutdown streamsShutdown(ChangeFeed feed) {
        return new StreamsShutdown(feed);
    }

    @Bean
    FiguresStreamController figuresStreamController(
            ChangeFeed feed,
            StatisticsUnits units,
            FigureReader figures,
            ObjectProvider<Clock> clock,
            @Value("${danvan.statistics.stream.timeout:30m}") Duration timeout) {
        return new FiguresStreamController(feed, units, figures, clock.getIfAvailable(Clock::systemUTC), timeout);
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService streamHeartbeats(
            ChangeFeed feed, @Value("${danvan.statistics.stream.heartbeat:15s}") Duration interval) {
        ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(
                Thread.ofVirtual().name("stream-heartbeat").factory());
        heartbeats.scheduleAtFixedRate(
                feed::heartbeat, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return heartbeats;
    }

    /**
     * In batches: a projector batch publishes one change per unit it touched (a hundred at a time for a province's
     * communes), and a per-record listener cost about a quarter of the service's CPU at 1,000 events a second.
     */
    @Bean
    Consumer<Message<List<byte[]>>> statisticsChanges(ChangeFeed feed, EventSerializer serializer) {
        return message -> {
            List<ReceivedEvent> events = ReceivedEvent.fromBatch(
                    message,
                    unreadable -> log.warn(
                            "Skipping a record of {} without CloudEvent id or type (partition {} offset {})",
                            unreadable.topic(),
                            unreadable.partition(),
                            unreadable.offset()));
            for (ReceivedEvent event : events) {
                if (!CHANGED.equals(event.type()) || feed.deliveredLocally(event.id())) {
                    continue;
                }
                StatisticsChanged change;
                try {
                    change = serializer.fromJson(event.data(), StatisticsChanged.class);
                } catch (RuntimeException e) {
                    // one unreadable change must not hold up the others: its figures come again with the next change
                    log.warn("Skipping unreadable {}", event, e);
                    continue;
                }
                feed.publish(change);
            }
        };
    }
}
