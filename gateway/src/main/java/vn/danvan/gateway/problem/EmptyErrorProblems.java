package vn.danvan.gateway.problem;

import org.reactivestreams.Publisher;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * An error the gateway answers itself with a status and nothing else becomes the problem of that status. The
 * actuator does that (an unknown health group, {@code /actuator/health/foo}, is an empty 404), where every other
 * refusal of the gateway is a problem. Answers of a route are the services' and pass as they are, empty or not.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 15)
class EmptyErrorProblems implements WebFilter {

    private final ProblemWriter writer;

    EmptyErrorProblems(ProblemWriter writer) {
        this.writer = writer;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpResponseDecorator response = new ServerHttpResponseDecorator(exchange.getResponse()) {

            @Override
            public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
                if (bareError()) {
                    return Flux.from(body).doOnNext(DataBufferUtils::release).then(problem());
                }
                return super.writeWith(body);
            }

            @Override
            public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
                if (bareError()) {
                    return Flux.from(body)
                            .flatMap(part -> Flux.from(part).doOnNext(DataBufferUtils::release))
                            .then(problem());
                }
                return super.writeAndFlushWith(body);
            }

            @Override
            public Mono<Void> setComplete() {
                return bareError() ? problem() : super.setComplete();
            }

            /** The gateway's own error, with nothing saying what its body is (a problem says so, and so does HTML). */
            private boolean bareError() {
                HttpStatusCode status = getStatusCode();
                return status != null
                        && status.isError()
                        && getHeaders().getContentType() == null
                        && exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR) == null;
            }

            private Mono<Void> problem() {
                int status = getStatusCode().value();
                return writer.write(
                        exchange, Problem.of(ProblemType.forStatus(status)).status(status));
            }
        };
        return chain.filter(exchange.mutate().response(response).build());
    }
}
