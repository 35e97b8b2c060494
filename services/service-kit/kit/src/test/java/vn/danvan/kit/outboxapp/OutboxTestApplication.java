package vn.danvan.kit.outboxapp;

import java.util.function.Consumer;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.messaging.Message;
import vn.danvan.kit.consumer.EventReader;
import vn.danvan.kit.consumer.IdempotentConsumers;
import vn.danvan.kit.events.EventSerializer;

/**
 * A minimal service for the outbox and consumer integration tests: a ticket aggregate publishing through the outbox, and an
 * idempotent consumer of its own stream that records what it applied.
 */
@SpringBootApplication
public class OutboxTestApplication {

    public static final String GROUP = "kit-test";

    @Bean
    EventReader ticketEventReader(EventSerializer serializer) {
        return new EventReader(serializer, TicketEvents.STREAM);
    }

    @Bean
    Consumer<Message<byte[]>> ticketEvents(IdempotentConsumers consumers, EventReader reader, AppliedEvents applied) {
        return consumers.consumer(GROUP, event -> reader.read(event).ifPresent(e -> applied.apply(event.id(), e)));
    }

    public static void main(String[] args) {
        SpringApplication.run(OutboxTestApplication.class, args);
    }
}
