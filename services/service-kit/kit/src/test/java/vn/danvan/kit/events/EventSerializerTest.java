package vn.danvan.kit.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

class EventSerializerTest {

    record ItemReceived(String itemId, String unitCode) {}

    /** The application's mapper refuses unknown properties, as the kit's defaults set it for request bodies. */
    private final JsonMapper strict = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private static final byte[] NEWER_VERSION =
            "{\"itemId\":\"f-1\",\"unitCode\":\"20194\",\"channel\":\"WEB\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void anEventWithAFieldAddedByANewerProducerIsStillRead() {
        assertThatThrownBy(() -> strict.readValue(NEWER_VERSION, ItemReceived.class))
                .isInstanceOf(UnrecognizedPropertyException.class);

        ItemReceived event = new EventSerializer(strict).fromJson(NEWER_VERSION, ItemReceived.class);

        assertThat(event).isEqualTo(new ItemReceived("f-1", "20194"));
    }
}
