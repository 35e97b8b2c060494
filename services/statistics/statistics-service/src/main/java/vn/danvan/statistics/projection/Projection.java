package vn.danvan.statistics.projection;

import java.util.Set;
import vn.danvan.kit.contract.DomainEvent;

/**
 * What one event source's events do to the statistics: a new source (dialogues, models) is one implementation of
 * this plus one {@link vn.danvan.statistics.figures.FigureSource}, fed by the same projector and stored in the same
 * counter documents.
 */
public interface Projection {

    /**
     * The event records this projection counts. The projector reads only these: the others of the same streams (a
     * consultation's comments, ...) pass without being parsed or recorded.
     */
    Set<Class<? extends DomainEvent>> counts();

    /**
     * The key of the item whose state the event needs (e.g. {@code feedback/<id>}), or null if the event is not
     * this projection's business.
     */
    String itemKey(DomainEvent event);

    /** Applies an event: reads and updates the item's state and emits counter deltas into {@code changes}. */
    void apply(DomainEvent event, Item item, Changes changes);
}
