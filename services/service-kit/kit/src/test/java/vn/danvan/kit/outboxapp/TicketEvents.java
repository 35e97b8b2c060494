package vn.danvan.kit.outboxapp;

import java.util.List;
import vn.danvan.kit.contract.DomainEvent;
import vn.danvan.kit.contract.EventStream;
import vn.danvan.kit.contract.EventType;

public final class TicketEvents {

    public static final String TOPIC = "danvan.test.v1";

    public static final EventStream STREAM =
            new EventStream(TOPIC, "/danvan/kit-test", List.of(TicketOpened.class, TicketNoted.class));

    @EventType(value = "vn.danvan.test.TicketOpened", version = 1)
    public record TicketOpened(String ticketId, String title) implements DomainEvent {
        @Override
        public String aggregateId() {
            return ticketId;
        }
    }

    @EventType(value = "vn.danvan.test.TicketNoted", version = 1)
    public record TicketNoted(String ticketId, int sequence) implements DomainEvent {
        @Override
        public String aggregateId() {
            return ticketId;
        }
    }

    private TicketEvents() {}
}
