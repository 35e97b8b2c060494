package vn.danvan.gateway.problem;

import io.micrometer.tracing.handler.TracingObservationHandler;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebExchangeDecorator;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.json.JsonMapper;
import vn.danvan.gateway.headers.SecurityHeaders;

/**
 * Writes RFC 9457 problems the way the services' kit does (docs/errors.md): {@code application/problem+json},
 * Vietnamese unless the client ranks English higher, {@code instance} = the path, {@code traceId} when a trace
 * runs. The gateway is reactive and cannot use the servlet kit, hence this small equivalent. A problem answers one
 * request at one moment: {@code Cache-Control: no-store}, so no cache serves a 429 or 503 to the next caller.
 */
@Component
public class ProblemWriter {

    static final Locale VIETNAMESE = Locale.of("vi");
    private static final List<Locale> SUPPORTED = List.of(VIETNAMESE, Locale.ENGLISH);
    private static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;
    private static final String NO_STORE = "no-store";

    private final ResourceBundleMessageSource texts = new ResourceBundleMessageSource();
    private final JsonMapper json = JsonMapper.builder().build();
    private final SecurityHeaders securityHeaders;

    ProblemWriter(SecurityHeaders securityHeaders) {
        this.securityHeaders = securityHeaders;
        texts.setBasename("danvan/gateway/problems");
        texts.setDefaultEncoding("UTF-8");
        // otherwise a Vietnamese lookup falls through to the JVM's locale
        texts.setFallbackToSystemLocale(false);
        texts.setAlwaysUseMessageFormat(true);
    }

    /** Writes the problem, unless the response is already committed (then there is nothing left to say). */
    public Mono<Void> write(ServerWebExchange exchange, Problem problem) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        Locale locale = localeFor(exchange.getRequest().getHeaders().getFirst(HttpHeaders.ACCEPT_LANGUAGE));
        byte[] bytes = body(problem, locale, instance(exchange), traceId(exchange));
        response.setStatusCode(HttpStatusCode.valueOf(problem.status()));
        HttpHeaders headers = response.getHeaders();
        headers.addAll(problem.headers());
        headers.setContentType(PROBLEM_JSON);
        headers.setContentLength(bytes.length);
        headers.set(HttpHeaders.CONTENT_LANGUAGE, locale.getLanguage());
        headers.setCacheControl(NO_STORE);
        return response.writeWith(
                Mono.fromSupplier(() -> response.bufferFactory().wrap(bytes)));
    }

    /**
     * Answers a request with the problem from a route of the Netty server, before WebFlux (no exchange, no trace):
     * in the request's language, {@code instance} its path unless longer than {@code maxInstance}.
     */
    Mono<Void> answer(HttpServerRequest request, HttpServerResponse response, Problem problem, int maxInstance) {
        Locale locale = localeFor(request.requestHeaders().get(HttpHeaders.ACCEPT_LANGUAGE));
        String target = request.uri();
        int query = target.indexOf('?');
        String path = query >= 0 ? target.substring(0, query) : target;
        byte[] bytes = body(problem, locale, path.length() <= maxInstance ? path : null, null);
        problem.headers().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        // outside WebFlux, so the security headers' filter never sees this answer
        securityHeaders.addTo(request, response);
        return response.status(problem.status())
                .header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE)
                .header(HttpHeaders.CONTENT_LANGUAGE, locale.getLanguage())
                .header(HttpHeaders.CONTENT_LENGTH, Integer.toString(bytes.length))
                .header(HttpHeaders.CACHE_CONTROL, NO_STORE)
                .sendByteArray(Mono.just(bytes))
                .then();
    }

    /** The problem document, for a response written outside WebFlux (no exchange, no trace). */
    byte[] body(Problem problem, Locale locale, String instance, String traceId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.type().uri());
        body.put("title", text(problem.type().titleKey(), locale));
        body.put("status", problem.status());
        if (problem.type() != ProblemType.INTERNAL_ERROR) {
            String detail = texts.getMessage(problem.detailKey(), problem.detailArguments(), null, locale);
            if (detail != null) {
                body.put("detail", detail);
            }
        }
        if (instance != null) {
            body.put("instance", instance);
        }
        body.putAll(problem.extensions());
        if (traceId != null) {
            body.put("traceId", traceId);
        }
        return json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
    }

    private String text(String key, Locale locale) {
        return texts.getMessage(key, null, key, locale);
    }

    static Locale localeFor(String acceptLanguage) {
        if (!StringUtils.hasText(acceptLanguage)) {
            return VIETNAMESE;
        }
        try {
            Locale best = Locale.lookup(Locale.LanguageRange.parse(acceptLanguage), SUPPORTED);
            return best != null ? best : VIETNAMESE;
        } catch (IllegalArgumentException malformedHeader) {
            return VIETNAMESE;
        }
    }

    /**
     * The path the client asked for. A route's circuit breaker answers through {@code forward:/fallback/<service>}
     * and a route may rewrite the path: both change the exchange's request, never the one the server received,
     * which the first exchange (all later ones decorate it) still holds.
     */
    static String instance(ServerWebExchange exchange) {
        ServerWebExchange original = exchange;
        while (original instanceof ServerWebExchangeDecorator decorator) {
            original = decorator.getDelegate();
        }
        return original.getRequest().getPath().value();
    }

    /** The trace id of the request's server observation (reactive code has no current span in a thread local). */
    static String traceId(ServerWebExchange exchange) {
        return ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .map(context -> (TracingObservationHandler.TracingContext)
                        context.get(TracingObservationHandler.TracingContext.class))
                .map(tracing -> tracing.getSpan())
                .map(span -> span.context().traceId())
                .orElse(null);
    }
}
