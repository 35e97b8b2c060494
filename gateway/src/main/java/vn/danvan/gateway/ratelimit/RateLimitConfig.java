package vn.danvan.gateway.ratelimit;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.danvan.gateway.GatewayProperties;

/** Picks the store: {@code danvan.gateway.rate-limit.store=redis} for Redis, anything else in process. */
@Configuration(proxyBeanMethods = false)
class RateLimitConfig {

    @Bean
    @ConditionalOnProperty(name = "danvan.gateway.rate-limit.store", havingValue = "redis")
    RateLimitStore redisRateLimitStore(RedisRateLimiter limiter, GatewayProperties properties) {
        GatewayProperties.RateLimit limits = properties.rateLimit();
        return new RedisRateLimitStore(limiter, limits.perMinute(), limits.storeTimeout());
    }

    @Bean
    @ConditionalOnProperty(name = "danvan.gateway.rate-limit.store", havingValue = "memory", matchIfMissing = true)
    RateLimitStore inMemoryRateLimitStore(GatewayProperties properties) {
        GatewayProperties.RateLimit limits = properties.rateLimit();
        return new InMemoryRateLimitStore(limits.perMinute(), limits.maxClients(), System::nanoTime);
    }
}
