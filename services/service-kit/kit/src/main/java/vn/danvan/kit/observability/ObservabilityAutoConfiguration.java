package vn.danvan.kit.observability;

import com.mongodb.client.MongoClient;
import io.micrometer.tracing.Tracer;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.mongodb.autoconfigure.health.MongoHealthContributorAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Access to the current trace id. The settings themselves (actuator exposure, health groups, sampling,
 * log correlation, JSON logs) are property defaults: see {@code META-INF/danvan/kit-defaults.properties}
 * and {@code vn.danvan.kit.config.KitDefaultsEnvironmentPostProcessor}. Not limited to web
 * applications: event consumers want the trace id too.
 */
@AutoConfiguration(after = MongoAutoConfiguration.class, before = MongoHealthContributorAutoConfiguration.class)
public class ObservabilityAutoConfiguration {

    /** Named so that Boot's MongoDB health contributor backs off; the health component stays {@code mongo}. */
    @Bean
    @ConditionalOnClass(MongoClient.class)
    @ConditionalOnBean(MongoClient.class)
    @ConditionalOnMissingBean(name = "mongoHealthIndicator")
    MongoPingHealthIndicator mongoHealthIndicator(MongoClient client) {
        return new MongoPingHealthIndicator(client);
    }

    /**
     * How long a request waits for an unreachable store before it is answered 503 (the driver's default is 30 s, three
     * times the gateway's response timeout: the citizen got a 504 for an item stored later, and retried it).
     * {@code danvan.mongodb.server-selection-timeout}, 5 s by default; a {@code serverSelectionTimeoutMS} in the
     * connection string wins.
     */
    @Bean
    @ConditionalOnClass(MongoClientSettingsBuilderCustomizer.class)
    MongoClientSettingsBuilderCustomizer danvanStoreSelectionTimeout(Environment environment) {
        Duration timeout =
                DurationStyle.detectAndParse(environment.getProperty("danvan.mongodb.server-selection-timeout", "5s"));
        String uri = environment.getProperty("spring.mongodb.uri", "");
        boolean inUri = uri.toLowerCase(Locale.ROOT).contains("serverselectiontimeoutms");
        return settings -> {
            if (!inUri) {
                settings.applyToClusterSettings(
                        cluster -> cluster.serverSelectionTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS));
            }
        };
    }

    @Bean
    @ConditionalOnMissingBean
    CurrentTrace danvanCurrentTrace(ObjectProvider<Tracer> tracer) {
        return new CurrentTrace(tracer);
    }
}
