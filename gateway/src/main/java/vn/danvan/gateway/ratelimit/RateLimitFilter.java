package vn.danvan.gateway.ratelimit;

import java.util.List;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import vn.danvan.gateway.GatewayProperties;
import vn.danvan.gateway.forwarded.TrustedProxyFilter;
import vn.danvan.gateway.problem.Problem;
import vn.danvan.gateway.problem.ProblemType;
import vn.danvan.gateway.problem.ProblemWriter;
import vn.danvan.gateway.security.PublicEndpoints;

/**
 * Rate limits on the public endpoints, per client: the token's subject when the caller is signed in, else the
 * client's address ({@link TrustedProxyFilter}). Runs after Spring Security (order -100), so the subject is
 * known and a forged token has already been refused. Over the limit: 429 problem with {@code Retry-After}.
 */
@Component
@Order(0)
class RateLimitFilter implements WebFilter {

    private record Limited(ServerWebExchangeMatcher matcher, String limit) {}

    private final List<Limited> endpoints;
    private final RateLimitStore store;
    private final ProblemWriter writer;

    RateLimitFilter(GatewayProperties properties, RateLimitStore store, ProblemWriter writer) {
        this.endpoints = !properties.rateLimit().enabled()
                ? List.of()
                : properties.publicEndpoints().stream()
                        .filter(endpoint ->
                                endpoint.limit() != null && !endpoint.limit().isBlank())
                        .map(endpoint -> new Limited(PublicEndpoints.matcher(endpoint), endpoint.limit()))
                        .toList();
        this.store = store;
        this.writer = writer;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return limitFor(exchange, 0)
                .flatMap(limit -> clientKey(exchange).flatMap(client -> store.consume(limit, client)))
                .defaultIfEmpty(RateLimitStore.Decision.ALLOWED)
                .flatMap(decision -> decision.allowed()
                        ? chain.filter(exchange)
                        : writer.write(exchange, tooMany(decision.retryAfterSeconds())));
    }

    /** The limit of the first public endpoint that matches, or empty. */
    private Mono<String> limitFor(ServerWebExchange exchange, int from) {
        if (from >= endpoints.size()) {
            return Mono.empty();
        }
        Limited candidate = endpoints.get(from);
        return candidate
                .matcher()
                .matches(exchange)
                .flatMap(match -> match.isMatch() ? Mono.just(candidate.limit()) : limitFor(exchange, from + 1));
    }

    private static Mono<String> clientKey(ServerWebExchange exchange) {
        String address = exchange.getAttributeOrDefault(TrustedProxyFilter.CLIENT_ADDRESS, "unknown");
        return exchange.getPrincipal()
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(principal -> "sub:" + principal.getName())
                .defaultIfEmpty("ip:" + address);
    }

    private static Problem tooMany(long retryAfter) {
        return Problem.of(ProblemType.TOO_MANY_REQUESTS)
                .detailArguments(retryAfter)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
    }
}
