package vn.danvan.statistics;

import java.util.Map;
import java.util.UUID;
import vn.danvan.feedback.api.events.v1.FeedbackEvents;
import vn.danvan.kit.contract.DomainEvent;
import vn.danvan.kit.contract.EventStream;
import vn.danvan.kit.events.EventSerializer;
import vn.danvan.kit.test.CloudEventsProducer;

/**
 * Publishes feedback-intake's event records on danvan.feedback.v1 as its relay does: CloudEvents binary mode, key =
 * the feedback id.
 */
final class FeedbackEventsPublisher implements AutoCloseable {

    private final CloudEventsProducer producer;
    private final EventSerializer serializer;

    FeedbackEventsPublisher(String bootstrapServers, EventSerializer serializer) {
        this.serializer = serializer;
        this.producer = new CloudEventsProducer(bootstrapServers);
    }

    /** Publishes an event with a new id; returns the id. */
    String publish(DomainEvent event) {
        String id = UUID.randomUUID().toString();
        publish(id, event);
        return id;
    }

    /** Publishes an event with the given id (a second call is what a relay's duplicate looks like). */
    void publish(String id, DomainEvent event) {
        publish(FeedbackEvents.STREAM.topic(), FeedbackEvents.STREAM.source(), id, event);
    }

    /** Publishes an event of another stream (e.g. another replica's {@code StatisticsChanged}). */
    void publish(String topic, String source, String id, DomainEvent event) {
        producer.send(
                topic, source, EventStream.typeOf(event.getClass()), id, event.aggregateId(), serializer.toJson(event));
    }

    /** Publishes a record as given: for records that are not what a relay writes. */
    void publishRaw(String topic, String key, String value, Map<String, String> headers) {
        producer.sendRaw(topic, key, value, headers);
    }

    @Override
    public void close() {
        producer.close();
    }
}
