package vn.danvan.kit.contract;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One service's published stream: its Kafka topic, its CloudEvents {@code source} and the event records it carries.
 * Each {@code -api} module exposes one, so that consumers, the event catalog and the schema checks read the same
 * list.
 *
 * @param topic Kafka topic, e.g. {@code danvan.feedback.v1}
 * @param source CloudEvents source, e.g. {@code /danvan/feedback-intake}
 * @param events the event records published on the topic
 */
public record EventStream(String topic, String source, List<Class<? extends DomainEvent>> events) {

    public EventStream {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(source, "source");
        events = List.copyOf(events);
        events.forEach(EventStream::typeOf);
    }

    /** The CloudEvents type of an event record class, from its {@link EventType}. */
    public static String typeOf(Class<?> eventClass) {
        EventType type = eventClass.getAnnotation(EventType.class);
        if (type == null) {
            throw new IllegalArgumentException(eventClass.getName() + " has no @EventType");
        }
        return type.value() + ".v" + type.version();
    }

    /** Event record classes of this stream by CloudEvents type. */
    public Map<String, Class<? extends DomainEvent>> byType() {
        return events.stream().collect(Collectors.toUnmodifiableMap(EventStream::typeOf, Function.identity()));
    }
}
