package vn.danvan.kit.outbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.data.annotation.Transient;
import org.springframework.data.annotation.Version;
import vn.danvan.kit.contract.DomainEvent;

/**
 * Base of every aggregate that publishes events: its pending events live in an {@code outbox} array inside its own
 * MongoDB document and are saved in the same single-document write as the state change, so an aggregate and its
 * events are stored together or not at all (no multi-document transaction needed). The relay publishes and removes
 * them, bumping {@code version} so that a stale copy of the aggregate cannot write them back.
 *
 * <p>Domain methods return the events they raise; the application service passes them to {@link #record} and saves.
 */
public abstract class OutboxAggregate {

    /** Field names the relay reads and writes directly. */
    static final String VERSION = "version";

    static final String OUTBOX = "outbox";
    static final String PENDING_SINCE = "outboxPendingSince";
    static final String LEASE = "outboxLease";

    @Version
    private Long version;

    private List<OutboxEntry> outbox = new ArrayList<>();

    /** Set while the outbox is not empty: the relay finds work through an index on it. */
    private Instant outboxPendingSince;

    /** Kept as loaded so that a save does not clear a relay's claim; only the relay changes it. */
    private OutboxLease outboxLease;

    @Transient
    private List<DomainEvent> raised = new ArrayList<>();

    /** Queues events raised by a domain method; they enter the outbox when the aggregate is saved. */
    public final void record(Collection<? extends DomainEvent> events) {
        if (raised == null) {
            raised = new ArrayList<>();
        }
        raised.addAll(events);
    }

    public final void record(DomainEvent event) {
        record(List.of(event));
    }

    /** Optimistic-lock version; null until first saved. */
    public final Long getVersion() {
        return version;
    }

    /** Events saved but not yet published, oldest first. */
    public final List<OutboxEntry> pendingEvents() {
        return outbox == null ? List.of() : List.copyOf(outbox);
    }

    List<DomainEvent> takeRaised() {
        if (raised == null || raised.isEmpty()) {
            return List.of();
        }
        List<DomainEvent> taken = List.copyOf(raised);
        raised.clear();
        return taken;
    }

    void appendToOutbox(List<OutboxEntry> entries, Instant now) {
        if (outbox == null) {
            outbox = new ArrayList<>();
        }
        outbox.addAll(entries);
        if (outboxPendingSince == null && !outbox.isEmpty()) {
            outboxPendingSince = now;
        }
    }
}
