package vn.danvan.gateway.bodylimit;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import vn.danvan.gateway.GatewayProperties;
import vn.danvan.gateway.problem.PayloadTooLargeException;
import vn.danvan.gateway.problem.ProblemWriter;

/**
 * Refuses request bodies above {@code danvan.gateway.body-limit.max} (or the limit of the first matching entry
 * of {@code body-limit.paths}) with a 413 problem before they reach a service: by {@code Content-Length} at
 * once, and for a chunked body by counting while it streams (then the error reaches the client as a 413 if the
 * service has not answered yet).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class BodyLimitFilter implements WebFilter {

    private record Limit(PathPattern pattern, long maxBytes) {}

    private final long defaultMax;
    private final List<Limit> paths;
    private final ProblemWriter writer;

    BodyLimitFilter(GatewayProperties properties, ProblemWriter writer) {
        this.defaultMax = properties.bodyLimit().max().toBytes();
        this.paths = properties.bodyLimit().paths().stream()
                .map(p -> new Limit(
                        PathPatternParser.defaultInstance.parse(p.path()),
                        p.max().toBytes()))
                .toList();
        this.writer = writer;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        long max = maxFor(request);
        long declared = request.getHeaders().getContentLength();
        if (declared > max) {
            return writer.write(exchange, PayloadTooLargeException.problem(max));
        }
        if (declared >= 0) {
            return chain.filter(exchange);
        }
        ServerHttpRequest counted = new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
                AtomicLong seen = new AtomicLong();
                return super.getBody().handle((buffer, sink) -> {
                    if (seen.addAndGet(buffer.readableByteCount()) > max) {
                        DataBufferUtils.release(buffer);
                        sink.error(new PayloadTooLargeException(max));
                    } else {
                        sink.next(buffer);
                    }
                });
            }
        };
        return chain.filter(exchange.mutate().request(counted).build());
    }

    private long maxFor(ServerHttpRequest request) {
        for (Limit limit : paths) {
            if (limit.pattern().matches(request.getPath().pathWithinApplication())) {
                return limit.maxBytes();
            }
        }
        return defaultMax;
    }
}
