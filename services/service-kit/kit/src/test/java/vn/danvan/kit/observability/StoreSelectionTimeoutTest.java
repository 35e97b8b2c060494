package vn.danvan.kit.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoClientSettings;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** A request waits seconds, not the driver's 30, for a store that does not answer. */
class StoreSelectionTimeoutTest {

    private static long selectionTimeoutMillis(MockEnvironment environment) {
        MongoClientSettings.Builder settings = MongoClientSettings.builder();
        new ObservabilityAutoConfiguration()
                .danvanStoreSelectionTimeout(environment)
                .customize(settings);
        return settings.build().getClusterSettings().getServerSelectionTimeout(TimeUnit.MILLISECONDS);
    }

    @Test
    void fiveSecondsByDefaultConfigurableAndTheConnectionStringWins() {
        assertThat(selectionTimeoutMillis(new MockEnvironment())).isEqualTo(5_000);
        assertThat(selectionTimeoutMillis(
                        new MockEnvironment().withProperty("danvan.mongodb.server-selection-timeout", "2s")))
                .isEqualTo(2_000);
        // set in the URI: the driver reads it from there, this leaves the builder's value (the driver's default)
        assertThat(selectionTimeoutMillis(new MockEnvironment()
                        .withProperty("spring.mongodb.uri", "mongodb://db:27017/x?serverSelectionTimeoutMS=9000")))
                .isEqualTo(30_000);
    }
}
