package vn.danvan.gateway.ratelimit;

import java.math.BigInteger;
import java.util.Map;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import reactor.core.publisher.Mono;

/**
 * Token buckets in Redis, shared by every gateway replica, through Spring Cloud Gateway's {@link
 * RedisRateLimiter} (one atomic script per request). Its rates are whole tokens a second, so a per-minute limit
 * L becomes: replenish L/g tokens a second, each request costs 60/g tokens, burst L x 60/g (g = gcd(L, 60));
 * that is exactly L a minute, bursting up to L. If Redis cannot be reached, the limiter lets requests through
 * (and logs): the limits protect the services, they must not take the platform down with Redis.
 */
class RedisRateLimitStore implements RateLimitStore {

    private final RedisRateLimiter limiter;
    private final Map<String, Long> retryAfter = new java.util.HashMap<>();

    RedisRateLimitStore(RedisRateLimiter limiter, Map<String, Integer> perMinute) {
        this.limiter = limiter;
        perMinute.forEach((name, limit) -> {
            int g = BigInteger.valueOf(limit).gcd(BigInteger.valueOf(60)).intValue();
            int replenish = limit / g;
            int cost = 60 / g;
            limiter.getConfig()
                    .put(
                            name,
                            new RedisRateLimiter.Config()
                                    .setReplenishRate(replenish)
                                    .setRequestedTokens(cost)
                                    .setBurstCapacity(limit * cost));
            retryAfter.put(name, Math.max(1, (long) Math.ceil((double) cost / replenish)));
        });
    }

    @Override
    public Mono<Decision> consume(String limit, String client) {
        Long seconds = retryAfter.get(limit);
        if (seconds == null) {
            return Mono.just(Decision.ALLOWED);
        }
        return limiter.isAllowed(limit, client)
                .map(response -> response.isAllowed() ? Decision.ALLOWED : new Decision(false, seconds));
    }
}
