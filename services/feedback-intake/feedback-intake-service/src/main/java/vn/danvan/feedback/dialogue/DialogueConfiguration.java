package vn.danvan.feedback.dialogue;

import jakarta.validation.Validator;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import vn.danvan.dialogues.api.events.v1.DialogueEvents;
import vn.danvan.dialogues.api.events.v1.RecommendationRaised;
import vn.danvan.feedback.feedback.FeedbackProperties;
import vn.danvan.feedback.feedback.FeedbackService;
import vn.danvan.kit.consumer.EventReader;
import vn.danvan.kit.consumer.IdempotentConsumers;
import vn.danvan.kit.contract.EventStream;
import vn.danvan.kit.events.EventSerializer;

/** Wiring of the dialogue stream's consumer, bound as {@code recommendationsRaised-in-0} in application.yml. */
@Configuration(proxyBeanMethods = false)
class DialogueConfiguration {

    /** The binding's consumer group, also the processed-event log's. */
    static final String GROUP = "feedback-intake";

    @Bean
    RecommendationIntake recommendationIntake(
            FeedbackService feedback,
            EventSerializer serializer,
            Validator validator,
            FeedbackProperties properties,
            @Value("${danvan.feedback.dialogue-category:other}") String defaultCategory) {
        return new RecommendationIntake(
                feedback,
                new EventReader(serializer, DialogueEvents.STREAM),
                validator,
                properties.categories(),
                defaultCategory);
    }

    @Bean
    Consumer<Message<byte[]>> recommendationsRaised(IdempotentConsumers consumers, RecommendationIntake intake) {
        return consumers.consumer(GROUP, Set.of(EventStream.typeOf(RecommendationRaised.class)), intake::apply);
    }
}
