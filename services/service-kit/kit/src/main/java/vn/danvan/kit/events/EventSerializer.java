package vn.danvan.kit.events;

import tools.jackson.databind.json.JsonMapper;
import vn.danvan.kit.contract.DomainEvent;

/** Turns an event record into the JSON data of its CloudEvent, with the application's JSON settings. */
public class EventSerializer {

    private final JsonMapper json;

    public EventSerializer(JsonMapper json) {
        this.json = json;
    }

    public String toJson(DomainEvent event) {
        return json.writeValueAsString(event);
    }

    public <T> T fromJson(byte[] data, Class<T> type) {
        return json.readValue(data, type);
    }
}
