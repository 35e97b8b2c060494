package vn.danvan.dialogues.api.events.v1;

import java.util.List;
import vn.danvan.kit.contract.EventStream;

/**
 * The events dialogue-scheduler publishes, version 1 of its stream. {@link RecommendationRaised} is defined ahead of
 * the service, so that feedback-intake can consume it; the dialogue-scheduler feature adds the rest.
 */
public final class DialogueEvents {

    /** Topic {@code danvan.dialogues.v1}, source {@code /danvan/dialogue-scheduler}. */
    public static final EventStream STREAM =
            new EventStream("danvan.dialogues.v1", "/danvan/dialogue-scheduler", List.of(RecommendationRaised.class));

    private DialogueEvents() {}
}
