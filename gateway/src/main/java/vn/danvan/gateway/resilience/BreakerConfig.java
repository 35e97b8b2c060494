package vn.danvan.gateway.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.filter.FilterDefinition;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.cloud.gateway.support.NameUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;
import vn.danvan.gateway.GatewayProperties;

/**
 * One circuit breaker per service (the routes' {@code CircuitBreaker} filters name them), all configured from
 * {@code danvan.gateway.resilience}. Resilience4j's default TimeLimiter (1 s) would cut slow answers and every
 * event stream. Here each breaker's limit follows the response timeout of the routes it guards: that timeout plus
 * {@link #MARGIN}, so the route's own timeout answers first (a 504 naming the service, with the connection
 * closed), and never less than {@code time-limit}. The statistics stream has no limiter at all
 * ({@code spring.cloud.circuitbreaker.resilience4j.disable-time-limiter-map}).
 */
@Configuration(proxyBeanMethods = false)
class BreakerConfig {

    /** How much longer than its route's response timeout a breaker waits. */
    static final Duration MARGIN = Duration.ofSeconds(1);

    private static final String CIRCUIT_BREAKER_FILTER = "CircuitBreaker";
    private static final String RESPONSE_TIMEOUT = "response-timeout";

    @Bean
    Customizer<ReactiveResilience4JCircuitBreakerFactory> breakerDefaults(
            GatewayProperties properties,
            org.springframework.cloud.gateway.config.GatewayProperties gateway,
            HttpClientProperties httpClient) {
        GatewayProperties.Resilience r = properties.resilience();
        CircuitBreakerConfig breaker = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(r.slidingWindow())
                .minimumNumberOfCalls(r.minimumCalls())
                .failureRateThreshold(r.failureRateThreshold())
                .waitDurationInOpenState(r.openWait())
                .permittedNumberOfCallsInHalfOpenState(2)
                // the first request after the wait probes the service; no timer thread needed
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .build();
        Map<String, Duration> limits = timeLimits(gateway.getRoutes(), httpClient.getResponseTimeout(), r.timeLimit());
        return factory -> factory.configureDefault(id -> new Resilience4JConfigBuilder(id)
                .circuitBreakerConfig(breaker)
                .timeLimiterConfig(TimeLimiterConfig.custom()
                        .timeoutDuration(limits.getOrDefault(id, r.timeLimit()))
                        .build())
                .build());
    }

    /**
     * Breaker name to its time limit: the longest response timeout of the routes it guards plus {@link #MARGIN},
     * at least {@code least}. A route without a timeout of its own has the http client's ({@code
     * spring.cloud.gateway.server.webflux.httpclient.response-timeout}), as its routing filter does; a route
     * with none at all adds nothing.
     */
    static Map<String, Duration> timeLimits(List<RouteDefinition> routes, Duration clientTimeout, Duration least) {
        Map<String, Duration> limits = new HashMap<>();
        for (RouteDefinition route : routes) {
            Duration timeout = responseTimeout(route, clientTimeout);
            if (timeout == null) {
                continue;
            }
            Duration limit = timeout.plus(MARGIN);
            Duration chosen = limit.compareTo(least) > 0 ? limit : least;
            for (FilterDefinition filter : route.getFilters()) {
                if (CIRCUIT_BREAKER_FILTER.equals(filter.getName())) {
                    limits.merge(breakerName(route, filter), chosen, (a, b) -> a.compareTo(b) >= 0 ? a : b);
                }
            }
        }
        return limits;
    }

    /** As Spring Cloud Gateway's routing filter reads it: milliseconds, negative for none. */
    private static Duration responseTimeout(RouteDefinition route, Duration clientTimeout) {
        Object value = route.getMetadata().get(RESPONSE_TIMEOUT);
        if (value == null) {
            return clientTimeout;
        }
        try {
            long millis = value instanceof Number number
                    ? number.longValue()
                    : Long.parseLong(value.toString().trim());
            return millis < 0 ? null : Duration.ofMillis(millis);
        } catch (NumberFormatException unreadable) {
            return clientTimeout;
        }
    }

    /** The filter's {@code name} argument (or its shortcut form), else the route's id, as the filter names it. */
    private static String breakerName(RouteDefinition route, FilterDefinition filter) {
        String name = filter.getArgs().get("name");
        if (!StringUtils.hasText(name)) {
            name = filter.getArgs().get(NameUtils.generateName(0));
        }
        return StringUtils.hasText(name) ? name : route.getId();
    }
}
