package vn.danvan.gateway.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.danvan.gateway.GatewayProperties;

/**
 * One circuit breaker per service (the routes' {@code CircuitBreaker} filters name them), all configured from
 * {@code danvan.gateway.resilience}. Resilience4j's default TimeLimiter (1 s) would cut slow answers and every
 * event stream: here it is {@code time-limit}, longer than the routes' response timeouts, and switched off for
 * the statistics stream ({@code spring.cloud.circuitbreaker.resilience4j.disable-time-limiter-map}).
 */
@Configuration(proxyBeanMethods = false)
class BreakerConfig {

    @Bean
    Customizer<ReactiveResilience4JCircuitBreakerFactory> breakerDefaults(GatewayProperties properties) {
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
        TimeLimiterConfig timeLimiter =
                TimeLimiterConfig.custom().timeoutDuration(r.timeLimit()).build();
        return factory -> factory.configureDefault(id -> new Resilience4JConfigBuilder(id)
                .circuitBreakerConfig(breaker)
                .timeLimiterConfig(timeLimiter)
                .build());
    }
}
