package vn.danvan.kit.events;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;
import vn.danvan.kit.contract.DomainEvent;

/**
 * Turns an event record into the JSON data of its CloudEvent and back, with the application's JSON settings, except
 * that reading ignores properties the record does not have: a producer's newer version of an event may add fields
 * (docs/events.md), and its older consumers must go on reading it.
 */
public class EventSerializer {

    private final JsonMapper json;

    public EventSerializer(JsonMapper json) {
        this.json = json.rebuild()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    public String toJson(DomainEvent event) {
        return json.writeValueAsString(event);
    }

    public <T> T fromJson(byte[] data, Class<T> type) {
        return json.readValue(data, type);
    }
}
