package vn.danvan.kit.consumer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.danvan.kit.contract.DomainEvent;
import vn.danvan.kit.contract.EventStream;
import vn.danvan.kit.events.EventSerializer;

/**
 * Turns received events into the record classes published in the producers' {@code -api} modules. An unknown type
 * is skipped (a producer may add event types before its consumers know them); unreadable data is a poison event.
 */
public class EventReader {

    private final EventSerializer serializer;
    private final Map<String, Class<? extends DomainEvent>> types = new HashMap<>();

    public EventReader(EventSerializer serializer, List<EventStream> streams) {
        this.serializer = serializer;
        streams.forEach(stream -> types.putAll(stream.byType()));
    }

    public EventReader(EventSerializer serializer, EventStream... streams) {
        this(serializer, List.of(streams));
    }

    public Optional<DomainEvent> read(ReceivedEvent event) {
        Class<? extends DomainEvent> type = types.get(event.type());
        if (type == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(serializer.fromJson(event.data(), type));
        } catch (RuntimeException e) {
            throw new PoisonEventException("event " + event.id() + " of type " + event.type() + " is unreadable", e);
        }
    }
}
