package vn.danvan.kit.batchapp;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.messaging.Message;
import vn.danvan.kit.consumer.ReceivedEvent;

/**
 * A service with one batch consumer, bound as statistics' projector is: each batch is written to the store only if
 * the {@link StoreGate} lets it, and each event's writes are counted, so that an event applied twice or never shows.
 */
@SpringBootApplication
public class BatchTestApplication {

    public static final String TOPIC = "danvan.batchtest.v1";
    public static final String GROUP = "kit-batch-test";
    public static final String COLLECTION = "batch_applied";

    @Bean
    StoreGate storeGate() {
        return new StoreGate();
    }

    @Bean
    Consumer<Message<List<byte[]>>> ticketBatches(MongoTemplate mongo, StoreGate gate) {
        return message -> {
            List<ReceivedEvent> events = ReceivedEvent.fromBatch(message, unreadable -> {});
            gate.write();
            for (ReceivedEvent event : events) {
                mongo.getCollection(COLLECTION)
                        .updateOne(
                                Filters.eq("_id", event.id()),
                                Updates.inc("times", 1),
                                new UpdateOptions().upsert(true));
            }
        };
    }
}
