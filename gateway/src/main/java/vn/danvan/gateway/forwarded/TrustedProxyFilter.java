package vn.danvan.gateway.forwarded;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;
import vn.danvan.gateway.GatewayProperties;

/**
 * Who the client is and whether it came over TLS, believing {@code X-Forwarded-For}/{@code X-Forwarded-Proto}
 * only from the proxies in {@code danvan.gateway.trusted-proxies} (addresses or CIDR ranges; none by default).
 *
 * <p>Used instead of {@code server.forward-headers-strategy}: both of its strategies take these headers from
 * any client, so a client could pick its own address and dodge the per-client rate limits.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class TrustedProxyFilter implements WebFilter {

    /** Exchange attribute: the client's address as a string (the rate limits' key for anonymous callers). */
    public static final String CLIENT_ADDRESS = TrustedProxyFilter.class.getName() + ".clientAddress";

    private final List<AddressRange> trusted;

    TrustedProxyFilter(GatewayProperties properties) {
        this.trusted = properties.trustedProxies().stream()
                .filter(s -> !s.isBlank())
                .map(AddressRange::parse)
                .toList();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String remote = address(request.getRemoteAddress());
        exchange.getAttributes()
                .put(CLIENT_ADDRESS, clientAddress(remote, request.getHeaders().get("X-Forwarded-For")));
        if (!"https".equals(request.getURI().getScheme())
                && cameOverTls(
                        request.getURI().getScheme(),
                        request.getRemoteAddress(),
                        request.getHeaders().getFirst("X-Forwarded-Proto"))) {
            // headers/SecurityHeaders writes HSTS only for requests whose URI says https
            URI https = UriComponentsBuilder.fromUri(request.getURI())
                    .scheme("https")
                    .port(null)
                    .build(true)
                    .toUri();
            return chain.filter(exchange.mutate()
                    .request(request.mutate().uri(https).build())
                    .build());
        }
        return chain.filter(exchange);
    }

    /**
     * Whether a request came over TLS: directly ({@code scheme}), or through a trusted proxy that says so in {@code
     * X-Forwarded-Proto}. Also asked for answers the Netty server gives before this filter runs.
     */
    public boolean cameOverTls(String scheme, InetSocketAddress peer, String forwardedProto) {
        return "https".equalsIgnoreCase(scheme)
                || ("https".equalsIgnoreCase(forwardedProto) && isTrusted(address(peer)));
    }

    /**
     * The rightmost address in {@code X-Forwarded-For} that is not a trusted proxy, walking back from the
     * direct peer; the peer itself when it is not trusted (then the header may be anyone's invention).
     */
    String clientAddress(String remote, List<String> forwardedFor) {
        if (!isTrusted(remote) || forwardedFor == null) {
            return remote;
        }
        List<String> hops = forwardedFor.stream()
                .flatMap(value -> java.util.Arrays.stream(value.split(",")))
                .map(String::trim)
                .filter(hop -> !hop.isEmpty())
                .toList();
        String client = remote;
        for (int i = hops.size() - 1; i >= 0; i--) {
            client = hops.get(i);
            if (!isTrusted(client)) {
                break;
            }
        }
        return client;
    }

    private boolean isTrusted(String address) {
        if (address == null) {
            return false;
        }
        byte[] bytes = AddressRange.literal(address);
        return bytes != null && trusted.stream().anyMatch(range -> range.contains(bytes));
    }

    private static String address(InetSocketAddress socket) {
        if (socket == null) {
            return "unknown";
        }
        return socket.getAddress() != null ? socket.getAddress().getHostAddress() : socket.getHostString();
    }
}
