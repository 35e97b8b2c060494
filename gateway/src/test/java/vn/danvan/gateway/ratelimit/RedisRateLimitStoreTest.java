package vn.danvan.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import reactor.core.publisher.Mono;

class RedisRateLimitStoreTest {

    /** Answers whatever the test puts in {@code next}; never touches Redis. */
    private static final class ScriptedLimiter extends RedisRateLimiter {
        final AtomicReference<Mono<RateLimiter.Response>> next = new AtomicReference<>();

        ScriptedLimiter() {
            super(1, 1);
        }

        @Override
        public Mono<RateLimiter.Response> isAllowed(String routeId, String id) {
            return next.get();
        }
    }

    @Test
    void aRedisThatNeverAnswersLetsTheRequestThroughAfterTheTimeout() {
        ScriptedLimiter limiter = new ScriptedLimiter();
        limiter.next.set(Mono.never());
        RedisRateLimitStore store = new RedisRateLimitStore(limiter, Map.of("submit", 30), Duration.ofMillis(100));

        long started = System.nanoTime();
        RateLimitStore.Decision decision =
                store.consume("submit", "ip:198.51.100.1").block(Duration.ofSeconds(10));

        assertThat(decision).isEqualTo(RateLimitStore.Decision.ALLOWED);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aRefusalCarriesTheRetryAfterOfTheLimit() {
        ScriptedLimiter limiter = new ScriptedLimiter();
        limiter.next.set(Mono.just(new RateLimiter.Response(false, Map.of())));
        // 30 a minute: a token every 2 s
        RedisRateLimitStore store = new RedisRateLimitStore(limiter, Map.of("submit", 30), Duration.ofSeconds(1));

        RateLimitStore.Decision decision =
                store.consume("submit", "ip:198.51.100.1").block(Duration.ofSeconds(10));

        assertThat(decision.allowed()).isFalse();
        assertThat(decision.retryAfterSeconds()).isEqualTo(2);
        // the configuration handed to the limiter spends 2 tokens a request, 1 replenished a second, 60 at most
        RedisRateLimiter.Config config = limiter.getConfig().get("submit");
        assertThat(config.getRequestedTokens()).isEqualTo(2);
        assertThat(config.getReplenishRate()).isEqualTo(1);
        assertThat(config.getBurstCapacity()).isEqualTo(60);
    }

    @Test
    void aLimitWithoutConfigurationIsNotAskedAbout() {
        ScriptedLimiter limiter = new ScriptedLimiter();
        limiter.next.set(Mono.error(new AssertionError("the limiter must not be asked")));
        RedisRateLimitStore store = new RedisRateLimitStore(limiter, Map.of("submit", 30), Duration.ofSeconds(1));

        assertThat(store.consume("other", "ip:198.51.100.1").block(Duration.ofSeconds(10)))
                .isEqualTo(RateLimitStore.Decision.ALLOWED);
    }
}
