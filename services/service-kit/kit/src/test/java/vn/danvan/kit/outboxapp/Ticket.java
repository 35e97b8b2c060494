package vn.danvan.kit.outboxapp;

import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import vn.danvan.kit.outbox.OutboxAggregate;
import vn.danvan.kit.outboxapp.TicketEvents.TicketNoted;
import vn.danvan.kit.outboxapp.TicketEvents.TicketOpened;

@Document("tickets")
public class Ticket extends OutboxAggregate {

    @Id
    private String id;

    private String title;
    private int notes;

    public static Ticket open(String id, String title) {
        Ticket ticket = new Ticket();
        ticket.id = id;
        ticket.title = title;
        ticket.record(new TicketOpened(id, title));
        return ticket;
    }

    /** Adds a note and returns the event it raises, as domain methods do. */
    public List<TicketNoted> note() {
        notes++;
        return List.of(new TicketNoted(id, notes));
    }

    public String getId() {
        return id;
    }

    public String getTitle() {
        return title;
    }

    public void retitle(String title) {
        this.title = title;
    }

    public int getNotes() {
        return notes;
    }
}
