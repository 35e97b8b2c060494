package vn.danvan.kit.consumer;

import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.springframework.kafka.support.SimpleKafkaHeaderMapper;
import vn.danvan.kit.events.CloudEventHeaders;

/**
 * Maps every Kafka header in as raw bytes and keeps a copy of the event id under {@link #EVENT_ID}: Spring Cloud
 * Function's CloudEvents handling drops {@code ce_id} before a consumer function sees the message, and without the
 * event id no consumer could be idempotent. The binder uses it through the kit default
 * {@code spring.cloud.stream.kafka.binder.header-mapper-bean-name}.
 */
final class CloudEventHeaderMapper extends SimpleKafkaHeaderMapper {

    static final String EVENT_ID = "danvan_event_id";

    CloudEventHeaderMapper() {
        super("*");
    }

    @Override
    public void toHeaders(Headers source, Map<String, Object> target) {
        super.toHeaders(source, target);
        Header id = source.lastHeader(CloudEventHeaders.ID);
        if (id != null) {
            target.put(EVENT_ID, id.value());
        }
    }
}
