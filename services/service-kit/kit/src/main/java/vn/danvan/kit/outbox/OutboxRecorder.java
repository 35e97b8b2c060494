package vn.danvan.kit.outbox;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.mongodb.core.mapping.event.AfterSaveCallback;
import org.springframework.data.mongodb.core.mapping.event.BeforeConvertCallback;
import vn.danvan.kit.contract.DomainEvent;
import vn.danvan.kit.contract.EventStream;
import vn.danvan.kit.events.CloudEventHeaders;
import vn.danvan.kit.events.EventIds;
import vn.danvan.kit.events.EventSerializer;

/**
 * Moves the events an aggregate raised into its outbox just before Spring Data writes the document, so they go in
 * the same write; after the write, wakes the relay so publication does not wait for the next poll.
 */
final class OutboxRecorder implements BeforeConvertCallback<OutboxAggregate>, AfterSaveCallback<OutboxAggregate> {

    private final EventSerializer serializer;
    private final String source;
    private final Clock clock;
    private final ObjectProvider<Tracer> tracer;
    private final OutboxSignal signal;

    /** Resolved once found: resolving a bean through the provider on every save took ~5 % of a comment's CPU. */
    private volatile Tracer resolvedTracer;

    OutboxRecorder(
            EventSerializer serializer,
            String source,
            Clock clock,
            ObjectProvider<Tracer> tracer,
            OutboxSignal signal) {
        this.serializer = serializer;
        this.source = source;
        this.clock = clock;
        this.tracer = tracer;
        this.signal = signal;
    }

    @Override
    public OutboxAggregate onBeforeConvert(OutboxAggregate aggregate, String collection) {
        List<DomainEvent> raised = aggregate.takeRaised();
        if (!raised.isEmpty()) {
            Instant now = clock.instant();
            String traceparent = currentTraceparent();
            String correlationId = currentCorrelationId();
            List<OutboxEntry> entries = raised.stream()
                    .map(event -> new OutboxEntry(
                            EventIds.next().toString(),
                            EventStream.typeOf(event.getClass()),
                            source,
                            event.aggregateId(),
                            now,
                            serializer.toJson(event),
                            traceparent,
                            correlationId))
                    .toList();
            aggregate.appendToOutbox(entries, now);
        }
        return aggregate;
    }

    @Override
    public OutboxAggregate onAfterSave(OutboxAggregate aggregate, Document document, String collection) {
        if (!aggregate.pendingEvents().isEmpty()) {
            signal.hint(collection, document.get("_id"));
        }
        return aggregate;
    }

    private Tracer tracer() {
        Tracer current = resolvedTracer;
        if (current == null) {
            // not cached while absent: a save during startup may come before the tracer exists
            current = tracer.getIfAvailable();
            resolvedTracer = current;
        }
        return current;
    }

    /** The gateway's correlation id, which arrives as trace baggage ({@code management.tracing.baggage}). */
    private String currentCorrelationId() {
        Tracer current = tracer();
        if (current == null) {
            return null;
        }
        io.micrometer.tracing.Baggage baggage = current.getBaggage(CloudEventHeaders.CORRELATION_BAGGAGE);
        String value = baggage == null ? null : baggage.get();
        // the gateway replaces a malformed id, but a caller inside the network reaches a service directly: what
        // goes onto the topic is held to the gateway's form (ADR 0007), else left out
        return value == null || !WELL_FORMED_CORRELATION_ID.matcher(value).matches() ? null : value;
    }

    /** The gateway's form of a correlation id (gateway CorrelationIdFilter). */
    private static final java.util.regex.Pattern WELL_FORMED_CORRELATION_ID =
            java.util.regex.Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private String currentTraceparent() {
        Tracer current = tracer();
        Span span = current == null ? null : current.currentSpan();
        if (span == null) {
            return null;
        }
        TraceContext context = span.context();
        if (context.traceId() == null
                || context.traceId().isBlank()
                || context.spanId() == null
                || context.spanId().isBlank()) {
            return null;
        }
        boolean sampled = Boolean.TRUE.equals(context.sampled());
        return "00-" + context.traceId() + "-" + context.spanId() + (sampled ? "-01" : "-00");
    }
}
