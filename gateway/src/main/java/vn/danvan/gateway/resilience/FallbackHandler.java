package vn.danvan.gateway.resilience;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.internal.shaded.reactor.pool.PoolAcquirePendingLimitException;
import reactor.netty.internal.shaded.reactor.pool.PoolAcquireTimeoutException;
import vn.danvan.gateway.GatewayProperties;
import vn.danvan.gateway.problem.PayloadTooLargeException;
import vn.danvan.gateway.problem.Problem;
import vn.danvan.gateway.problem.ProblemType;
import vn.danvan.gateway.problem.ProblemWriter;

/**
 * Where the routes' circuit breakers forward a failed or refused call ({@code forward:/fallback/<service>}).
 *
 * <p>A response timeout answers 504 {@code gateway-timeout} (the service is there but slow: retrying at once
 * will not help, and the client should not be told the service is down); everything else (connection refused,
 * the breaker open, no free connection in the pool) answers 503 {@code service-unavailable} naming the service, with
 * {@code Retry-After} = the breaker's open wait. A body over the limit found while streaming it upstream is still a 413.
 */
@Configuration(proxyBeanMethods = false)
class FallbackHandler {

    @Bean
    RouterFunction<ServerResponse> fallbackRoutes(ProblemWriter writer, GatewayProperties properties) {
        long retryAfter = Math.max(1, ceilSeconds(properties.resilience().openWait()));
        return RouterFunctions.route()
                .route(request -> request.path().startsWith("/fallback/"), request -> {
                    String service = request.path().substring("/fallback/".length());
                    ServerWebExchange exchange = request.exchange();
                    Throwable cause =
                            exchange.getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
                    return writer.write(exchange, problem(service, cause, retryAfter))
                            .then(Mono.<ServerResponse>empty());
                })
                .build();
    }

    static Problem problem(String service, Throwable cause, long retryAfter) {
        PayloadTooLargeException tooLarge = cause == null ? null : PayloadTooLargeException.in(cause);
        if (tooLarge != null) {
            return PayloadTooLargeException.problem(tooLarge.maxBytes());
        }
        DefaultMessageSourceResolvable name =
                new DefaultMessageSourceResolvable(new String[] {"service." + service}, service);
        if (!poolExhausted(cause) && isTimeout(cause)) {
            return Problem.of(ProblemType.GATEWAY_TIMEOUT)
                    .detail("problem.gateway-timeout.service.detail", name, service)
                    .with("service", service);
        }
        return Problem.of(ProblemType.SERVICE_UNAVAILABLE)
                .detail("problem.service-unavailable.service.detail", name, service, retryAfter)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter))
                .with("service", service);
    }

    /**
     * Every connection of the pool to the service was taken for longer than the pool's acquire timeout: the service
     * was never asked, so it is busy (503, come back later), not slow to answer (504), though the pool's exception is
     * a {@code TimeoutException}.
     */
    private static boolean poolExhausted(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PoolAcquireTimeoutException || t instanceof PoolAcquirePendingLimitException) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTimeout(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TimeoutException
                    || (t instanceof ResponseStatusException status
                            && status.getStatusCode().value() == HttpStatus.GATEWAY_TIMEOUT.value())) {
                return true;
            }
        }
        return false;
    }

    private static long ceilSeconds(Duration duration) {
        return (duration.toMillis() + 999) / 1000;
    }
}
