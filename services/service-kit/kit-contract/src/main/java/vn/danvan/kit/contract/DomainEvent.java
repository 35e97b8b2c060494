package vn.danvan.kit.contract;

/**
 * An event raised by an aggregate and published on its service's stream.
 *
 * <p>Implementations are immutable records in a service's {@code -api} module (package {@code ...api.events.v1}),
 * annotated with {@link EventType}. They must never carry personal data of citizens.
 */
public interface DomainEvent {

    /** Id of the aggregate that raised the event: the Kafka record key and the CloudEvents {@code subject}. */
    String aggregateId();
}
