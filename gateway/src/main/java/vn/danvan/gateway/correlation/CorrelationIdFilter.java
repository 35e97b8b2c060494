package vn.danvan.gateway.correlation;

import brave.baggage.BaggageField;
import io.micrometer.tracing.brave.bridge.BraveTraceContext;
import io.micrometer.tracing.handler.TracingObservationHandler;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives every request a correlation id: the caller's {@code X-Correlation-Id} when well-formed, else a new
 * UUID (a malformed one is replaced, not passed on: it ends up in logs). The id goes to the service in the same
 * header, back to the caller in the response, and into the trace's baggage ({@code
 * management.tracing.baggage.remote-fields}), so services that propagate the trace context carry it on to
 * their own calls and log it (MDC correlation field).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class CorrelationIdFilter implements WebFilter {

    static final String HEADER = "X-Correlation-Id";
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String given = exchange.getRequest().getHeaders().getFirst(HEADER);
        String id = given != null && WELL_FORMED.matcher(given).matches()
                ? given
                : UUID.randomUUID().toString();
        putInBaggage(exchange, id);
        exchange.getResponse().beforeCommit(() -> {
            // set, not add: a service that echoes the header must not make it appear twice
            exchange.getResponse().getHeaders().set(HEADER, id);
            return Mono.empty();
        });
        if (id.equals(given)) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange.mutate()
                .request(request -> request.headers(headers -> headers.set(HEADER, id)))
                .build());
    }

    /**
     * Sets the baggage on the server span's context, which the gateway's client span inherits; without this
     * Brave would inject the header it extracted from the request (missing, or the malformed value) and
     * override the one set above.
     */
    private void putInBaggage(ServerWebExchange exchange, String id) {
        ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .map(context -> (TracingObservationHandler.TracingContext)
                        context.get(TracingObservationHandler.TracingContext.class))
                .map(tracing -> tracing.getSpan())
                .map(span -> BraveTraceContext.toBrave(span.context()))
                .ifPresent(context -> {
                    // Brave's own API: micrometer's baggage scope updates a copy of the context, not the span's
                    BaggageField field = BaggageField.getByName(context, HEADER);
                    if (field != null) {
                        field.updateValue(context, id);
                    }
                });
    }
}
