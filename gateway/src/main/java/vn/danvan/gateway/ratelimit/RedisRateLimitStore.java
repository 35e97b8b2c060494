package vn.danvan.gateway.ratelimit;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import reactor.core.publisher.Mono;

/**
 * Token buckets in Redis, shared by every gateway replica, through Spring Cloud Gateway's {@link
 * RedisRateLimiter} (one atomic script per request). Its rates are whole tokens a second, so a per-minute limit
 * L becomes: replenish L/g tokens a second, each request costs 60/g tokens, burst L x 60/g (g = gcd(L, 60));
 * that is exactly L a minute, bursting up to L. If Redis cannot be reached (an error, or no answer within the
 * store timeout), the request is let through and a warning logged at most every 10 s: the limits protect the
 * services, they must not take the platform down with Redis.
 */
class RedisRateLimitStore implements RateLimitStore {

    private static final Logger log = LoggerFactory.getLogger(RedisRateLimitStore.class);
    private static final long WARN_EVERY_NANOS = Duration.ofSeconds(10).toNanos();

    private final RedisRateLimiter limiter;
    private final Duration timeout;
    private final Map<String, Long> retryAfter = new java.util.HashMap<>();
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

    RedisRateLimitStore(RedisRateLimiter limiter, Map<String, Integer> perMinute, Duration timeout) {
        this.limiter = limiter;
        this.timeout = timeout;
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
                .map(response -> response.isAllowed() ? Decision.ALLOWED : new Decision(false, seconds))
                .timeout(timeout)
                .onErrorResume(TimeoutException.class, late -> {
                    warnNowAndThen();
                    return Mono.just(Decision.ALLOWED);
                });
    }

    private void warnNowAndThen() {
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last >= WARN_EVERY_NANOS && lastWarning.compareAndSet(last, now)) {
            log.warn("Redis gave no rate-limit decision within {}: request let through", timeout);
        }
    }
}
