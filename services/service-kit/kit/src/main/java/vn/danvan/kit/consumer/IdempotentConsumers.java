package vn.danvan.kit.consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;

/**
 * Builds Spring Cloud Stream consumer functions that apply each event once per consumer group: an event already in
 * the {@link ProcessedEventLog} is skipped, otherwise the handler runs and the event is recorded.
 *
 * <p>The record follows the handler, so a crash between the two makes the redelivered event run again: handlers
 * whose effect is not a keyed upsert should make their own write conditional on the event id (single-document
 * atomic) where that matters. Retries, back-off and the dead-letter topic come from the binding (kit defaults:
 * 3 attempts, then {@code error.<topic>.<group>}).
 *
 * <pre>{@code
 * @Bean
 * Consumer<Message<byte[]>> feedbackEvents(IdempotentConsumers consumers) {
 *     return consumers.consumer("statistics", event -> counters.apply(reader.read(event)));
 * }
 * }</pre>
 */
public class IdempotentConsumers {

    private static final Logger log = LoggerFactory.getLogger(IdempotentConsumers.class);

    private final ProcessedEventLog processed;
    private final MeterRegistry meters;

    public IdempotentConsumers(ProcessedEventLog processed, MeterRegistry meters) {
        this.processed = processed;
        this.meters = meters;
    }

    /**
     * @param group the consumer group of the binding this function is bound to (kit default: the application name)
     * @param handler what applying an event means
     */
    public Consumer<Message<byte[]>> consumer(String group, EventHandler handler) {
        return consumer(group, type -> true, handler);
    }

    /**
     * A consumer that applies only the event types it is interested in; the others pass without a read or a write
     * of the processed-event log (a stream carries every type of its service).
     */
    public Consumer<Message<byte[]>> consumer(String group, Set<String> types, EventHandler handler) {
        Set<String> interesting = Set.copyOf(types);
        return consumer(group, interesting::contains, handler);
    }

    private Consumer<Message<byte[]>> consumer(String group, Predicate<String> interesting, EventHandler handler) {
        Counter applied = counter(group, "applied");
        Counter duplicates = counter(group, "duplicate");
        return message -> {
            ReceivedEvent event = ReceivedEvent.from(message);
            if (!interesting.test(event.type())) {
                return;
            }
            if (processed.isProcessed(group, event.id())) {
                duplicates.increment();
                log.debug("Skipping already applied {}", event);
                return;
            }
            handler.handle(event);
            processed.markProcessed(group, event.id(), event.type());
            applied.increment();
        };
    }

    /** Applies an event outside a binding (replays, rebuilds) with the same once-only guarantee. */
    public boolean applyOnce(String group, ReceivedEvent event, EventHandler handler) {
        if (processed.isProcessed(group, event.id())) {
            return false;
        }
        handler.handle(event);
        return processed.markProcessed(group, event.id(), event.type());
    }

    private Counter counter(String group, String outcome) {
        return events(meters, group, outcome);
    }

    /**
     * The count of a group's events by outcome ({@code applied}, {@code duplicate}), for consumers that guard
     * themselves (batch consumers) and count alike.
     */
    public static Counter events(MeterRegistry meters, String group, String outcome) {
        return Counter.builder("danvan.consumer.events")
                .description("Events received by idempotent consumers")
                .tag("group", group)
                .tag("outcome", outcome)
                .register(meters);
    }
}
