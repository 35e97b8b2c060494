package vn.danvan.kit.observability;

import io.micrometer.observation.Observation;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.TracingObservationHandler;
import java.util.Optional;
import org.slf4j.MDC;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The trace id of the work in progress: put it where people will look for it later (problem bodies,
 * event metadata), so a user's report leads to the log lines of exactly that request.
 */
public final class CurrentTrace {

    /** MDC key that Boot's log correlation uses. */
    static final String MDC_TRACE_ID = "traceId";

    private final ObjectProvider<Tracer> tracer;

    CurrentTrace(ObjectProvider<Tracer> tracer) {
        this.tracer = tracer;
    }

    /** The current span's trace id, else the one in the logging context, if any. */
    public Optional<String> traceId() {
        Tracer current = tracer.getIfAvailable();
        Span span = current != null ? current.currentSpan() : null;
        if (span != null) {
            return Optional.of(span.context().traceId());
        }
        return Optional.ofNullable(MDC.get(MDC_TRACE_ID));
    }

    /**
     * The trace id of an observation whose scope is already closed, e.g. a request's observation when
     * the servlet container dispatches to the error page.
     */
    public Optional<String> traceId(Observation.Context context) {
        if (context != null) {
            TracingObservationHandler.TracingContext tracing =
                    context.get(TracingObservationHandler.TracingContext.class);
            if (tracing != null && tracing.getSpan() != null) {
                return Optional.of(tracing.getSpan().context().traceId());
            }
        }
        return traceId();
    }
}
