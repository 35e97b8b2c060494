package vn.danvan.gateway.headers;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import vn.danvan.gateway.forwarded.TrustedProxyFilter;

/**
 * The security headers of every answer leaving the gateway, its own (problems, health, Swagger UI) and the services'
 * alike. Spring Security's header writer did this only for answers given inside its chain, so a 413 by body size, a
 * request the firewall refused and the Netty server's own problems (problem/UnreadableRequestTarget,
 * problem/OversizedRequestHead) went without. This filter runs first (after {@link TrustedProxyFilter}, which
 * decides whether the request came over TLS) and writes the headers when the answer is committed; the Netty routes
 * call {@link #addTo(HttpServerRequest, HttpServerResponse)}.
 *
 * <p>A header the answer already has is left alone, so a service's own value (the dashboard's framing rule, say)
 * passes unchanged and none appears twice. Caching is each service's decision; the gateway's problems say {@code
 * no-store} themselves (problem/ProblemWriter).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
public class SecurityHeaders implements WebFilter {

    /** For every answer; the values Spring Security wrote before (docs/gateway.md, Headers). */
    private static final Map<String, String> ALWAYS = new LinkedHashMap<>();

    static {
        ALWAYS.put("X-Content-Type-Options", "nosniff");
        ALWAYS.put("X-Frame-Options", "DENY");
        // the old browsers' XSS auditor could be abused to hide parts of a page: off, as OWASP advises
        ALWAYS.put("X-XSS-Protection", "0");
        ALWAYS.put("Referrer-Policy", "no-referrer");
    }

    /** Only for requests that came over TLS (a browser ignores it over plain HTTP). */
    static final String HSTS = "max-age=31536000; includeSubDomains";

    private final TrustedProxyFilter proxies;

    SecurityHeaders(TrustedProxyFilter proxies) {
        this.proxies = proxies;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        // the URI says https when the request came over TLS, directly or via a trusted proxy (TrustedProxyFilter)
        boolean overTls =
                "https".equalsIgnoreCase(exchange.getRequest().getURI().getScheme());
        exchange.getResponse().beforeCommit(() -> {
            HttpHeaders headers = exchange.getResponse().getHeaders();
            headersFor(overTls).forEach((name, value) -> {
                if (!headers.containsHeader(name)) {
                    headers.set(name, value);
                }
            });
            return Mono.empty();
        });
        return chain.filter(exchange);
    }

    /** For an answer the Netty server writes itself, before WebFlux: no exchange, no service answer to respect. */
    public void addTo(HttpServerRequest request, HttpServerResponse response) {
        boolean overTls = proxies.cameOverTls(
                request.connectionScheme(),
                request.remoteAddress(),
                request.requestHeaders().get("X-Forwarded-Proto"));
        headersFor(overTls).forEach(response::header);
    }

    static Map<String, String> headersFor(boolean overTls) {
        if (!overTls) {
            return ALWAYS;
        }
        Map<String, String> headers = new LinkedHashMap<>(ALWAYS);
        headers.put("Strict-Transport-Security", HSTS);
        return headers;
    }
}
