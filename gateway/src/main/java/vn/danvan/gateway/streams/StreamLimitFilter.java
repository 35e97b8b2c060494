package vn.danvan.gateway.streams;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
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

/**
 * At most {@code danvan.gateway.streams.max-per-client} event streams open at once per client address ({@link
 * TrustedProxyFilter}); one more gets 429 with {@code Retry-After}. The rate limits count how often a client opens a
 * stream, not how many it keeps: at 300 reads a minute one address could otherwise hold every connection of the
 * service behind. The address, not a signed-in subject: a browser's EventSource sends no token, and the services
 * cannot tell clients apart behind the gateway. Counted in this replica. Runs after the rate limits (order 0), so a
 * request they refuse holds no slot.
 */
@Component
@Order(1)
class StreamLimitFilter implements WebFilter {

    /** A stream ends when its client leaves or at the service's time limit: a dashboard retries with its back-off. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(30);

    private final int maxPerClient;
    private final ServerWebExchangeMatcher streams;
    private final ProblemWriter writer;

    /** Open streams per client address; a client with none has no entry. */
    private final ConcurrentMap<String, Integer> open = new ConcurrentHashMap<>();

    StreamLimitFilter(GatewayProperties properties, ProblemWriter writer) {
        GatewayProperties.Streams settings = properties.streams();
        this.maxPerClient = settings.paths().isEmpty() ? 0 : settings.maxPerClient();
        this.streams = maxPerClient <= 0
                ? ServerWebExchangeMatchers.anyExchange()
                : ServerWebExchangeMatchers.pathMatchers(
                        HttpMethod.GET, settings.paths().toArray(String[]::new));
        this.writer = writer;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (maxPerClient <= 0) {
            return chain.filter(exchange);
        }
        return streams.matches(exchange).flatMap(match -> {
            if (!match.isMatch()) {
                return chain.filter(exchange);
            }
            String client = exchange.getAttributeOrDefault(TrustedProxyFilter.CLIENT_ADDRESS, "unknown");
            if (!tryOpen(client)) {
                return writer.write(exchange, tooMany());
            }
            // given back whichever way the stream ends: completed, failed, or cancelled as its client left
            return chain.filter(exchange).doFinally(signal -> close(client));
        });
    }

    private boolean tryOpen(String client) {
        AtomicBoolean opened = new AtomicBoolean();
        open.compute(client, (key, count) -> {
            int current = count == null ? 0 : count;
            if (current >= maxPerClient) {
                return count;
            }
            opened.set(true);
            return current + 1;
        });
        return opened.get();
    }

    private void close(String client) {
        open.computeIfPresent(client, (key, count) -> count <= 1 ? null : count - 1);
    }

    private Problem tooMany() {
        long seconds = RETRY_AFTER.toSeconds();
        return Problem.of(ProblemType.TOO_MANY_REQUESTS)
                .detail("problem.too-many-requests.streams.detail", maxPerClient, seconds)
                .with("maxStreams", maxPerClient)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
    }
}
