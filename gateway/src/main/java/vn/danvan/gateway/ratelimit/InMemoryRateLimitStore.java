package vn.danvan.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Map;
import java.util.function.LongSupplier;
import reactor.core.publisher.Mono;

/**
 * Token buckets in this process: each client may burst up to its per-minute limit, refilled evenly over the
 * minute. Memory is bounded: at most {@code maxClients} buckets, the least recently used evicted first, and a
 * bucket untouched for two minutes (full again by then) is dropped.
 */
class InMemoryRateLimitStore implements RateLimitStore {

    private final Map<String, Integer> perMinute;
    private final Cache<String, Bucket> buckets;
    private final LongSupplier nanoTime;

    InMemoryRateLimitStore(Map<String, Integer> perMinute, long maxClients, LongSupplier nanoTime) {
        this.perMinute = perMinute;
        this.nanoTime = nanoTime;
        this.buckets = Caffeine.newBuilder()
                .maximumSize(maxClients)
                .expireAfterAccess(Duration.ofMinutes(2))
                .build();
    }

    @Override
    public Mono<Decision> consume(String limit, String client) {
        Integer capacity = perMinute.get(limit);
        if (capacity == null) {
            return Mono.just(Decision.ALLOWED);
        }
        Bucket bucket = buckets.get(limit + '|' + client, key -> new Bucket(capacity, nanoTime.getAsLong()));
        return Mono.just(bucket.take(nanoTime.getAsLong()));
    }

    private static final class Bucket {

        private final double capacity;
        private final double tokensPerNano;
        private double tokens;
        private long last;

        Bucket(int perMinute, long now) {
            this.capacity = perMinute;
            this.tokensPerNano = perMinute / 60e9;
            this.tokens = perMinute;
            this.last = now;
        }

        synchronized Decision take(long now) {
            tokens = Math.min(capacity, tokens + (now - last) * tokensPerNano);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return Decision.ALLOWED;
            }
            long seconds = (long) Math.ceil((1 - tokens) / tokensPerNano / 1e9);
            return new Decision(false, Math.max(1, seconds));
        }
    }
}
