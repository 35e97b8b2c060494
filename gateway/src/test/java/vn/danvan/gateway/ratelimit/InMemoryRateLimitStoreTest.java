package vn.danvan.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class InMemoryRateLimitStoreTest {

    private final AtomicLong now = new AtomicLong();
    private final InMemoryRateLimitStore store = new InMemoryRateLimitStore(Map.of("submit", 30), 1000, now::get);

    @Test
    void aClientMayBurstItsLimitThenWaitsForTheRefill() {
        for (int i = 0; i < 30; i++) {
            assertThat(store.consume("submit", "a").block().allowed()).isTrue();
        }
        RateLimitStore.Decision refused = store.consume("submit", "a").block();
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(2); // 30 a minute: one every 2 s
        assertThat(store.consume("submit", "b").block().allowed()).isTrue();
        now.addAndGet(TimeUnit.SECONDS.toNanos(2));
        assertThat(store.consume("submit", "a").block().allowed()).isTrue();
        assertThat(store.consume("submit", "a").block().allowed()).isFalse();
    }

    @Test
    void anUnknownLimitDoesNotLimit() {
        for (int i = 0; i < 100; i++) {
            assertThat(store.consume("other", "a").block().allowed()).isTrue();
        }
    }
}
