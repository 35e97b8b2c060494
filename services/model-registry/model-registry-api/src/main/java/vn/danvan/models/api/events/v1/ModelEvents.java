package vn.danvan.models.api.events.v1;

import java.util.List;
import vn.danvan.kit.contract.EventStream;

/** The events model-registry publishes, version 1 of its stream. */
public final class ModelEvents {

    /** Topic {@code danvan.models.v1}, source {@code /danvan/model-registry}. */
    public static final EventStream STREAM = new EventStream("danvan.models.v1", "/danvan/model-registry", List.of());

    private ModelEvents() {}
}
