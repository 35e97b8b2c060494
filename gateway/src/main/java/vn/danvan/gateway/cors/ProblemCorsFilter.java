package vn.danvan.gateway.cors;

import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.CorsProcessor;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.cors.reactive.DefaultCorsProcessor;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import vn.danvan.gateway.problem.Problem;
import vn.danvan.gateway.problem.ProblemType;
import vn.danvan.gateway.problem.ProblemWriter;

/**
 * Spring's CORS filter, except that a request from an origin (or with a method or header) the configuration does not
 * allow gets a forbidden problem, as every other refusal of the gateway, instead of an empty 403.
 */
public final class ProblemCorsFilter implements WebFilter {

    private final CorsConfigurationSource source;
    private final CorsProcessor processor = new DefaultCorsProcessor();
    private final ProblemWriter problems;

    public ProblemCorsFilter(CorsConfigurationSource source, ProblemWriter problems) {
        this.source = source;
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        CorsConfiguration config = source.getCorsConfiguration(exchange);
        if (!processor.process(config, exchange)) {
            return problems.write(exchange, Problem.of(ProblemType.FORBIDDEN).detail("problem.forbidden.detail.cors"));
        }
        if (CorsUtils.isPreFlightRequest(exchange.getRequest())) {
            return Mono.empty();
        }
        return chain.filter(exchange);
    }
}
