package vn.danvan.kit.outboxapp;

import java.util.List;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;
import vn.danvan.kit.contract.DomainEvent;
import vn.danvan.kit.observability.CurrentTrace;
import vn.danvan.kit.outboxapp.TicketEvents.TicketNoted;

/** What the test consumer applied, in order: one document per application, so a double apply shows. */
@Component
public class AppliedEvents {

    static final String COLLECTION = "applied_events";

    private final MongoTemplate mongo;
    private final CurrentTrace trace;

    AppliedEvents(MongoTemplate mongo, CurrentTrace trace) {
        this.mongo = mongo;
        this.trace = trace;
    }

    void apply(String eventId, DomainEvent event) {
        int sequence = event instanceof TicketNoted noted ? noted.sequence() : 0;
        mongo.getCollection(COLLECTION)
                .insertOne(new Document("eventId", eventId)
                        .append("ticketId", event.aggregateId())
                        .append("sequence", sequence)
                        .append("traceId", trace.traceId().orElse(null))
                        .append("at", System.nanoTime()));
    }

    /** Event ids applied for a ticket, in the order they were applied. */
    public List<String> eventIds(String ticketId) {
        return mongo.getCollection(COLLECTION)
                .find(new Document("ticketId", ticketId))
                .sort(new Document("at", 1))
                .map(d -> d.getString("eventId"))
                .into(new java.util.ArrayList<>());
    }

    /** Sequences applied for a ticket, in order (0 for the opening). */
    public List<Integer> sequences(String ticketId) {
        return mongo.getCollection(COLLECTION)
                .find(new Document("ticketId", ticketId))
                .sort(new Document("at", 1))
                .map(d -> d.getInteger("sequence"))
                .into(new java.util.ArrayList<>());
    }

    /** The trace id the consumer was working in when it applied the event. */
    public String traceIdOf(String eventId) {
        Document applied = mongo.getCollection(COLLECTION)
                .find(new Document("eventId", eventId))
                .first();
        return applied == null ? null : applied.getString("traceId");
    }

    public long count() {
        return mongo.getCollection(COLLECTION).countDocuments();
    }
}
